#pragma once
// Calcium channels of braincell's catalogue on the gate template. A channel that carries an
// ion's current names it (`ion`): its current is added to that ion's total, which drives the
// ion's pool, and its reversal parameter "e<ion>" follows the pool's Nernst potential. A
// channel gated by a concentration names the parameter (`concentration`, e.g. "cai") that is
// refreshed from the pool before its gates advance.
#include <array>
#include <cmath>

#include "model/mechanisms/channel_math.hpp"
#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell::channels {

using namespace chanmath;

// What the p²q calcium channels share: ica = g_max·p²q·(v − eca), and the channel's own
// temperature T setting phi_p = q10_p^((T − T_ref_p)/10) and phi_q = q10_q^((T − T_ref_q)/10),
// which divide τ_p and τ_q (computed once per instance). `D` holds braincell's defaults as
// constants (a type rather than double template arguments, which clang 14 does not take).
template <class D>
struct CaP2QCurrent {
    static constexpr double G_MAX = D::G_MAX, V_SH = D::V_SH, Q10_P = D::Q10_P, Q10_Q = D::Q10_Q,
                            T_REF = D::T_REF;
    static constexpr const char* ion = "ca";
    static constexpr std::array<ParamSpec, 8> params{{
        {"g_max", G_MAX, "S/cm2", "maximal conductance density"},
        {"V_sh", V_SH, "mV", "voltage shift"},
        {"T", 36.0, "degC", "the channel's own temperature"},
        {"q10_p", Q10_P, "1", "q10 of p"},
        {"T_ref_p", T_REF, "degC", "reference temperature of p"},
        {"q10_q", Q10_Q, "1", "q10 of q"},
        {"T_ref_q", T_REF, "degC", "reference temperature of q"},
        {"eca", 120.0, "mV",
         "calcium reversal potential (follows a calcium pool where one is painted)"},
    }};
    static constexpr std::array<const char*, 2> states{"p", "q"};
    enum { g_max, V_sh, T, q10_p, T_ref_p, q10_q, T_ref_q, eca };
    enum { p, q };

    static std::array<double, 2> rate_factors(double, const double* par) {
        return {std::pow(par[q10_p], (par[T] - par[T_ref_p]) / 10.0),
                std::pow(par[q10_q], (par[T] - par[T_ref_q]) / 10.0)};
    }

    template <class T_>
    static void current(const T_& v, const T_* par, const T_* s, T_& i, T_& g) {
        g = par[g_max] * s[p] * s[p] * s[q];
        i = g * (v - par[eca]);
    }
};

// The p²q calcium channels in inf/τ form (braincell's _ICa_p2q_ss), V' = v − V_sh: `Rates`
// gives inf and τ (ms) of p and q as functions of V'.
template <class Rates, class D>
struct CaP2Q : CaP2QCurrent<D> {
    using Base = CaP2QCurrent<D>;

    template <class T_>
    static void gates(const T_& v, const T_* par, const T_* phi, T_* inf, T_* tau) {
        const T_ u = v - par[Base::V_sh];
        Rates::p(u, inf[Base::p], tau[Base::p]);
        Rates::q(u, inf[Base::q], tau[Base::q]);
        tau[Base::p] /= phi[Base::p];
        tau[Base::q] /= phi[Base::q];
    }
};

// Huguenard & McCormick 1992 T-type rates (shared by CaT_HM1992 and CaHT_HM1992).
struct RatesHM1992 {
    template <class T_>
    static void p(const T_& u, T_& inf, T_& tau) {
        inf = 1.0 / (1.0 + exp(T_(-(u + 59.0) / 6.2)));
        tau = 1.0 / (exp(T_(-(u + 132.0) / 16.7)) + exp(T_((u + 16.8) / 18.2))) + 0.612;
    }
    template <class T_>
    static void q(const T_& u, T_& inf, T_& tau) {
        inf = 1.0 / (1.0 + exp(T_((u + 83.0) / 4.0)));
        tau = where(u >= -80.0, T_(exp(T_(-(u + 22.0) / 10.5)) + 28.0),
                    T_(exp(T_((u + 467.0) / 66.6))));
    }
};

// Huguenard & Prince 1992 reticular-nucleus T-type rates.
struct RatesHP1992 {
    template <class T_>
    static void p(const T_& u, T_& inf, T_& tau) {
        inf = 1.0 / (1.0 + exp(T_(-(u + 52.0) / 7.4)));
        tau = 3.0 + 1.0 / (exp(T_((u + 27.0) / 10.0)) + exp(T_(-(u + 102.0) / 15.0)));
    }
    template <class T_>
    static void q(const T_& u, T_& inf, T_& tau) {
        inf = 1.0 / (1.0 + exp(T_((u + 80.0) / 5.0)));
        tau = 85.0 + 1.0 / (exp(T_((u + 48.0) / 4.0)) + exp(T_(-(u + 407.0) / 50.0)));
    }
};

