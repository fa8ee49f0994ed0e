#pragma once
// NEURON's exponential conductance synapses on the point-mechanism template
// (point_kernel.hpp): i = g·(v − e) [nA] with g [µS] decaying exactly over each step; an event
// adds its weight [µS].
#include <cmath>

#include "model/mechanisms/points/point_kernel.hpp"

namespace rtcell::points {

// Synaptic current g·(v − e) as a contribution: outward current leaves the node (rhs −= i),
// and its slope g joins the diagonal.
inline PointCurrent conductance_current(double g, double v, double e) {
    const double i = g * (v - e);
    return {i, -i, g};
}

struct ExpSyn {
    enum Param { tau, e };
    enum Aux { decay };
    static constexpr bool synapse = true;
    static constexpr const char* event_weight_unit = "uS";
    static constexpr std::size_t aux = 1;
    static MechanismSpec spec() {
        return {"ExpSyn",
                MechanismSpec::Kind::point,
                "single-exponential conductance synapse, as NEURON's ExpSyn: g' = −g/tau, i = "
                "g·(v − e), an event adds its weight to g",
                {{"tau", 0.1, "ms", "decay time constant"}, {"e", 0.0, "mV", "reversal potential"}},
                {"g"}};
    }
    static void prepare(PointElement x, double dt) { x.aux(decay) = std::exp(-dt / x.p(tau)); }
    static PointCurrent contribute(PointElement x, double, double v) {
        return conductance_current(x.s(0), v, x.p(e));
    }
    static void advance(PointElement x, double) { x.s(0) *= x.aux(decay); }
    static void receive(PointElement x, double weight) { x.s(0) += weight; }
};

// g = B − A, both decaying with their own time constants; an event adds weight·factor to both,
// with the factor that makes a unit event peak at 1 (NEURON's Exp2Syn).
struct Exp2Syn {
    enum Param { tau1, tau2, e };
    enum State { A, B };
    enum Aux { factor, decay1, decay2 };
    static constexpr bool synapse = true;
    static constexpr const char* event_weight_unit = "uS";
    static constexpr std::size_t aux = 3;
    static MechanismSpec spec() {
        return {"Exp2Syn",
                MechanismSpec::Kind::point,
                "double-exponential conductance synapse, as NEURON's Exp2Syn (peak of a unit "
                "event = weight)",
                {{"tau1", 0.1, "ms", "rise time constant"},
                 {"tau2", 10.0, "ms", "decay time constant"},
                 {"e", 0.0, "mV", "reversal potential"}},
                {"A", "B"}};
    }
    static void prepare(PointElement x, double dt) {
        double t1 = x.p(tau1);
        const double t2 = x.p(tau2);
        if (t1 / t2 > 0.9999)
            t1 = 0.9999 * t2;
        if (t1 / t2 < 1e-9)
            t1 = t2 * 1e-9;
        const double tp = (t1 * t2) / (t2 - t1) * std::log(t2 / t1);
        x.aux(factor) = 1.0 / (-std::exp(-tp / t1) + std::exp(-tp / t2));
        x.aux(decay1) = std::exp(-dt / x.p(tau1));
        x.aux(decay2) = std::exp(-dt / x.p(tau2));
    }
    static PointCurrent contribute(PointElement x, double, double v) {
        return conductance_current(x.s(B) - x.s(A), v, x.p(e));
    }
    static void advance(PointElement x, double) {
        x.s(A) *= x.aux(decay1);
        x.s(B) *= x.aux(decay2);
    }
    static void receive(PointElement x, double weight) {
        x.s(A) += weight * x.aux(factor);
        x.s(B) += weight * x.aux(factor);
    }
};

}  // namespace rtcell::points
