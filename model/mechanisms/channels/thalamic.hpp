#pragma once
// More of braincell's channel catalogue on the gate template: Traub–Miles and Bazhenov sodium
// and potassium channels, Huguenard–McCormick potassium channels, Yamada's M current, the
// potassium leak, and the Ih (HCN) current. V' = v − V_sh throughout; currents are
// outward-positive (braincell's are inward-positive: I_braincell = −i). Rate factors phi
// multiply the rates (divide the time constants).
#include <array>
#include <cmath>

#include "model/mechanisms/channel_math.hpp"
#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell::channels {

using namespace chanmath;

// braincell INa_TM1991 (Traub & Miles 1991): g_max·p³q·(v − ena), V_sh −63 mV.
struct Na_TM1991 {
    static constexpr const char* name = "Na_TM1991";
    static constexpr const char* description =
        "sodium channel (Traub & Miles 1991; braincell INa_TM1991)";
    static constexpr const char* ion = "na";
    static constexpr std::array<ParamSpec, 4> params{
        {{"g_max", 0.12, "S/cm2", "maximal conductance density"},
         {"V_sh", -63.0, "mV", "voltage shift"},
         {"phi", 1.0, "1", "rate factor"},
         {"ena", 50.0, "mV", "sodium reversal potential"}}};
    static constexpr std::array<const char*, 2> states{"p", "q"};
    enum { g_max, V_sh, phi, ena };
    static double rate_factor(double, const double* par) { return par[phi]; }
    template <class T>
    static void gates(const T& v, const T* par, const T& q, T* inf, T* tau) {
        const T u = v - par[V_sh];
        from_alpha_beta(T(0.32 * 4.0 * inv_exprel(T((13.0 - u) / 4.0))),
                        T(0.28 * 5.0 * inv_exprel(T((u - 40.0) / 5.0))), q, inf[0], tau[0]);
        from_alpha_beta(T(0.128 * exp(T((17.0 - u) / 18.0))),
                        T(4.0 / (1.0 + exp(T(-(u - 40.0) / 5.0)))), q, inf[1], tau[1]);
    }
    template <class T>
    static void current(const T& v, const T* par, const T* s, T& i, T& g) {
        g = par[g_max] * s[0] * s[0] * s[0] * s[1];
        i = g * (v - par[ena]);
    }
};

// braincell INa_Ba2002 (Bazhenov et al. 2002): Na_TM1991's rates and current with V_sh −50 mV
// and phi = 3^((T − 36)/10) from the channel's own temperature T (T takes phi's slot).
struct Na_Ba2002 : Na_TM1991 {
    static constexpr const char* name = "Na_Ba2002";
    static constexpr const char* description =
        "sodium channel (Bazhenov et al. 2002; braincell INa_Ba2002)";
    static constexpr std::array<ParamSpec, 4> params{
        {{"g_max", 0.09, "S/cm2", "maximal conductance density"},
         {"V_sh", -50.0, "mV", "voltage shift"},
         {"T", 36.0, "degC", "the channel's own temperature"},
         {"ena", 50.0, "mV", "sodium reversal potential"}}};
    static double rate_factor(double, const double* par) {
        return std::pow(3.0, (par[2] - 36.0) / 10.0);
    }
};

// braincell IK_TM1991 (Traub & Miles 1991): g_max·p⁴·(v − ek), V_sh −60 mV.
struct K_TM1991 {
    static constexpr const char* name = "K_TM1991";
    static constexpr const char* description =
        "delayed-rectifier potassium channel (Traub & Miles 1991; braincell IK_TM1991)";
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 4> params{
        {{"g_max", 0.01, "S/cm2", "maximal conductance density"},
         {"V_sh", -60.0, "mV", "voltage shift"},
         {"phi", 1.0, "1", "rate factor"},
         {"ek", -90.0, "mV", "potassium reversal potential"}}};
    static constexpr std::array<const char*, 1> states{"p"};
    enum { g_max, V_sh, phi, ek };
    static double rate_factor(double, const double* par) { return par[phi]; }
    template <class T>
    static void gates(const T& v, const T* par, const T& q, T* inf, T* tau) {
        const T c = 15.0 - (v - par[V_sh]);
        from_alpha_beta(T(0.032 * 5.0 * inv_exprel(T(c / 5.0))),
                        T(0.5 * exp(T((10.0 - (v - par[V_sh])) / 40.0))), q, inf[0], tau[0]);
    }
    template <class T>
    static void current(const T& v, const T* par, const T* s, T& i, T& g) {
        const T p2 = s[0] * s[0];
        g = par[g_max] * p2 * p2;
        i = g * (v - par[ek]);
    }
};

