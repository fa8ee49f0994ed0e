#pragma once
// Hodgkin–Huxley family channels, each a short declarative definition on the gate template
// (channel_kernel.hpp): parameters, gate names, the gates' steady states and time constants
// (α/β or inf/τ form, with a rate factor for temperature), and the current.
//
// Sign convention: currents are outward-positive, as in NEURON: i = g·(v − E) [mA/cm²],
// with g in S/cm² and v, E in mV. Gate rates are in 1/ms.
#include <array>
#include <cmath>

#include "model/mechanisms/channel_math.hpp"
#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell::channels {

using namespace chanmath;

// NEURON's hh.mod (rate tables off): ina = gnabar·m³h·(v − ena), ik = gkbar·n⁴·(v − ek),
// il = gl·(v − el); q10 = 3^((celsius − 6.3)/10).
struct HH {
    static constexpr const char* name = "hh";
    static constexpr const char* description =
        "Hodgkin-Huxley squid axon channels, exactly as NEURON's hh.mod";
    static constexpr std::array<const char*, 2> ions{"na", "k"};  // the leak is nonspecific
    static constexpr std::array<ParamSpec, 6> params{{
        {"gnabar", 0.12, "S/cm2", "sodium conductance density"},
        {"gkbar", 0.036, "S/cm2", "potassium conductance density"},
        {"gl", 0.0003, "S/cm2", "leak conductance density"},
        {"el", -54.3, "mV", "leak reversal potential"},
        {"ena", 50.0, "mV", "sodium reversal potential"},
        {"ek", -77.0, "mV", "potassium reversal potential"},
    }};
    static constexpr std::array<const char*, 3> states{"m", "h", "n"};
    enum { gnabar, gkbar, gl, el, ena, ek };
    enum { m, h, n };

    static double rate_factor(double celsius, const double*) {
        return std::pow(3.0, (celsius - 6.3) / 10.0);
    }

    template <class T>
    static void gates(const T& v, const T*, const T& q, T* inf, T* tau) {
        from_alpha_beta(T(0.1 * vtrap(T(-(v + 40.0)), 10.0)), T(4.0 * exp(T(-(v + 65.0) / 18.0))),
                        q, inf[m], tau[m]);
        from_alpha_beta(T(0.07 * exp(T(-(v + 65.0) / 20.0))),
                        T(1.0 / (exp(T(-(v + 35.0) / 10.0)) + 1.0)), q, inf[h], tau[h]);
        from_alpha_beta(T(0.01 * vtrap(T(-(v + 55.0)), 10.0)),
                        T(0.125 * exp(T(-(v + 65.0) / 80.0))), q, inf[n], tau[n]);
    }

    template <class T>
    static void current(const T& v, const T* p, const T* s, T& i, T& g) {
        const T gna = p[gnabar] * s[m] * s[m] * s[m] * s[h];
        const T n2 = s[n] * s[n];
        const T gk = p[gkbar] * n2 * n2;
        g = gna + gk + p[gl];
        i = gna * (v - p[ena]) + gk * (v - p[ek]) + p[gl] * (v - p[el]);
    }

    // ina (which = 0) or ik (which = 1) alone.
    template <class T>
    static void ion_current(std::size_t which, const T& v, const T* p, const T* s, T& i, T& g) {
        if (which == 0) {
            g = p[gnabar] * s[m] * s[m] * s[m] * s[h];
            i = g * (v - p[ena]);
        } else {
            const T n2 = s[n] * s[n];
            g = p[gkbar] * n2 * n2;
            i = g * (v - p[ek]);
        }
    }
};

// braincell's INa_HH1952: g_max·m³h·(v − ena) with V_sh = −45 mV and rate factor phi.
struct Na_HH1952 {
    static constexpr const char* name = "Na_HH1952";
    static constexpr const char* description =
        "Hodgkin-Huxley 1952 sodium channel (braincell INa_HH1952)";
    static constexpr const char* ion = "na";
    static constexpr std::array<ParamSpec, 4> params{{
        {"g_max", 0.12, "S/cm2", "maximal conductance density"},
        {"V_sh", -45.0, "mV", "voltage shift"},
        {"phi", 1.0, "1", "rate factor"},
        {"ena", 50.0, "mV", "sodium reversal potential"},
    }};
    static constexpr std::array<const char*, 2> states{"m", "h"};
    enum { g_max, V_sh, phi, ena };
    enum { m, h };