// Inoue & Strowbridge 2008 L-type rates.
struct RatesIS2008 {
    template <class T_>
    static void p(const T_& u, T_& inf, T_& tau) {
        inf = 1.0 / (1.0 + exp(T_(-(u + 10.0) / 4.0)));
        tau = 0.4 + 0.7 / (exp(T_(-(u + 5.0) / 15.0)) + exp(T_((u + 5.0) / 15.0)));
    }
    template <class T_>
    static void q(const T_& u, T_& inf, T_& tau) {
        inf = 1.0 / (1.0 + exp(T_((u + 25.0) / 2.0)));
        tau = 300.0 + 100.0 / (exp(T_((u + 40.0) / 9.5)) + exp(T_(-(u + 40.0) / 9.5)));
    }
};

// braincell CaT_HM1992: low-threshold T-type calcium current of thalamic relay cells.
struct CaT_HM1992_defaults {
    static constexpr double G_MAX = 0.002, V_SH = -3.0, Q10_P = 3.55, Q10_Q = 3.0, T_REF = 24.0;
};
struct CaT_HM1992 : CaP2Q<RatesHM1992, CaT_HM1992_defaults> {
    static constexpr const char* name = "CaT_HM1992";
    static constexpr const char* description =
        "T-type calcium channel (Huguenard & McCormick 1992; braincell CaT_HM1992)";
};

// braincell CaHT_HM1992: the same kinetics shifted up by V_sh = +25 mV (high threshold).
struct CaHT_HM1992_defaults {
    static constexpr double G_MAX = 0.002, V_SH = 25.0, Q10_P = 3.55, Q10_Q = 3.0, T_REF = 24.0;
};
struct CaHT_HM1992 : CaP2Q<RatesHM1992, CaHT_HM1992_defaults> {
    static constexpr const char* name = "CaHT_HM1992";
    static constexpr const char* description =
        "high-threshold calcium channel (Huguenard & McCormick 1992; braincell ICaHT_HM1992)";
};

// braincell CaT_HP1992: T-type calcium current of thalamic reticular cells.
struct CaT_HP1992_defaults {
    static constexpr double G_MAX = 0.00175, V_SH = -3.0, Q10_P = 5.0, Q10_Q = 3.0, T_REF = 24.0;
};
struct CaT_HP1992 : CaP2Q<RatesHP1992, CaT_HP1992_defaults> {
    static constexpr const char* name = "CaT_HP1992";
    static constexpr const char* description =
        "reticular T-type calcium channel (Huguenard & Prince 1992; braincell ICaT_HP1992)";
};

// braincell CaL_IS2008: L-type calcium current.
struct CaL_IS2008_defaults {
    static constexpr double G_MAX = 0.001, V_SH = 0.0, Q10_P = 3.55, Q10_Q = 3.0, T_REF = 24.0;
};
struct CaL_IS2008 : CaP2Q<RatesIS2008, CaL_IS2008_defaults> {
    static constexpr const char* name = "CaL_IS2008";
    static constexpr const char* description =
        "L-type calcium channel (Inoue & Strowbridge 2008; braincell ICaL_IS2008)";
};

// braincell ICaHT_Re1993 (Reuveni et al. 1993): HVA calcium, α/β form with W = V_sh − v,
// ica = g_max·p²q·(v − eca); phi = q10^((T − 23)/10) for each gate.
struct CaHT_Re1993_defaults {
    static constexpr double G_MAX = 0.001, V_SH = 0.0, Q10_P = 2.3, Q10_Q = 2.3, T_REF = 23.0;
};
struct CaHT_Re1993 : CaP2QCurrent<CaHT_Re1993_defaults> {
    static constexpr const char* name = "CaHT_Re1993";
    static constexpr const char* description =
        "high-voltage-activated calcium channel (Reuveni et al. 1993; braincell ICaHT_Re1993)";

    template <class T_>
    static void gates(const T_& v, const T_* par, const T_* phi, T_* inf, T_* tau) {
        const T_ w = par[V_sh] - v;
        const T_ ap = 0.055 * 3.8 * inv_exprel(T_((w - 27.0) / 3.8));
        const T_ bp = 0.94 * exp(T_((w - 75.0) / 17.0));
        const T_ aq = 0.000457 * exp(T_((w - 13.0) / 50.0));
        const T_ bq = 0.0065 / (exp(T_((w - 15.0) / 28.0)) + 1.0);
        inf[p] = ap / (ap + bp);
        inf[q] = aq / (aq + bq);
        tau[p] = 1.0 / ((ap + bp) * phi[p]);
        tau[q] = 1.0 / ((aq + bq) * phi[q]);
    }
};

