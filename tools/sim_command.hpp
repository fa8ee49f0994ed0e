#pragma once
// `rtcell sim CONFIG [--out FILE] [--duration T] [--dt DT] [--record-every K]`: run a
// configuration offline as fast as possible, write the probe traces as CSV and print one
// JSON line with the run's size and speed.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_sim(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const sim_help;

}  // namespace rtcell::tools
