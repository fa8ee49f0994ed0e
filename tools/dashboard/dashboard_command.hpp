#pragma once
// `rtcell dashboard`: a web page to watch and steer a running kernel (README "Dashboard").
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_dashboard(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
