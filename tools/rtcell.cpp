// The `rtcell` command: one entry point, one subcommand per job.
#include <iostream>
#include <string>
#include <vector>

#include "tools/bench_command.hpp"
#include "tools/check_command.hpp"
#include "tools/mechanisms_command.hpp"
#include "tools/run_command.hpp"
#include "tools/sim_command.hpp"
#include "tools/vis_command.hpp"
#include "tools/zmq_commands.hpp"

namespace {

const char* const usage =
    "usage: rtcell COMMAND [ARGS...]\n"
    "\n"
    "commands:\n"
    "  check CONFIG|MORPHOLOGY   load a configuration or morphology and summarize it\n"
    "  run [CONFIG]              run a cell in real time (default: the built-in ball-and-stick)\n"
    "  sim CONFIG                run a configuration offline and write its traces\n"
    "  vis CONFIG                draw the cell (topology or morphology) as SVG\n"
    "  mechanisms                list every mechanism with its parameters and units\n"
    "  listen ENDPOINT           print what a running kernel publishes over ZeroMQ\n"
    "  send ENDPOINT ...         send events or values to a running kernel's input\n"
    "  bench                     time the benchmark models (and NEURON, when installed)\n"
    "\n"
    "Run 'rtcell COMMAND --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << usage;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "check")
        return rtcell::tools::run_check(args, std::cout, std::cerr);
    if (command == "mechanisms")
        return rtcell::tools::run_mechanisms(args, std::cout, std::cerr);
    if (command == "vis")
        return rtcell::tools::run_vis(args, std::cout, std::cerr);
    if (command == "listen")
        return rtcell::tools::run_listen(args, std::cout, std::cerr);
    if (command == "send")
        return rtcell::tools::run_send(args, std::cout, std::cerr);
    if (command == "run")
        return rtcell::tools::run_realtime(args, std::cout, std::cerr);
    if (command == "bench")
        return rtcell::tools::run_bench(args, std::cout, std::cerr);
    if (command == "sim")
        return rtcell::tools::run_sim(args, std::cout, std::cerr);
    std::cerr << "rtcell: unknown command '" << command << "'\n\n" << usage;
    return 2;
}
