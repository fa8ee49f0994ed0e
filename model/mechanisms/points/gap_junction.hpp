#pragma once
// An ohmic gap junction seen from one side, on the point-mechanism template (point_kernel.hpp):
// i = g·(v − vgap) [nA, outward > 0] with the partner's voltage vgap [mV] set from outside every
// step (by a dynamic clamp, from the living cell's sample). The current is implicit in this
// side's own voltage (its slope g joins the diagonal) and explicit in the partner's, taken at the
// start of the step — NEURON's ParallelContext gap-junction semantics.
//
// rectify: 0 conducts both ways; +1 only while current flows into this side (vgap > v); −1 only
// while it flows out (vgap < v). The other side uses the same condition on the same two
// voltages, so the two sides always agree on whether the junction conducts.
#include "model/mechanisms/points/exp_synapses.hpp"
#include "model/mechanisms/points/point_kernel.hpp"

namespace rtcell::points {

// Whether a junction with rectification `rectify` (0, +1, −1) conducts when this side is at v
// and the partner at v_partner [mV].
inline bool gap_conducts(double rectify, double v, double v_partner) {
    if (rectify > 0)
        return v_partner > v;
    if (rectify < 0)
        return v_partner < v;
    return true;
}

struct Gap {
    enum Param { g, vgap, rectify };
    static constexpr bool synapse = false;
    static constexpr std::size_t aux = 0;
    static MechanismSpec spec() {
        return {"Gap",
                MechanismSpec::Kind::point,
                "ohmic gap junction to a partner at vgap (set every step): i = g·(v − vgap), "
                "implicit in v, explicit in vgap; rectify +1 passes only inward, −1 only outward "
                "current",
                {{"g", 0.0, "uS", "junction conductance"},
                 {"vgap", -65.0, "mV", "the partner's voltage (set every step)"},
                 {"rectify", 0.0, "1", "0: both ways; +1: inward only; -1: outward only"}},
                {}};
    }
    static void prepare(PointElement, double) {}
    static PointCurrent contribute(PointElement x, double, double v) {
        const double conducting = gap_conducts(x.p(rectify), v, x.p(vgap)) ? x.p(g) : 0.0;
        return conductance_current(conducting, v, x.p(vgap));
    }
    static void advance(PointElement, double) {}
    static void receive(PointElement, double) {}
};

}  // namespace rtcell::points
