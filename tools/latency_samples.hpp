#pragma once
// Round-trip times kept whole, for the benchmarks' clients. A client is not the real-time thread,
// so it can keep every sample and take exact quantiles: rt::LatencyHistogram's 3 % buckets are
// 65 µs wide at 2 ms, wider than the 50 µs a 40 kHz target allows at p99. And a difference of
// two quantiles measured on a shared virtual machine is noisy, so it comes with a bootstrap
// interval that says whether this machine can tell the difference from a target at all.
#include <cstdint>
#include <vector>

namespace rtcell::tools {

class LatencySamples {
  public:
    void record(std::int64_t ns) { ns_.push_back(ns); }
    std::size_t count() const { return ns_.size(); }
    // The sample at quantile q ∈ [0, 1] (nearest rank) [µs]; 0 with no samples.
    double quantile_us(double q) const;
    double max_us() const { return quantile_us(1.0); }
    const std::vector<std::int64_t>& ns() const { return ns_; }

  private:
    std::vector<std::int64_t> ns_;  // [ns], in the order recorded
};

// What `through` adds over `bare` at quantile q [µs], signed (the bare round trip may be the
// slower one on a noisy machine; an unsigned difference once printed 1.8e13 µs), with a 95 %
// percentile-bootstrap interval: both sets resampled with replacement `resamples` times with a
// fixed seed, so the same samples always give the same interval.
struct AddedLatency {
    double estimate_us = 0, low_us = 0, high_us = 0;
};
AddedLatency added_latency(const LatencySamples& through, const LatencySamples& bare, double q,
                           int resamples = 400);

// A target for an added latency [µs] against its interval: met when the whole interval is at or
// below it, missed when the whole interval is above it, otherwise not resolved by this machine.
enum class Verdict { met, unresolved, missed };  // from best to worst
Verdict judge(const AddedLatency& added, double target_us);
inline Verdict worse(Verdict a, Verdict b) {
    return a > b ? a : b;
}
const char* verdict_name(Verdict v);

}  // namespace rtcell::tools
