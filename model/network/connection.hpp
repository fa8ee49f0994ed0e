#pragma once
// A network's connections: from a source — a group member's spike detector (the group's
// CellOptions::detector and V_th, NEURON's NetCon source) — to a target, one instance of a
// placed synapse on a member of a group, with a weight and a delay ≥ dt. And the rules that
// build them (NEURON's usual patterns), with a seeded random generator where they draw.
//
// Delivery follows NEURON's fixed step exactly: a spike's time is the end of the first step
// at whose end the detector is at or above threshold (the grid time, not an interpolation);
// it arrives at t_spike + delay and is delivered at the start of the step in which
// t_spike + delay ≤ t_step + dt/2.
#include <cstdint>
#include <string>
#include <vector>

namespace rtcell {

struct Connection {
    std::size_t pre_group = 0, pre_member = 0;    // the source
    std::size_t post_group = 0, post_member = 0;  // the target's cell
    std::string synapse;                          // a placed synapse's name on the target group
    int instance = -1;                            // its instance (location); −1: every instance
    double weight = 0;  // per event: µS for ExpSyn/Exp2Syn, 1 = one spike for the kinetic ones
    double delay_ms = 1.0;
};

// The members of a group a rule connects, by index.
struct MemberRange {
    std::size_t group = 0, first = 0, count = 1;
};

// What every connection of a rule shares.
struct SynapseTarget {
    std::string synapse;
    double weight = 0, delay_ms = 1.0;
    int instance = -1;
};

namespace connect {
// Every source to every target (no connection of a cell to itself unless allow_self).
std::vector<Connection> all_to_all(const MemberRange& pre, const MemberRange& post,
                                   const SynapseTarget& t, bool allow_self = false);
// Source k to target k (the ranges must be of one size).
std::vector<Connection> one_to_one(const MemberRange& pre, const MemberRange& post,
                                   const SynapseTarget& t);
// Each (source, target) pair with probability p, drawn from `seed`.
std::vector<Connection> fixed_probability(const MemberRange& pre, const MemberRange& post,
                                          const SynapseTarget& t, double p, std::uint64_t seed,
                                          bool allow_self = false);
// Each target from exactly k distinct sources drawn from `seed` (k ≤ the sources it may use).
std::vector<Connection> fixed_indegree(const MemberRange& pre, const MemberRange& post,
                                       const SynapseTarget& t, std::size_t k, std::uint64_t seed,
                                       bool allow_self = false);
}  // namespace connect

}  // namespace rtcell
