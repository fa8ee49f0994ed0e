#pragma once
// Current clamps on the point-mechanism template (point_kernel.hpp). They inject current
// (depolarizing > 0) into their node: rhs += amp [nA].
#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

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

// The voltage clamps' command: three levels amp1..3 [mV] held for dur1..3 [ms], their first
// six parameters (in this order), as NEURON's SEClamp and VClamp take them.
enum ThreeLevelParam { dur1, amp1, dur2, amp2, dur3, amp3, kThreeLevelParams };
inline std::vector<ParamSpec> three_level_params() {
    return {{"dur1", 0.0, "ms", "duration of the first level"},
            {"amp1", 0.0, "mV", "first command level"},
            {"dur2", 0.0, "ms", "duration of the second level"},
            {"amp2", 0.0, "mV", "second command level"},
            {"dur3", 0.0, "ms", "duration of the third level"},
            {"amp3", 0.0, "mV", "third command level"}};
}
// The level at t [ms], and whether t is still within the three (after them: the last level,
// off).
struct ClampCommand {
    double level;
    bool on;
};
inline ClampCommand three_levels(PointElement e, double t) {
    const double t2 = e.p(dur1) + e.p(dur2), t3 = t2 + e.p(dur3);
    return {t < e.p(dur1) ? e.p(amp1) : t < t2 ? e.p(amp2) : e.p(amp3), t < t3};
}
// A MechanismSpec's parameters: the three levels, then the clamp's own.
inline std::vector<ParamSpec> with_three_levels(std::vector<ParamSpec> own) {
    std::vector<ParamSpec> all = three_level_params();
    all.insert(all.end(), own.begin(), own.end());
    return all;
}

// NEURON's SEClamp: a single-electrode voltage clamp through a series resistance rs [MΩ].
// The command vc is amp1 for t < dur1, amp2 until dur1 + dur2, amp3 until dur1 + dur2 + dur3,
// then the clamp is off. While on, the electrode current i = (vc − v)/rs [nA] (depolarizing
// > 0) is implicit in v, as in NEURON; the probe "<name>.i" gives it at the new voltage, as
// NEURON's i recorded at the end of the step (its SOLVE icur METHOD after_cvode). vc is taken
// at the step's midpoint, as every time-dependent current here.
struct SEClamp {
    enum Param { rs = kThreeLevelParams };
    enum State { vc, on };
    static constexpr bool synapse = false;
    static constexpr std::size_t aux = 0;
    static MechanismSpec spec() {
        return {"SEClamp",
                MechanismSpec::Kind::point,
                "single-electrode voltage clamp, as NEURON's SEClamp: up to three levels amp1..3 "
                "for dur1..3, series resistance rs; i = (vc − v)/rs",
                with_three_levels({{"rs", 1.0, "MOhm",
                                    "series resistance (at least 1e-9 MΩ, as "
                                    "NEURON)"}}),
                {"vc", "on"}};
    }
    static void prepare(PointElement, double) {}
    static double conductance_uS(PointElement e) { return 1.0 / std::max(e.p(rs), 1e-9); }
    static PointCurrent contribute(PointElement e, double t, double v) {
        const ClampCommand c = three_levels(e, t);
        e.s(vc) = c.on ? c.level : 0.0;
        e.s(on) = c.on ? 1.0 : 0.0;
        if (!c.on)
            return {0.0, 0.0, 0.0};
        const double g = conductance_uS(e), i = g * (e.s(vc) - v);
        return {i, i, g};
    }
    static void advance(PointElement, double) {}
    // The electrode current at the voltage the step ended with [nA].
    static double after_solve(PointElement e, double v) {
        return e.s(on) != 0.0 ? conductance_uS(e) * (e.s(vc) - v) : 0.0;
    }
    static double initial(PointElement e, double v) {
        contribute(e, 0.0, v);  // the command at t = 0
        return after_solve(e, v);
    }
    static void receive(PointElement, double) {}
};

