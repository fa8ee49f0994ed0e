#pragma once
// Every `rtcell` subcommand, one row each: its name, the arguments it shows in the overview,
// one line on what it does, and the function that runs it. A new command is its own file
// (tools/<name>_command.cpp with run_<name>(args, out, err) and its --help text), a row in
// command_table.cpp, and a test in tests/tools/.
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace rtcell::tools {

using CommandFunction = int (*)(const std::vector<std::string>& args, std::ostream& out,
                                std::ostream& err);

struct Command {
    const char* name;
    const char* arguments;  // as shown in the overview: "CONFIG|MORPHOLOGY"
    const char* summary;
    CommandFunction run;
};

std::span<const Command> commands();
std::string overview();  // `rtcell --help`
// Runs one command; an exception that escapes it (the commands report their InputErrors
// themselves) becomes "rtcell NAME ARGS: error: ..." on `err` and exit code 1.
int run_guarded(const Command& c, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err);
// `rtcell ARGS...`: the command named by args[0] with the rest; 2 for no or an unknown command.
int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
