#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

// `rtcell nmodl build A.mod ... -o CAT.so` and `rtcell nmodl translate A.mod ... [-o OUT.cpp]`.
int run_nmodl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
