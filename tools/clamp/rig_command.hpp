#pragma once
// `rtcell rig`: a simulated rig, the living cell of a dynamic clamp played by a model cell,
// connected to `rtcell run` through the shared-memory block (the reference C++ bridge), or
// with the configuration's clamp run in this process (the reference trace the shared-memory
// loop must equal).
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

extern const char* const rig_help;
int run_rig(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
