#pragma once
// `rtcell bench --zmq`: ZeroMQ latency — a client's event in → the spike it caused out, and a
// value in → the first voltage frame that carries it — over tcp and ipc, each next to a bare
// ZeroMQ round trip on the same socket types and transport in the same run; then
// voltage-streaming throughput.
#include <iosfwd>
#include <string>

#include "io/io_config.hpp"
#include "tools/latency_samples.hpp"

namespace rtcell::tools {

int bench_zmq(bool quick, std::ostream& out, std::ostream& err);

// What one round trip sends and what ends it.
enum class TripKind {
    event_to_spike,  // an event to a synapse; ends at the spike it causes (topic spikes)
    value_to_frame,  // a value for stim.amp; ends at the first frame row carrying it (voltage)
};

// One kernel measurement: `trips` round trips of `kind` against a kernel stepping every dt_ms,
// its input binding and PUB socket on `transport` ("tcp" loopback or "ipc"), interleaved with
// as many bare ZeroMQ round trips.
struct KernelTrips {
    TripKind kind = TripKind::event_to_spike;
    std::string transport = "tcp";
    io::IoConfig::Wake wake = io::IoConfig::Wake::schedule;
    double dt_ms = 0.05;
    int trips = 1000;
    double answer_timeout_s = 0.2;  // a trip not answered by then is lost
};
struct TripResult {
    LatencySamples latency;  // client send → answer received
    std::uint64_t lost = 0;
};
// The kernel's trips, and the bare ZeroMQ round trip on the same socket types and transport,
// its trips interleaved with the kernel's (so both see the same machine).
struct KernelTripResult {
    TripResult kernel, bare;
    std::uint64_t overruns = 0;  // the kernel's loop's
};
KernelTripResult kernel_round_trips(const KernelTrips& setup);

}  // namespace rtcell::tools
