#pragma once
// `rtcell bench --zmq`: ZeroMQ latency (client send → the spike it caused, next to a bare
// ZeroMQ round trip on the same socket types in the same run) and voltage-streaming throughput.
#include <iosfwd>

namespace rtcell::tools {

int bench_zmq(bool quick, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
