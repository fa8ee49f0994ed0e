#include "tools/cli/command_table.hpp"

#include <iomanip>
#include <ostream>
#include <sstream>

#include "tools/bench_command.hpp"
#include "tools/check_command.hpp"
#include "tools/clamp/rig_command.hpp"
#include "tools/dashboard/dashboard_command.hpp"
#include "tools/mechanisms_command.hpp"
#include "tools/nmodl/nmodl_command.hpp"
#include "tools/run_command.hpp"
#include "tools/sim_command.hpp"
#include "tools/vis_command.hpp"
#include "tools/zmq_commands.hpp"

namespace rtcell::tools {

namespace {
const Command kCommands[] = {
    {"check", "CONFIG|MORPHOLOGY", "load a configuration or morphology and summarize it",
     run_check},
    {"run", "[CONFIG]", "run a cell in real time (default: the built-in ball-and-stick)",
     run_realtime},
    {"rig", "LIVING --shm NAME", "play the living cell of a dynamic clamp with a model cell",
     run_rig},
    {"sim", "CONFIG", "run a configuration offline and write its traces", run_sim},
    {"vis", "CONFIG", "draw the cell (topology or morphology) as SVG", run_vis},
    {"mechanisms", "", "list every mechanism with its parameters and units", run_mechanisms},
    {"nmodl", "build|translate FILE.mod ...", "compile NMODL files into a mechanism catalogue",
     run_nmodl},
    {"listen", "ENDPOINT", "print what a running kernel publishes over ZeroMQ", run_listen},
    {"send", "ENDPOINT ...", "send events or values to a running kernel's input", run_send},
    {"dashboard", "[CONFIG]", "a web page to watch and steer a running kernel", run_dashboard},
    {"bench", "", "time the benchmark models (and NEURON, when installed)", run_bench},
};
}  // namespace

std::span<const Command> commands() {
    return kCommands;
}

std::string overview() {
    std::ostringstream s;
    s << "usage: rtcell COMMAND [ARGS...]\n\ncommands:\n";
    for (const Command& c : kCommands) {
        const std::string head = std::string(c.name) + (*c.arguments ? " " : "") + c.arguments;
        s << "  " << std::left << std::setw(26) << head << c.summary << "\n";
    }
    s << "\nRun 'rtcell COMMAND --help' for a command's options; 'rtcell --version' prints the "
         "version.\n";
    return s.str();
}

// Runs a command with the last line of defence: the commands report their InputErrors
// themselves; anything else that escapes (memory exhausted, a library's exception) still ends
// in an error message naming the command and its arguments and exit code 1, never in
// std::terminate.
int run_guarded(const Command& c, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
    std::string line = std::string("rtcell ") + c.name;
    for (const auto& a : args)
        line += " " + a;
    try {
        return c.run(args, out, err);
    } catch (const std::bad_alloc&) {
        err << line << ": error: out of memory (is the model too large?)\n";
    } catch (const std::exception& e) {
        err << line << ": error: " << e.what() << "\n";
    } catch (...) {
        err << line << ": error: an unknown exception\n";
    }
    return 1;
}

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        out << overview();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        out << "rtcell " << RTCELL_VERSION << "\n";
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const Command& c : kCommands)
        if (args[0] == c.name)
            return run_guarded(c, rest, out, err);
    err << "rtcell: unknown command '" << args[0] << "'\n\n" << overview();
    return 2;
}

}  // namespace rtcell::tools
