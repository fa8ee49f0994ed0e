#pragma once
// Runs an rtcell command in-process (any `int f(args, out, err)` of tools/) and keeps what it
// returned and printed, for the command tests.
#include <sstream>
#include <string>
#include <vector>

namespace rtcell::test {

struct CommandResult {
    int status;
    std::string out, err;
};

template <class F>
CommandResult call(F f, std::vector<std::string> args) {
    std::ostringstream out, err;
    const int status = f(args, out, err);
    return {status, out.str(), err.str()};
}

}  // namespace rtcell::test
