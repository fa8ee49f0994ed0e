// The one argument parser (tools/cli/arguments.hpp) and the command table
// (tools/cli/command_table.hpp).
#include <catch2/catch.hpp>
#include <sstream>

#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/command_table.hpp"

using namespace rtcell;
using namespace rtcell::tools;

namespace {
struct Parsed {
    int status;
    std::string out, err, path, value;
    bool json = false;
    std::vector<std::string> rest;
};
Parsed parse(const std::vector<std::string>& args, bool with_rest = false) {
    Parsed p;
    std::ostringstream out, err;
    Arguments a("demo", "usage: rtcell demo FILE [--json] [--value V]\n");
    a.positional(p.path, "file").flag("--json", p.json).option("--value", p.value);
    if (with_rest)
        a.rest(p.rest);
    p.status = a.parse(args, out, err);
    p.out = out.str();
    p.err = err.str();
    return p;
}
}  // namespace

TEST_CASE("arguments: flags, options and bare arguments in any order", "[tools][cli]") {
    const Parsed p = parse({"--value", "3 ms", "cell.yaml", "--json"});
    CHECK(p.status == -1);
    CHECK(p.path == "cell.yaml");
    CHECK(p.value == "3 ms");
    CHECK(p.json);
    CHECK(p.err.empty());
    const Parsed negative = parse({"--value", "-1.5", "-2:0.5"});
    CHECK(negative.status == -1);
    CHECK(negative.value == "-1.5");
    CHECK(negative.path == "-2:0.5");  // '-' and a digit: a bare argument, not an option
}

TEST_CASE("arguments: help, and usage errors that say what is wrong", "[tools][cli]") {
    const Parsed help = parse({"file", "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.rfind("usage: rtcell demo", 0) == 0);
    const Parsed unknown = parse({"--jsn"});
    CHECK(unknown.status == 2);
    CHECK(unknown.err.rfind("rtcell demo: unknown option '--jsn'\n\nusage:", 0) == 0);
    const Parsed missing = parse({"file", "--value"});
    CHECK(missing.status == 2);
    CHECK(missing.err == "rtcell demo: --value needs a value\n");
    const Parsed extra = parse({"a", "b"});
    CHECK(extra.status == 2);
    CHECK(extra.err.rfind("rtcell demo: give at most one file\n", 0) == 0);
    const Parsed rest = parse({"a", "b", "c"}, true);
    CHECK(rest.status == -1);
    CHECK(rest.rest == std::vector<std::string>{"b", "c"});
}

TEST_CASE("arguments: quantities carry their unit, numbers are whole or not", "[tools][cli]") {
    CHECK(quantity("25 us", units::Dimension::time, "--dt") == Approx(0.025));
    CHECK_THROWS_WITH(quantity("25", units::Dimension::time, "--dt"), Catch::Contains("--dt"));
    CHECK(whole_number("-12", "--cpu") == -12);
    CHECK_THROWS_WITH(whole_number("1.5", "--cpu"), "--cpu: '1.5' is not a whole number");
    CHECK_THROWS_WITH(whole_number("", "--cpu"), "--cpu: '' is not a whole number");
    CHECK(number("-0.25", "--vmin") == -0.25);
    CHECK_THROWS_WITH(number("low", "--vmin"), "--vmin: 'low' is not a number");
}

TEST_CASE("the command table: every command answers --help, unknown ones exit 2", "[tools][cli]") {
    for (const Command& c : commands()) {
        std::ostringstream out, err;
        INFO(c.name);
        CHECK(c.run({"--help"}, out, err) == 0);
        CHECK(out.str().rfind(std::string("usage: rtcell ") + c.name, 0) == 0);
        CHECK(overview().find(std::string("  ") + c.name) != std::string::npos);
    }
    std::ostringstream out, err;
    CHECK(dispatch({"frobnicate"}, out, err) == 2);
    CHECK(err.str().rfind("rtcell: unknown command 'frobnicate'", 0) == 0);
    CHECK(dispatch({}, out, err) == 2);
    CHECK(dispatch({"--help"}, out, err) == 0);
    std::ostringstream o2, e2;
    CHECK(dispatch({"sim", "--frobnicate"}, o2, e2) == 2);
}