    static double rate_factor(double, const double* p) { return p[phi]; }

    template <class T>
    static void gates(const T& v, const T* p, const T& q, T* inf, T* tau) {
        const T u = v - p[V_sh];
        const T x = u - 5.0;
        from_alpha_beta(T(inv_exprel(T(-x / 10.0))), T(4.0 * exp(T(-(u + 20.0) / 18.0))), q, inf[m],
                        tau[m]);
        from_alpha_beta(T(0.07 * exp(T(-(u + 20.0) / 20.0))),
                        T(1.0 / (1.0 + exp(T(-(u - 10.0) / 10.0)))), q, inf[h], tau[h]);
    }

    template <class T>
    static void current(const T& v, const T* p, const T* s, T& i, T& g) {
        g = p[g_max] * s[m] * s[m] * s[m] * s[h];
        i = g * (v - p[ena]);
    }
};

// braincell's IK_HH1952: g_max·n⁴·(v − ek) with V_sh = −45 mV and rate factor phi.
struct K_HH1952 {
    static constexpr const char* name = "K_HH1952";
    static constexpr const char* description =
        "Hodgkin-Huxley 1952 potassium channel (braincell IK_HH1952)";
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 4> params{{
        {"g_max", 0.01, "S/cm2", "maximal conductance density"},
        {"V_sh", -45.0, "mV", "voltage shift"},
        {"phi", 1.0, "1", "rate factor"},
        {"ek", -77.0, "mV", "potassium reversal potential"},
    }};
    static constexpr std::array<const char*, 1> states{"n"};
    enum { g_max, V_sh, phi, ek };
    enum { n };

    static double rate_factor(double, const double* p) { return p[phi]; }

    template <class T>
    static void gates(const T& v, const T* p, const T& q, T* inf, T* tau) {
        const T u = v - p[V_sh];
        from_alpha_beta(T(0.1 * inv_exprel(T(-(u + 10.0) / 10.0))),
                        T(0.125 * exp(T(-(u + 20.0) / 80.0))), q, inf[n], tau[n]);
    }

    template <class T>
    static void current(const T& v, const T* p, const T* s, T& i, T& g) {
        const T n2 = s[n] * s[n];
        g = p[g_max] * n2 * n2;
        i = g * (v - p[ek]);
    }
};

// braincell's IL: a leak g_max·(v − E).
struct IL {
    static constexpr const char* name = "IL";
    static constexpr const char* description = "leak current (braincell IL)";
    static constexpr std::array<ParamSpec, 2> params{{
        {"g_max", 1e-4, "S/cm2", "conductance density"},
        {"E", -70.0, "mV", "reversal potential"},
    }};
    static constexpr std::array<const char*, 0> states{};
    enum { g_max, E };

    static double rate_factor(double, const double*) { return 1.0; }
    template <class T>
    static void gates(const T&, const T*, const T&, T*, T*) {}
    template <class T>
    static void current(const T& v, const T* p, const T*, T& i, T& g) {
        g = p[g_max];
        i = g * (v - p[E]);
    }
};

// NEURON's pas: g·(v − e).
struct Pas {
    static constexpr const char* name = "pas";
    static constexpr const char* description = "passive leak, as NEURON's pas";
    static constexpr std::array<ParamSpec, 2> params{{
        {"g", 0.001, "S/cm2", "conductance density"},
        {"e", -70.0, "mV", "reversal potential"},
    }};
    static constexpr std::array<const char*, 0> states{};
    enum { g, e };

    static double rate_factor(double, const double*) { return 1.0; }
    template <class T>
    static void gates(const T&, const T*, const T&, T*, T*) {}
    template <class T>
    static void current(const T& v, const T* p, const T*, T& i, T& gout) {
        gout = p[g];
        i = gout * (v - p[e]);
    }
};

}  // namespace rtcell::channels
