#pragma once
// The cells and networks of the NEURON network scenarios (tests/validation/neuron/ring_net,
// ei_net, gap_pair; their make_reference.py says what NEURON ran): the ball-and-stick of
// nrnmech.hh_soma_pas_dendrite (HH soma 20 × 20 µm, passive dendrite 200 × 2 µm in 5 CVs on its
// x = 1 end, Ra 100 Ω·cm, cm 1 µF/cm², 6.3 °C) and nrnmech.compartment's HH soma (20 × 20 µm,
// Ra 35.4), each with a somatic spike detector at −10 mV.
#include <string>
#include <vector>

#include "model/cell/cell.hpp"
#include "model/network/network.hpp"

namespace rtcell::test {

inline Density neuron_hh() {
    return Density{"hh",
                   {{"gnabar", 0.12},
                    {"gkbar", 0.036},
                    {"gl", 0.0003},
                    {"el", -54.3},
                    {"ena", 50.0},
                    {"ek", -77.0}}};
}

inline CellOptions network_options(std::size_t members) {
    CellOptions o;
    o.pop_size = {members};
    o.V_init = -65;
    o.V_th = -10;
    o.detector = ls::location(0, 0.5);
    return o;
}

inline Cell neuron_ball_and_stick(std::size_t members) {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Branch dend{"dend", BranchType::basal_dendrite,
                3,      0,
                1.0,    {{20, 0, 0, Diameter{2}}, {220, 0, 0, Diameter{2}}},
                {}};
    CellOptions o = network_options(members);
    o.cv_policy = CvPolicy::explicit_counts({{"soma", 1}, {"dend", 5}});
    Cell c(Morphology({soma, dend}, "ball_and_stick"), o);
    c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3});
    c.paint(reg::branch("soma"), neuron_hh());
    c.paint(reg::branch("dend"), Density{"pas", {{"g", 0.001}, {"e", -65.0}}});
    c.place(ls::location("soma", 0.5), Probe{"v_soma", "v"});
    return c;
}

inline Cell neuron_compartment(std::size_t members) {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Cell c(Morphology({soma}, "soma"), network_options(members));
    c.paint(reg::all(), CableSettings{1.0, 35.4, {}, 6.3}, neuron_hh());
    c.place(ls::location(0, 0.5), Probe{"v_soma", "v"});
    return c;
}

// A kick: a 1 nA pulse of 1 ms at 1 ms on member 0's soma (the others get 0 nA).
inline void kick_member_0(Cell& c, std::size_t members) {
    std::vector<double> amp(members, 0.0);
    amp[0] = 1.0;
    c.place(ls::location("soma", 0.5),
            Point{"IClamp",
                  "kick",
                  {{"delay", 1.0}, {"dur", 1.0}, {"amp", ParamValue::per_member(amp)}},
                  {}});
}

// ring_net: five ball-and-sticks in a ring (delay 5 ms, 0.05 µS onto dend(0.5)).
inline Network ring_net() {
    Cell ring = neuron_ball_and_stick(5);
    ring.place(ls::location("dend", 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}, {"e", 0.0}}, {}});
    kick_member_0(ring, 5);
    Network net;
    net.add_group("ring", std::move(ring));
    for (std::size_t k = 0; k < 5; ++k)
        net.connect(Connection{0, k, 0, (k + 1) % 5, "syn", -1, 0.05, 5.0});
    return net;
}

// ei_net: four excitatory ball-and-sticks in a ring, each driving two HH compartments, which
// inhibit every excitatory cell.
inline Network ei_net() {
    Cell e = neuron_ball_and_stick(4);
    e.place(ls::location("dend", 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}, {"e", 0.0}}, {}});
    e.place(ls::location("soma", 0.5), Point{"ExpSyn", "inh", {{"tau", 5.0}, {"e", -80.0}}, {}});
    kick_member_0(e, 4);
    Cell i = neuron_compartment(2);
    i.place(ls::location(0, 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}, {"e", 0.0}}, {}});
    Network net;
    const std::size_t E = net.add_group("E", std::move(e)), I = net.add_group("I", std::move(i));
    for (std::size_t k = 0; k < 4; ++k)
        net.connect(Connection{E, k, E, (k + 1) % 4, "exc", -1, 0.05, 3.0});
    net.connect(connect::all_to_all({E, 0, 4}, {I, 0, 2}, {"exc", 0.02, 2.0}));
    net.connect(connect::all_to_all({I, 0, 2}, {E, 0, 4}, {"inh", 0.01, 1.5}));
    return net;
}

// gap_pair: two ball-and-sticks as two groups, soma to soma (0.01 µS) and dendrite tip to tip
// (0.002 µS); A gets 0.5 nA from 5 to 45 ms.
inline Network gap_pair() {
    Cell a = neuron_ball_and_stick(1), b = neuron_ball_and_stick(1);
    a.place(ls::location("dend", 1.0), Probe{"v_tip", "v"});
    b.place(ls::location("dend", 1.0), Probe{"v_tip", "v"});
    a.place(ls::location("soma", 0.5),
            Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 40.0}, {"amp", 0.5}}, {}});
    Network net;
    const std::size_t A = net.add_group("A", std::move(a)), B = net.add_group("B", std::move(b));
    net.add_gap_junction({A, 0, ls::location("soma", 0.5), B, 0, ls::location("soma", 0.5), 0.01});
    net.add_gap_junction({A, 0, ls::location("dend", 1.0), B, 0, ls::location("dend", 1.0), 0.002});
    return net;
}

}  // namespace rtcell::test
