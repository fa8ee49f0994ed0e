#pragma once
// A fixed-memory latency histogram in the style of HdrHistogram: values in nanoseconds with
// about 3 % resolution (6 significant bits) from 0 to ~18 minutes, exact below 64 ns. Recording is
// a few integer operations and never allocates, so the real-time thread can use it every step.
#include <array>
#include <cstdint>

namespace rtcell::rt {

class LatencyHistogram {
  public:
    static constexpr int kBuckets = 64 + 35 * 32;

    void record(std::int64_t ns) {
        const std::uint64_t v = ns < 0 ? 0 : static_cast<std::uint64_t>(ns);
        ++counts_[index(v)];
        ++total_;
        if (v > max_)
            max_ = v;
    }
    void clear() {
        counts_.fill(0);
        total_ = 0;
        max_ = 0;
    }
    std::uint64_t count() const { return total_; }
    std::uint64_t max() const { return max_; }
    // The value at quantile q ∈ [0, 1] (the upper edge of its bucket, capped at the maximum).
    std::uint64_t percentile(double q) const;
    // Adds another histogram's counts.
    void merge(const LatencyHistogram& other);

    static int index(std::uint64_t v) {
        if (v < 64)
            return static_cast<int>(v);
        const int msb = 63 - __builtin_clzll(v);
        const int shift = msb - 5;  // keep 6 significant bits: (v >> shift) ∈ [32, 63]
        const int i = 64 + (shift - 1) * 32 + static_cast<int>((v >> shift) - 32);
        return i < kBuckets ? i : kBuckets - 1;
    }
    static std::uint64_t upper_edge(int i) {
        if (i < 64)
            return static_cast<std::uint64_t>(i);
        const int shift = (i - 64) / 32 + 1;
        const std::uint64_t mantissa = static_cast<std::uint64_t>((i - 64) % 32 + 32);
        return ((mantissa + 1) << shift) - 1;
    }

  private:
    std::array<std::uint64_t, kBuckets> counts_{};
    std::uint64_t total_ = 0, max_ = 0;
};

}  // namespace rtcell::rt
