#include <algorithm>
#include <numeric>

#include "model/network/connection.hpp"
#include "model/util/input_error.hpp"
#include "model/util/random_stream.hpp"

namespace rtcell::connect {
namespace {

bool same_cell(const MemberRange& pre, std::size_t i, const MemberRange& post, std::size_t j) {
    return pre.group == post.group && pre.first + i == post.first + j;
}

Connection make(const MemberRange& pre, std::size_t i, const MemberRange& post, std::size_t j,
                const SynapseTarget& t) {
    return {pre.group, pre.first + i, post.group, post.first + j,
            t.synapse, t.instance,    t.weight,   t.delay_ms};
}

}  // namespace

std::vector<Connection> all_to_all(const MemberRange& pre, const MemberRange& post,
                                   const SynapseTarget& t, bool allow_self) {
    std::vector<Connection> out;
    for (std::size_t j = 0; j < post.count; ++j)
        for (std::size_t i = 0; i < pre.count; ++i)
            if (allow_self || !same_cell(pre, i, post, j))
                out.push_back(make(pre, i, post, j, t));
    return out;
}

std::vector<Connection> one_to_one(const MemberRange& pre, const MemberRange& post,
                                   const SynapseTarget& t) {
    if (pre.count != post.count)
        throw InputError("one_to_one: " + std::to_string(pre.count) + " sources for " +
                         std::to_string(post.count) + " targets");
    std::vector<Connection> out;
    for (std::size_t k = 0; k < pre.count; ++k)
        out.push_back(make(pre, k, post, k, t));
    return out;
}

std::vector<Connection> fixed_probability(const MemberRange& pre, const MemberRange& post,
                                          const SynapseTarget& t, double p, std::uint64_t seed,
                                          bool allow_self) {
    if (!(p >= 0 && p <= 1))
        throw InputError("fixed_probability: p = " + std::to_string(p) + " is not in [0, 1]");
    RandomStream draw(seed, 0);
    std::vector<Connection> out;
    for (std::size_t j = 0; j < post.count; ++j)
        for (std::size_t i = 0; i < pre.count; ++i)
            if (draw.uniform() < p && (allow_self || !same_cell(pre, i, post, j)))
                out.push_back(make(pre, i, post, j, t));
    return out;
}

std::vector<Connection> fixed_indegree(const MemberRange& pre, const MemberRange& post,
                                       const SynapseTarget& t, std::size_t k, std::uint64_t seed,
                                       bool allow_self) {
    std::vector<Connection> out;
    for (std::size_t j = 0; j < post.count; ++j) {
        std::vector<std::size_t> sources;
        for (std::size_t i = 0; i < pre.count; ++i)
            if (allow_self || !same_cell(pre, i, post, j))
                sources.push_back(i);
        if (k > sources.size())
            throw InputError("fixed_indegree: " + std::to_string(k) + " sources per target, but " +
                             std::to_string(sources.size()) + " to choose from");
        // A partial Fisher–Yates shuffle: the first k of a random permutation, per target from
        // its own stream so that a target's sources do not depend on the others'.
        RandomStream draw(seed, j);
        for (std::size_t n = 0; n < k; ++n) {
            const auto pick = n + static_cast<std::size_t>(draw.uniform() *
                                                           static_cast<double>(sources.size() - n));
            std::swap(sources[n], sources[std::min(pick, sources.size() - 1)]);
            out.push_back(make(pre, sources[n], post, j, t));
        }
    }
    return out;
}

}  // namespace rtcell::connect
