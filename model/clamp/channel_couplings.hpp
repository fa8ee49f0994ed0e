#pragma once
// Couplings among the living cells of a multi-channel dynamic clamp (a live-membrane
// population, a rig channel per member; model/clamp/dynamic_clamp.hpp): the hybrid-circuit
// experiment, in which the clamp joins real neurons by artificial junctions and synapses.
//   - a gap junction between channels a and b: the current into a is g·(V_b − V_a) and into b
//     its opposite, both explicit in the samples taken at the start of the step; rectified, it
//     passes only one way;
//   - a synapse from channel a to channel b: a point mechanism placed on the live membrane
//     (every member has it) whose instance on member b receives an event of `weight` at each
//     threshold crossing of channel a (V_th, the live membrane's refractory period), delivered
//     in the next step — as a model neuron's spike reaches a synapse on the live membrane.
#include <cstddef>
#include <string>
#include <vector>

namespace rtcell {

struct ChannelGap {
    std::string name;          // its part of the command: "clamp.I.<name>"
    std::size_t a = 0, b = 0;  // the two channels
    double g_uS = 0;
    // 0: both ways; +1: current only into a (when V_b > V_a); −1: only into b.
    int rectify = 0;
};

struct ChannelSynapse {
    std::string synapse;  // a point mechanism placed on the live membrane
    std::size_t from = 0, to = 0;
    double weight = 1.0;  // per crossing: µS for ExpSyn/Exp2Syn, 1 for the kinetic synapses
};

struct ChannelCouplings {
    std::vector<ChannelGap> gaps;
    std::vector<ChannelSynapse> synapses;
};

}  // namespace rtcell
