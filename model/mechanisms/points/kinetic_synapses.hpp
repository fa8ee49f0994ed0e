#pragma once
// braincell's kinetic synapses on the point-mechanism template (point_kernel.hpp): AMPA and
// GABAa (Destexhe et al. 1994 two-state binding) and NMDA with its magnesium block. The drive
// `pre` of a step (1 = one spike) releases T·pre of transmitter for that step; each state takes
// one exponential-Euler step, exact for the step's fixed drive.
#include <cmath>

#include "model/mechanisms/points/exp_synapses.hpp"

namespace rtcell::points {

// One exponential-Euler (exact for a fixed drive) step of ds/dt = a·(1 − s) − b·s [1/ms].
inline double open_fraction_step(double s, double a, double b, double dt) {
    const double k = a + b;
    const double inf = k > 0 ? a / k : 0.0;
    return inf + (s - inf) * std::exp(-k * dt);
}

// AMPA and GABAa share the form and differ in their defaults (Name carries them).
template <class Name>
struct TwoStateSynapse {
    enum Param { g_max, E, alpha, beta, T };
    enum State { g, pre };
    static constexpr bool synapse = true;
    static constexpr const char* event_weight_unit = "1";  // drive: 1 = one spike
    static constexpr std::size_t aux = 0;
    static MechanismSpec spec() {
        return {Name::name,
                MechanismSpec::Kind::point,
                std::string(Name::name) +
                    " synapse in braincell's kinetic form: g' = alpha·T·pre·(1 − g) − beta·g "
                    "(pre: the drive of this step, 1 = one spike), i = g_max·g·(v − E)",
                {{"g_max", 0.001, "uS", "maximal conductance"},
                 {"E", Name::E, "mV", "reversal potential"},
                 {"alpha", Name::alpha, "1", "binding rate [1/ms]"},
                 {"beta", Name::beta, "1", "unbinding rate [1/ms]"},
                 {"T", Name::T, "1", "transmitter released per unit of drive"}},
                {"g", "pre"}};
    }
    static void prepare(PointElement, double) {}
    static PointCurrent contribute(PointElement x, double, double v) {
        return conductance_current(x.p(g_max) * x.s(g), v, x.p(E));  // g_max·g [µS]
    }
    static void advance(PointElement x, double dt) {
        x.s(g) = open_fraction_step(x.s(g), x.p(alpha) * x.p(T) * x.s(pre), x.p(beta), dt);
        x.s(pre) = 0.0;
    }
    static void receive(PointElement x, double weight) { x.s(pre) += weight; }
};

struct AmpaDefaults {
    static constexpr const char* name = "AMPA";
    static constexpr double alpha = 0.98, beta = 0.18, T = 0.5, E = 0.0;
};
struct GabaaDefaults {
    static constexpr const char* name = "GABAa";
    static constexpr double alpha = 0.53, beta = 0.18, T = 1.0, E = -80.0;
};
using AMPA = TwoStateSynapse<AmpaDefaults>;
using GABAa = TwoStateSynapse<GabaaDefaults>;

struct NMDA {
    enum Param { g_max, E, alpha1, beta1, alpha2, beta2, T, mg, alpha_mg, beta_mg };
    enum State { g, x, pre };
    static constexpr bool synapse = true;
    static constexpr const char* event_weight_unit = "1";  // drive: 1 = one spike
    static constexpr std::size_t aux = 0;
    static MechanismSpec spec() {
        return {"NMDA",
                MechanismSpec::Kind::point,
                "NMDA synapse in braincell's kinetic form: x' = alpha2·T·pre·(1 − x) − beta2·x, "
                "g' = alpha1·x·(1 − g) − beta1·g, i = g_max·g·B(v)·(v − E) with the magnesium "
                "block B(v) = 1/(1 + mg/beta_mg·exp(−alpha_mg·v)) (mg = 0: no block)",
                {{"g_max", 0.001, "uS", "maximal conductance"},
                 {"E", 0.0, "mV", "reversal potential"},
                 {"alpha1", 2.0, "1", "opening rate of g per unit x [1/ms]"},
                 {"beta1", 0.01, "1", "closing rate of g [1/ms]"},
                 {"alpha2", 1.0, "1", "rise rate of x [1/ms]"},
                 {"beta2", 0.5, "1", "decay rate of x [1/ms]"},
                 {"T", 1.0, "1", "transmitter released per unit of drive"},
                 {"mg", 1.2, "mM", "extracellular magnesium (0: no block)"},
                 {"alpha_mg", 0.062, "1", "voltage sensitivity of the block [1/mV]"},
                 {"beta_mg", 3.57, "mM", "magnesium half-block constant"}},
                {"g", "x", "pre"}};
    }
    static void prepare(PointElement, double) {}
    // i = g_max·g·B(v)·(v − E), linearized at V(t) with its full slope di/dv = g_max·g·(B +
    // B'·(v − E)), B' = alpha_mg·B·(1 − B) — negative in the region of negative slope
    // conductance, as in NEURON.
    static PointCurrent contribute(PointElement s, double, double v) {
        const double block = 1.0 / (1.0 + s.p(mg) / s.p(beta_mg) * std::exp(-s.p(alpha_mg) * v));
        const double gu = s.p(g_max) * s.s(g);  // µS, unblocked
        const double drive = v - s.p(E);        // mV
        const double i = gu * block * drive;
        return {i, -i, gu * (block + s.p(alpha_mg) * block * (1.0 - block) * drive)};
    }
    // braincell's order: g with the x of the step's start, then x with the drive.
    static void advance(PointElement s, double dt) {
        s.s(g) = open_fraction_step(s.s(g), s.p(alpha1) * s.s(x), s.p(beta1), dt);
        s.s(x) = open_fraction_step(s.s(x), s.p(alpha2) * s.p(T) * s.s(pre), s.p(beta2), dt);
        s.s(pre) = 0.0;
    }
    static void receive(PointElement s, double weight) { s.s(pre) += weight; }
};

}  // namespace rtcell::points
