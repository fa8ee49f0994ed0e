#pragma once
// `rtcell bench --soak DURATION`: the default model in real time with ZeroMQ traffic in every
// direction (an input sender, a subscriber, periodic control requests), reporting the step
// count against wall time, memory (RSS) at start and end, and every drop and overrun.
#include <ostream>

namespace rtcell::tools {
int bench_soak(double seconds, bool json, std::ostream& out, std::ostream& err);
}  // namespace rtcell::tools
