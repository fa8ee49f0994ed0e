#pragma once
// `rtcell bench [--json] [--no-neuron] [--quick]`: a fixed set of models stepped as fast as
// possible, with NEURON's time for the same models measured in the same invocation when
// python3-neuron is installed.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_bench(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const bench_help;

}  // namespace rtcell::tools
