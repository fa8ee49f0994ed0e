#pragma once
// `rtcell check CONFIG|MORPHOLOGY [--json]`: load a configuration (or a bare .swc/.asc
// file with the default CV policy), build the morphology and its CVs, and print a summary.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const check_help;

}  // namespace rtcell::tools
