#include "tools/latency_samples.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace rtcell::tools {
namespace {

// The nearest-rank quantile of `v` [ns], reordering it (nth_element).
std::int64_t nearest_rank(std::vector<std::int64_t>& v, double q) {
    if (v.empty())
        return 0;
    const double rank = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size()));
    const auto k = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

// Quantile q of a resample (with replacement) of `from` [ns]; `scratch` is reused.
std::int64_t resampled_quantile(const std::vector<std::int64_t>& from, double q,
                                std::mt19937_64& rng, std::vector<std::int64_t>& scratch) {
    std::uniform_int_distribution<std::size_t> pick(0, from.size() - 1);
    scratch.resize(from.size());
    for (auto& x : scratch)
        x = from[pick(rng)];
    return nearest_rank(scratch, q);
}

}  // namespace

double LatencySamples::quantile_us(double q) const {
    std::vector<std::int64_t> copy = ns_;
    return static_cast<double>(nearest_rank(copy, q)) * 1e-3;
}

AddedLatency added_latency(const LatencySamples& through, const LatencySamples& bare, double q,
                           int resamples) {
    AddedLatency a;
    a.estimate_us = through.quantile_us(q) - bare.quantile_us(q);
    a.low_us = a.high_us = a.estimate_us;
    if (through.count() == 0 || bare.count() == 0 || resamples < 2)
        return a;
    std::mt19937_64 rng(20261207);
    std::vector<std::int64_t> scratch;
    std::vector<double> diffs;
    for (int r = 0; r < resamples; ++r)
        diffs.push_back(static_cast<double>(resampled_quantile(through.ns(), q, rng, scratch) -
                                            resampled_quantile(bare.ns(), q, rng, scratch)) *
                        1e-3);
    std::sort(diffs.begin(), diffs.end());
    const auto at = [&](double p) {
        return diffs[static_cast<std::size_t>(std::lround(p * static_cast<double>(resamples - 1)))];
    };
    a.low_us = at(0.025);
    a.high_us = at(0.975);
    return a;
}

Verdict judge(const AddedLatency& added, double target_us) {
    if (added.high_us <= target_us)
        return Verdict::met;
    if (added.low_us > target_us)
        return Verdict::missed;
    return Verdict::unresolved;
}

const char* verdict_name(Verdict v) {
    switch (v) {
        case Verdict::met:
            return "met";
        case Verdict::missed:
            return "not met";
        case Verdict::unresolved:
            return "not resolved here";
    }
    return "";
}

}  // namespace rtcell::tools
