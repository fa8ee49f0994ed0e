#pragma once
// Calcium channels of braincell's catalogue on the gate template. A channel that carries an
// ion's current names it (`ion`): its current is added to that ion's total, which drives the
// ion's pool, and its reversal parameter "e<ion>" follows the pool's Nernst potential. A
// channel gated by a concentration names the parameter (`concentration`, e.g. "cai") that is
// refreshed from the pool before its gates advance.
#include <array>
#include <cmath>

#include "channel_math.hpp"
#include "mechanism_spec.hpp"

namespace rtcell::channels {

using namespace chanmath;

// braincell CaT_HM1992 (Huguenard & McCormick 1992): low-threshold T-type calcium current,
// ica = g_max·p²q·(v − eca); V' = v − V_sh; the channel's own temperature T sets
// phi_p = q10_p^((T − T_ref_p)/10) and phi_q = q10_q^((T − T_ref_q)/10).
struct CaT_HM1992 {
    static constexpr const char* name = "CaT_HM1992";
    static constexpr const char* description =
        "T-type calcium channel (Huguenard & McCormick 1992; braincell CaT_HM1992)";
    static constexpr const char* ion = "ca";
    static constexpr std::array<ParamSpec, 8> params{{
        {"g_max", 0.002, "S/cm2", "maximal conductance density"},
        {"V_sh", -3.0, "mV", "voltage shift"},
        {"T", 36.0, "degC", "the channel's own temperature"},
        {"q10_p", 3.55, "1", "q10 of p"},
        {"T_ref_p", 24.0, "degC", "reference temperature of p"},
        {"q10_q", 3.0, "1", "q10 of q"},
        {"T_ref_q", 24.0, "degC", "reference temperature of q"},
        {"eca", 120.0, "mV",
         "calcium reversal potential (follows a calcium pool where one is painted)"},
    }};
    static constexpr std::array<const char*, 2> states{"p", "q"};
    enum { g_max, V_sh, T, q10_p, T_ref_p, q10_q, T_ref_q, eca };
    enum { p, q };

    static double rate_factor(double, const double*) { return 1.0; }
    static double phi(double q10, double t, double t_ref) {
        return std::pow(q10, (t - t_ref) / 10.0);
    }

    template <class T_>
    static void gates(const T_& v, const T_* par, const T_&, T_* inf, T_* tau) {
        const T_ u = v - par[V_sh];
        inf[p] = 1.0 / (1.0 + exp(T_(-(u + 59.0) / 6.2)));
        tau[p] = 1.0 / (exp(T_(-(u + 132.0) / 16.7)) + exp(T_((u + 16.8) / 18.2))) + 0.612;
        inf[q] = 1.0 / (1.0 + exp(T_((u + 83.0) / 4.0)));
        tau[q] = where(u >= -80.0, T_(exp(T_(-(u + 22.0) / 10.5)) + 28.0),
                       T_(exp(T_((u + 467.0) / 66.6))));
        // Temperature factors, from the channel's own temperature (per instance).
        for (int k = 0; k < lanes(v); ++k) {
            at(tau[p], k) /= phi(at(par[q10_p], k), at(par[T], k), at(par[T_ref_p], k));
            at(tau[q], k) /= phi(at(par[q10_q], k), at(par[T], k), at(par[T_ref_q], k));
        }
    }

    template <class T_>
    static void current(const T_& v, const T_* par, const T_* s, T_& i, T_& g) {
        g = par[g_max] * s[p] * s[p] * s[q];
        i = g * (v - par[eca]);
    }
};

// braincell AHP_De1994 (Destexhe et al. 1994): calcium-activated potassium current,
// ik = g_max·p²·(v − ek), p_α = α·cai^n, p_β = β, rate factor phi; reads cai.
struct AHP_De1994 {
    static constexpr const char* name = "AHP_De1994";
    static constexpr const char* description =
        "calcium-activated potassium (AHP) channel (Destexhe et al. 1994; braincell AHP_De1994)";
    static constexpr const char* concentration = "cai";
    static constexpr std::array<ParamSpec, 7> params{{
        {"g_max", 0.01, "S/cm2", "maximal conductance density"},
        {"n", 2.0, "1", "calcium cooperativity"},
        {"alpha", 48.0, "1", "opening rate per mM^n [1/(ms·mM^n)]"},
        {"beta", 0.09, "1", "closing rate [1/ms]"},
        {"phi", 1.0, "1", "rate factor"},
        {"ek", -77.0, "mV", "potassium reversal potential"},
        {"cai", 2.4e-4, "1",
         "intracellular calcium [mM]; follows the calcium pool where one is painted"},
    }};
    static constexpr std::array<const char*, 1> states{"p"};
    enum { g_max, n, alpha, beta, phi, ek, cai };
    enum { p };

    static double rate_factor(double, const double* par) { return par[phi]; }

    template <class T_>
    static void gates(const T_&, const T_* par, const T_& q, T_* inf, T_* tau) {
        T_ pa = par[alpha];
        for (int k = 0; k < lanes(pa); ++k)
            at(pa, k) *= std::pow(at(par[cai], k), at(par[n], k));
        from_alpha_beta(pa, T_(par[beta]), q, inf[p], tau[p]);
    }

    template <class T_>
    static void current(const T_& v, const T_* par, const T_* s, T_& i, T_& g) {
        g = par[g_max] * s[p] * s[p];
        i = g * (v - par[ek]);
    }
};

}  // namespace rtcell::channels
