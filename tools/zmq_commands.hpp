#pragma once
// `rtcell listen` and `rtcell send`: command-line ZeroMQ clients of a running kernel.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::tools {

int run_listen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_send(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
