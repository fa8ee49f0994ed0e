#include "rt/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace rtcell::rt {

std::uint64_t LatencyHistogram::percentile(double q) const {
    if (total_ == 0)
        return 0;
    const auto target = static_cast<std::uint64_t>(
        std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(total_)));
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += counts_[i];
        if (seen >= std::max<std::uint64_t>(target, 1))
            return std::min(upper_edge(i), max_);
    }
    return max_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (int i = 0; i < kBuckets; ++i)
        counts_[i] += other.counts_[i];
    total_ += other.total_;
    max_ = std::max(max_, other.max_);
}

}  // namespace rtcell::rt
