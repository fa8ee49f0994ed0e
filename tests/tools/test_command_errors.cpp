// Every command ends with a message and an exit code, never std::terminate: the dispatcher's
// last line of defence, and `check` and `sim` on every configuration reproducer of the
// reliability findings (tests/data/reliability/config/).
#include <catch2/catch.hpp>
#include <filesystem>
#include <new>
#include <sstream>
#include <stdexcept>

#include "support/test_data.hpp"
#include "tools/cli/command_table.hpp"

using namespace rtcell;
using Catch::Contains;

namespace {
int throws_runtime(const std::vector<std::string>&, std::ostream&, std::ostream&) {
    throw std::runtime_error("kaboom");
}
int throws_bad_alloc(const std::vector<std::string>&, std::ostream&, std::ostream&) {
    throw std::bad_alloc();
}
int throws_int(const std::vector<std::string>&, std::ostream&, std::ostream&) {
    throw 42;
}
}  // namespace

TEST_CASE("an exception escaping a command becomes an error message and exit code 1",
          "[tools][errors]") {
    std::ostringstream out, err;
    CHECK(tools::run_guarded({"boom", "", "", throws_runtime}, {"a.yaml", "-x"}, out, err) == 1);
    CHECK_THAT(err.str(), Contains("rtcell boom a.yaml -x: error: kaboom"));
    CHECK(tools::run_guarded({"boom", "", "", throws_bad_alloc}, {}, out, err) == 1);
    CHECK_THAT(err.str(), Contains("out of memory"));
    CHECK(tools::run_guarded({"boom", "", "", throws_int}, {}, out, err) == 1);
    CHECK_THAT(err.str(), Contains("an unknown exception"));
}

TEST_CASE("check and sim give an error, not an abort, for every configuration reproducer",
          "[tools][errors][reliability]") {
    for (const auto& e : std::filesystem::directory_iterator(test::data("reliability/config"))) {
        const std::string path = e.path().string(), name = e.path().filename().string();
        const bool correct = name.find("label_chain") != std::string::npos;  // valid, now fast
        for (const char* command : {"check", "sim"}) {
            INFO(command << " " << name);
            std::ostringstream out, err;
            std::vector<std::string> args{command, path};
            if (std::string(command) == "sim")
                args.insert(args.end(), {"--duration", "0.1 ms"});
            const int status = tools::dispatch(args, out, err);
            if (correct && std::string(command) == "check") {
                CHECK(status == 0);
            } else if (!correct) {
                CHECK(status == 1);
                CHECK_THAT(err.str(), Contains(std::string("rtcell ") + command) &&
                                          Contains("error:") && Contains(name));
            }
        }
    }
}

TEST_CASE("rtcell --version", "[tools]") {
    std::ostringstream out, err;
    CHECK(tools::dispatch({"--version"}, out, err) == 0);
    CHECK_THAT(out.str(), Catch::Matches("rtcell [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}
