#pragma once
// `rtcell check NETWORK.yaml [--json]`: a network configuration read, built and initialized
// (so that every synapse name, member and delay is checked), then summarized: its groups (cells
// and CVs each), connections (count, shortest and longest delay), gap junctions, threads, dt.
#include <iosfwd>
#include <string>

namespace rtcell::tools {

int check_network(const std::string& path, bool json, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