// braincell IKDR_Ba2002 (Bazhenov et al. 2002): K_TM1991's rates and current (the same
// formulas) with V_sh −50 mV and phi = q10^((T − 36)/10) from the channel's own temperature T.
struct KDR_Ba2002 : K_TM1991 {
    static constexpr const char* name = "KDR_Ba2002";
    static constexpr const char* description =
        "delayed-rectifier potassium channel (Bazhenov et al. 2002; braincell IKDR_Ba2002)";
    static constexpr std::array<ParamSpec, 5> params{
        {{"g_max", 0.01, "S/cm2", "maximal conductance density"},
         {"V_sh", -50.0, "mV", "voltage shift"},
         {"T", 36.0, "degC", "the channel's own temperature"},
         {"ek", -90.0, "mV", "potassium reversal potential"},
         {"q10", 3.0, "1", "q10 (reference 36 degC)"}}};
    static double rate_factor(double, const double* par) {
        return std::pow(par[4], (par[2] - 36.0) / 10.0);
    }
};

// Shared by KA1/KA2 (Huguenard & McCormick 1992): g_max·p⁴q·(v − ek), inf/τ form.
// `Half` gives the activation's half-point PV [mV] and slope PK [mV] as constants (a type, as
// clang 14 takes no double template arguments).
template <class Half>
struct KA_HM1992 {
    static constexpr double PV = Half::PV, PK = Half::PK;
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 5> params{
        {{"g_max", 0.03, "S/cm2", "maximal conductance density"},
         {"V_sh", 0.0, "mV", "voltage shift"},
         {"phi_p", 1.0, "1", "rate factor of p"},
         {"phi_q", 1.0, "1", "rate factor of q"},
         {"ek", -90.0, "mV", "potassium reversal potential"}}};
    static constexpr std::array<const char*, 2> states{"p", "q"};
    enum { g_max, V_sh, phi_p, phi_q, ek };
    static double rate_factor(double, const double*) { return 1.0; }
    template <class T>
    static void gates(const T& v, const T* par, const T&, T* inf, T* tau) {
        const T u = v - par[V_sh];
        inf[0] = 1.0 / (1.0 + exp(T(-(u + PV) / PK)));
        tau[0] =
            (1.0 / (exp(T((u + 35.8) / 19.7)) + exp(T(-(u + 79.7) / 12.7))) + 0.37) / par[phi_p];
        inf[1] = 1.0 / (1.0 + exp(T((u + 78.0) / 6.0)));
        tau[1] = where(u < -63.0, T(1.0 / (exp(T((u + 46.0) / 5.0)) + exp(T(-(u + 238.0) / 37.5)))),
                       T(u * 0.0 + 19.0)) /
                 par[phi_q];
    }
    template <class T>
    static void current(const T& v, const T* par, const T* s, T& i, T& g) {
        const T p2 = s[0] * s[0];
        g = par[g_max] * p2 * p2 * s[1];
        i = g * (v - par[ek]);
    }
};
struct KA1_HM1992_half {
    static constexpr double PV = 60.0, PK = 8.5;
};
struct KA1_HM1992 : KA_HM1992<KA1_HM1992_half> {
    static constexpr const char* name = "KA1_HM1992";
    static constexpr const char* description =
        "A-type potassium channel IA1 (Huguenard & McCormick 1992; braincell IKA1_HM1992)";
};
struct KA2_HM1992_half {
    static constexpr double PV = 36.0, PK = 20.0;
};
struct KA2_HM1992 : KA_HM1992<KA2_HM1992_half> {
    static constexpr const char* name = "KA2_HM1992";
    static constexpr const char* description =
        "A-type potassium channel IA2 (Huguenard & McCormick 1992; braincell IKA2_HM1992)";
    static constexpr std::array<ParamSpec, 5> params{
        {{"g_max", 0.02, "S/cm2", "maximal conductance density"},
         {"V_sh", 0.0, "mV", "voltage shift"},
         {"phi_p", 1.0, "1", "rate factor of p"},
         {"phi_q", 1.0, "1", "rate factor of q"},
         {"ek", -90.0, "mV", "potassium reversal potential"}}};
};

// Shared by KK2A/KK2B (Huguenard & McCormick 1992): slowly inactivating, g_max·p·q·(v − ek).
template <bool B>
struct KK2_HM1992 {
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 5> params{
        {{"g_max", 0.01, "S/cm2", "maximal conductance density"},
         {"V_sh", 0.0, "mV", "voltage shift"},
         {"phi_p", 1.0, "1", "rate factor of p"},
         {"phi_q", 1.0, "1", "rate factor of q"},
         {"ek", -90.0, "mV", "potassium reversal potential"}}};
    static constexpr std::array<const char*, 2> states{"p", "q"};
    enum { g_max, V_sh, phi_p, phi_q, ek };
    static double rate_factor(double, const double*) { return 1.0; }
    template <class T>
    static void gates(const T& v, const T* par, const T&, T* inf, T* tau) {
        const T u = v - par[V_sh];
        inf[0] = 1.0 / (1.0 + exp(T(-(u + 43.0) / 17.0)));
        tau[0] =
            (1.0 / (exp(T((u - 81.0) / 25.6)) + exp(T(-(u + 132.0) / 18.0))) + 9.9) / par[phi_p];
        inf[1] = 1.0 / (1.0 + exp(T((u + 58.0) / 10.6)));
        const T slow = 1.0 / (exp(T((u - 1329.0) / 200.0)) + exp(T(-(u + 130.0) / 7.1)));
        if constexpr (B)
            tau[1] = where(u < -70.0, slow, T(u * 0.0 + 8.9)) / par[phi_q];
        else
            tau[1] = slow / par[phi_q];
    }
    template <class T>
    static void current(const T& v, const T* par, const T* s, T& i, T& g) {
        g = par[g_max] * s[0] * s[1];
        i = g * (v - par[ek]);
    }
};
struct KK2A_HM1992 : KK2_HM1992<false> {
    static constexpr const char* name = "KK2A_HM1992";
    static constexpr const char* description =
        "slowly inactivating potassium channel IK2a (Huguenard & McCormick 1992; braincell "
        "IKK2A_HM1992)";
};
struct KK2B_HM1992 : KK2_HM1992<true> {
    static constexpr const char* name = "KK2B_HM1992";
    static constexpr const char* description =
        "slowly inactivating potassium channel IK2b (Huguenard & McCormick 1992; braincell "
        "IKK2B_HM1992)";
};

