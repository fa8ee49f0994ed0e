#pragma once
// `rtcell sim NETWORK.yaml`: a network configuration (README "Networks") run offline, on
// `network.threads` threads or --threads N (rt::ParallelStepper), its traces and spike times
// written per group.
#include <iosfwd>
#include <string>

namespace rtcell::tools {

struct NetworkSimOptions {
    std::string path, out_path, duration, dt, threads;
};

int run_network_sim(const NetworkSimOptions& o, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
