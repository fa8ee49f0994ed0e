// The `rtcell` command: one entry point; the subcommands are the rows of
// tools/cli/command_table.cpp.
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/command_table.hpp"

int main(int argc, char** argv) {
    return rtcell::tools::dispatch(std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                   std::cerr);
}
