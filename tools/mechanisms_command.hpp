#pragma once
// `rtcell mechanisms [--json]`: every mechanism with its parameters, defaults and units.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_mechanisms(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