// L-type calcium channel with a permeability (GHK) current instead of an ohmic one, the form
// of Huguenard & McCormick 1992's iL: ica = pcabar·p²·GHK(v, cai, cao) with CaL_IS2008's
// activation gate p (its inactivation is omitted, as in iL). T is the channel's own
// temperature, for both its rate factor and the GHK flux. di/dv for the implicit solve is
// taken numerically over 1 µV, as NEURON does.
struct CaL_GHK {
    static constexpr const char* name = "CaL_GHK";
    static constexpr const char* description =
        "L-type calcium channel with a GHK permeability current (Huguenard & McCormick 1992 iL "
        "form; activation of CaL_IS2008)";
    static constexpr const char* ion = "ca";
    static constexpr const char* concentration = "cai";
    static constexpr std::array<ParamSpec, 7> params{{
        {"pcabar", 1e-4, "cm/s", "maximal permeability"},
        {"V_sh", 0.0, "mV", "voltage shift"},
        {"T", 36.0, "degC", "the channel's own temperature (rates and GHK)"},
        {"q10_p", 3.55, "1", "q10 of p"},
        {"T_ref_p", 24.0, "degC", "reference temperature of p"},
        {"cao", 2.0, "mM", "extracellular calcium"},
        {"cai", 2.4e-4, "mM",
         "intracellular calcium; follows the calcium pool where one is painted"},
    }};
    static constexpr std::array<const char*, 1> states{"p"};
    enum { pcabar, V_sh, T, q10_p, T_ref_p, cao, cai };

    // phi_p from the channel's own temperature, once per instance.
    static double rate_factor(double, const double* par) {
        return std::pow(par[q10_p], (par[T] - par[T_ref_p]) / 10.0);
    }

    template <class T_>
    static void gates(const T_& v, const T_* par, const T_& phi, T_* inf, T_* tau) {
        RatesIS2008::p(T_(v - par[V_sh]), inf[0], tau[0]);
        tau[0] /= phi;
    }

    template <class T_>
    static T_ flux(const T_& v, const T_* par) {
        return par[pcabar] * ghk(v, par[cai], par[cao], 2.0, T_(par[T] + 273.15));
    }
    template <class T_>
    static void current(const T_& v, const T_* par, const T_* s, T_& i, T_& g) {
        const T_ open = s[0] * s[0];
        i = open * flux(v, par);
        g = open * (flux(T_(v + 1e-3), par) - flux(v, par)) / 1e-3;
    }
};

// braincell ICaN_IS2008: calcium-activated nonselective cation current,
// i = g_max·cai/(cai + 0.2 mM)·p·(v − E), read from the calcium pool's cai. Unlike braincell
// (which files it under the calcium ion), its current is nonspecific here, as in NEURON's
// CAN models: it does not feed the calcium pool.
struct CaN_IS2008 {
    static constexpr const char* name = "CaN_IS2008";
    static constexpr const char* description =
        "calcium-activated nonselective cation channel (Inoue & Strowbridge 2008; braincell "
        "ICaN_IS2008)";
    static constexpr const char* concentration = "cai";
    static constexpr std::array<ParamSpec, 4> params{{
        {"g_max", 0.001, "S/cm2", "maximal conductance density"},
        {"E", 10.0, "mV", "reversal potential"},
        {"phi", 1.0, "1", "rate factor"},
        {"cai", 2.4e-4, "1",
         "intracellular calcium [mM]; follows the calcium pool where one is painted"},
    }};
    static constexpr std::array<const char*, 1> states{"p"};
    enum { g_max, E, phi, cai };
    enum { p };

    static double rate_factor(double, const double* par) { return par[phi]; }

    template <class T_>
    static void gates(const T_& v, const T_*, const T_& q, T_* inf, T_* tau) {
        inf[p] = 1.0 / (1.0 + exp(T_(-(v + 43.0) / 5.2)));
        tau[p] = (2.7 / (exp(T_(-(v + 55.0) / 15.0)) + exp(T_((v + 55.0) / 15.0))) + 1.6) / q;
    }

    template <class T_>
    static void current(const T_& v, const T_* par, const T_* s, T_& i, T_& g) {
        g = par[g_max] * par[cai] / (par[cai] + 0.2) * s[p];
        i = g * (v - par[E]);
    }
};

// braincell AHP_De1994 (Destexhe et al. 1994): calcium-activated potassium current,
// ik = g_max·p²·(v − ek), p_α = α·cai^n, p_β = β, rate factor phi; reads cai.
struct AHP_De1994 {
    static constexpr const char* name = "AHP_De1994";
    static constexpr const char* description =
        "calcium-activated potassium (AHP) channel (Destexhe et al. 1994; braincell AHP_De1994)";
    static constexpr const char* concentration = "cai";
    static constexpr const char* ion = "k";
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
        // α·cai^n as α·exp(n·ln cai), vectorized (cai = 0 gives exp(−inf) = 0).
        const T_ pa = par[alpha] * exp(T_(par[n] * log(T_(par[cai]))));
        from_alpha_beta(pa, T_(par[beta]), q, inf[p], tau[p]);
    }

    template <class T_>
    static void current(const T_& v, const T_* par, const T_* s, T_& i, T_& g) {
        g = par[g_max] * s[p] * s[p];
        i = g * (v - par[ek]);
    }
};

}  // namespace rtcell::channels