// braincell IKNI_Ya1989 (Yamada 1989): the M current, g_max·p·(v − ek).
struct KNI_Ya1989 {
    static constexpr const char* name = "KNI_Ya1989";
    static constexpr const char* description =
        "slow non-inactivating potassium (M) current (Yamada 1989; braincell IKNI_Ya1989)";
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 5> params{
        {{"g_max", 4e-6, "S/cm2", "maximal conductance density"},
         {"tau_max", 4000.0, "ms", "maximal time constant"},
         {"V_sh", 0.0, "mV", "voltage shift"},
         {"phi_p", 1.0, "1", "rate factor"},
         {"ek", -90.0, "mV", "potassium reversal potential"}}};
    static constexpr std::array<const char*, 1> states{"p"};
    enum { g_max, tau_max, V_sh, phi_p, ek };
    static double rate_factor(double, const double*) { return 1.0; }
    template <class T>
    static void gates(const T& v, const T* par, const T&, T* inf, T* tau) {
        const T w = v - par[V_sh] + 35.0;
        inf[0] = 1.0 / (1.0 + exp(T(-w / 10.0)));
        tau[0] = par[tau_max] / (3.3 * exp(T(w / 20.0)) + exp(T(-w / 20.0))) / par[phi_p];
    }
    template <class T>
    static void current(const T& v, const T* par, const T* s, T& i, T& g) {
        g = par[g_max] * s[0];
        i = g * (v - par[ek]);
    }
};

// braincell IK_Leak: g_max·(v − ek).
struct K_Leak {
    static constexpr const char* name = "K_Leak";
    static constexpr const char* description = "potassium leak (braincell IK_Leak)";
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 2> params{
        {{"g_max", 5e-6, "S/cm2", "conductance density"},
         {"ek", -90.0, "mV", "potassium reversal potential"}}};
    static constexpr std::array<const char*, 0> states{};
    enum { g_max, ek };
    static double rate_factor(double, const double*) { return 1.0; }
    template <class T>
    static void gates(const T&, const T*, const T&, T*, T*) {}
    template <class T>
    static void current(const T& v, const T* par, const T*, T& i, T& g) {
        g = par[g_max];
        i = g * (v - par[ek]);
    }
};

// braincell HCN_HM1992 (Huguenard & McCormick 1992): the hyperpolarization-activated
// current, nonspecific: ih = g_max·p·(v − E); phi = q10^((T − T_ref)/10).
struct HCN_HM1992 {
    static constexpr const char* name = "HCN_HM1992";
    static constexpr const char* description =
        "hyperpolarization-activated cation current Ih (Huguenard & McCormick 1992; braincell "
        "HCN_HM1992)";
    static constexpr std::array<ParamSpec, 5> params{
        {{"g_max", 0.01, "S/cm2", "maximal conductance density"},
         {"E", 43.0, "mV", "reversal potential"},
         {"T", 36.0, "degC", "the channel's own temperature"},
         {"q10", 1.0, "1", "q10"},
         {"T_ref", 36.0, "degC", "reference temperature"}}};
    static constexpr std::array<const char*, 1> states{"p"};
    enum { g_max, E, T_, q10, T_ref };
    static double rate_factor(double, const double* par) {
        return std::pow(par[q10], (par[T_] - par[T_ref]) / 10.0);
    }
    template <class T>
    static void gates(const T& v, const T*, const T& q, T* inf, T* tau) {
        inf[0] = 1.0 / (1.0 + exp(T((v + 75.0) / 5.5)));
        tau[0] = 1.0 / (exp(T(-0.086 * v - 14.59)) + exp(T(0.0701 * v - 1.87))) / q;
    }
    template <class T>
    static void current(const T& v, const T* par, const T* s, T& i, T& g) {
        g = par[g_max] * s[0];
        i = g * (v - par[E]);
    }
};

}  // namespace rtcell::channels
