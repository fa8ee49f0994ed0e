#pragma once
// `rtcell vis`: topology views and morphology pictures of a configured cell, as SVG.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_vis(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
