#pragma once
// `rtcell run [CONFIG] [--duration T] [--report text|json] ...`: run a cell in real time, one
// update() per dt at a hard deadline, and report the timing next to the platform's floor (an
// empty loop with the same period, priority and wait strategy, measured in the same run).
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_realtime(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `rtcell bench --realtime`: the default model and the empty loop, a fixed time each.
int bench_realtime(double seconds, bool json, std::ostream& out, std::ostream& err);
extern const char* const run_help;

}  // namespace rtcell::tools
