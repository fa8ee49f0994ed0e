#pragma once
// Current clamps on the point-mechanism template (point_kernel.hpp). They inject current
// (depolarizing > 0) into their node: rhs += amp [nA].
#include <cmath>
#include <numbers>

#include "model/mechanisms/points/point_kernel.hpp"

namespace rtcell::points {

// NEURON's IClamp: amp during [delay, delay + dur); several steps are several instances.
struct IClamp {
    enum Param { delay, dur, amp };
    static constexpr bool synapse = false;
    static constexpr std::size_t aux = 0;
    static MechanismSpec spec() {
        return {"IClamp",
                MechanismSpec::Kind::point,
                "current clamp: amp during [delay, delay + dur), as NEURON's IClamp (several "
                "steps allowed)",
                {{"delay", 0.0, "ms", "start"},
                 {"dur", 0.0, "ms", "duration"},
                 {"amp", 0.0, "nA", "amplitude (depolarizing > 0)"}},
                {}};
    }
    static void prepare(PointElement, double) {}
    static PointCurrent contribute(PointElement e, double t, double) {
        const double on = e.p(delay), off = on + e.p(dur);
        const double a = (t >= on && t < off) ? e.p(amp) : 0.0;
        return {a, a, 0.0};
    }
    static void advance(PointElement, double) {}
    static void receive(PointElement, double) {}
};

// offset + amp·sin(2π·f·(t − delay) + phase) during [delay, delay + dur); f in Hz, t in ms.
struct SineClamp {
    enum Param { delay, dur, amp, frequency, phase, offset };
    static constexpr bool synapse = false;
    static constexpr std::size_t aux = 0;
    static MechanismSpec spec() {
        return {"SineClamp",
                MechanismSpec::Kind::point,
                "sinusoidal current clamp: offset + amp·sin(2π·f·(t − delay) + phase) during "
                "[delay, delay + dur)",
                {{"delay", 0.0, "ms", "start"},
                 {"dur", 0.0, "ms", "duration"},
                 {"amp", 0.0, "nA", "amplitude"},
                 {"frequency", 10.0, "Hz", "frequency"},
                 {"phase", 0.0, "1", "phase [rad]"},
                 {"offset", 0.0, "nA", "constant part"}},
                {}};
    }
    static void prepare(PointElement, double) {}
    static PointCurrent contribute(PointElement e, double t, double) {
        const double on = e.p(delay), off = on + e.p(dur);
        double a = 0.0;
        if (t >= on && t < off)
            a = e.p(offset) +
                e.p(amp) *
                    std::sin(2 * std::numbers::pi * e.p(frequency) * (t - on) * 1e-3 + e.p(phase));
        return {a, a, 0.0};
    }
    static void advance(PointElement, double) {}
    static void receive(PointElement, double) {}
};

}  // namespace rtcell::points
