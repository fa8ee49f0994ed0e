#pragma once
// `rtcell bench --zmq`: ZeroMQ latency (client send → the spike it caused, next to a bare
// ZeroMQ round trip on the same socket types in the same run) and voltage-streaming throughput.
#include <iosfwd>

#include "rt/latency_histogram.hpp"

namespace rtcell::tools {

int bench_zmq(bool quick, std::ostream& out, std::ostream& err);

// What rtcell adds at quantile q [µs]: through − bare, signed (the bare round trip may be the
// slower one on a noisy machine; an unsigned difference once printed 1.8e13 µs).
double added_latency_us(const rt::LatencyHistogram& through, const rt::LatencyHistogram& bare,
                        double q);

}  // namespace rtcell::tools