// NEURON's VClamp: a two-electrode clamp whose control amplifier (gain, time constant tau2)
// drives the cell through rstim [MΩ] from the error between the command and the measured
// voltage (input stage time constant tau1, feedback fac). Three levels amp1..3 for dur1..3
// (NEURON's amp[0..2], dur[0..2]); off after them. NEURON solves the amplifier's three linear
// equations (its LINEAR clamp block) by backward Euler each step; they are solved here in
// closed form: the output vo is linear in v, so the electrode current i = (vo − v)/rstim is a
// conductance (1 + β)/rstim, implicit in v, and the amplifier's states e0, vo0, vi0 [mV] are
// taken at the new voltage after the solve, as NEURON's update().
struct VClamp {
    enum Param { gain = kThreeLevelParams, rstim, tau1, tau2, fac };
    enum State { e0, vo0, vi0, stim, on };
    enum Aux { t1, t2 };  // tau1/dt, tau2/dt
    static constexpr bool synapse = false;
    static constexpr std::size_t aux = 2;
    static MechanismSpec spec() {
        return {"VClamp",
                MechanismSpec::Kind::point,
                "two-electrode voltage clamp with an amplifier, as NEURON's VClamp: up to three "
                "levels amp1..3 for dur1..3 (NEURON's amp[0..2], dur[0..2])",
                with_three_levels(
                    {{"gain", 1e5, "1", "control amplifier gain"},
                     {"rstim", 1.0, "MOhm", "stimulating electrode resistance (at least 1e-9 MΩ)"},
                     {"tau1", 0.001, "ms", "measuring amplifier time constant"},
                     {"tau2", 0.0, "ms", "control amplifier time constant"},
                     {"fac", 0.0, "1", "capacitance compensation feedback"}}),
                {"e0", "vo0", "vi0", "stim", "on"}};
    }
    static void prepare(PointElement x, double dt) {
        x.aux(t1) = x.p(tau1) / dt;
        x.aux(t2) = x.p(tau2) / dt;
    }
    struct Amplifier {
        double e, vo, vi;  // mV
        double slope;      // dvo/dv
    };
    // The LINEAR clamp block at membrane voltage v, from the stored states.
    static Amplifier solve(PointElement x, double v) {
        const double T1 = x.aux(t1), T2 = x.aux(t2), G = x.p(gain), F = x.p(fac);
        const double A = (1 + T1) / (2 + T1);
        const double B = (x.s(stim) + T1 * (x.s(vi0) - x.s(e0))) / (2 + T1);
        const double den = 1 + T2 + G * A * F;
        const double vo = (T2 * x.s(vo0) + G * B - G * A * (1 - F) * v) / den;
        const double vi = v * (1 - F) + F * vo;
        return {A * vi - B, vo, vi, -G * A * (1 - F) / den};
    }
    static double r(PointElement x) { return std::max(x.p(rstim), 1e-9); }
    static PointCurrent contribute(PointElement x, double t, double v) {
        const ClampCommand c = three_levels(x, t);
        x.s(on) = c.on ? 1.0 : 0.0;
        x.s(stim) = c.level;
        if (x.s(on) == 0.0) {
            x.s(e0) = x.s(vo0) = 0.0;
            return {0.0, 0.0, 0.0};
        }
        const Amplifier a = solve(x, v);
        const double i = (a.vo - v) / r(x);
        return {i, i, (1 - a.slope) / r(x)};
    }
    static void advance(PointElement, double) {}
    // NEURON's update(): the current at the new voltage, then the amplifier's states.
    static double after_solve(PointElement x, double v) {
        if (x.s(on) == 0.0)
            return 0.0;
        const Amplifier a = solve(x, v);
        x.s(e0) = a.e;
        x.s(vo0) = a.vo;
        x.s(vi0) = a.vi;
        return (a.vo - v) / r(x);
    }
    // NEURON's INITIAL: e0 = 0, vo0 = vi0 = v; the current at t = 0 from the amplifier at v.
    static double initial(PointElement x, double v) {
        x.s(e0) = 0.0;
        x.s(vo0) = x.s(vi0) = v;
        contribute(x, 0.0, v);
        return x.s(on) != 0.0 ? (solve(x, v).vo - v) / r(x) : 0.0;
    }
    static void receive(PointElement, double) {}
};

}  // namespace rtcell::points
