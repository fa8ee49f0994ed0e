// `rtcell rig` and the commands that meet a dynamic-clamp configuration: usage errors, a block
// that is not there, the in-process reference trace, and `sim` refusing a clamp.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_data.hpp"
#include "tools/clamp/rig_command.hpp"
#include "tools/sim_command.hpp"

using namespace rtcell;

namespace {
struct Result {
    int status;
    std::string out, err;
};
Result rig(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int status = tools::run_rig(args, out, err);
    return {status, out.str(), err.str()};
}
const std::string living = test::config("examples/clamp/living_cell.yaml");
const std::string hcn = test::config("examples/clamp/hcn.yaml");
}  // namespace

TEST_CASE("rtcell rig: usage errors and a missing block", "[rig][clamp][errors]") {
    CHECK(rig({"--help"}).status == 0);
    CHECK_THAT(rig({living}).err, Catch::Contains("one of --shm NAME or --in-process"));
    CHECK_THAT(rig({living, "--shm", "/a", "--in-process", hcn}).err,
               Catch::Contains("one of --shm NAME or --in-process"));
    const Result missing = rig({living, "--shm", "/rtcell-no-such-block", "--timeout", "50ms"});
    CHECK(missing.status == 1);
    CHECK_THAT(missing.err, Catch::Contains("cannot open (is rtcell run with this"));
    CHECK_THAT(rig({living, "--in-process", living}).err, Catch::Contains("no dynamic_clamp"));
    CHECK_THAT(rig({living, "--in-process", hcn, "--at", "(join (location 0 0.2) (location 0 0.8))",
                    "--samples", "3"})
                   .err,
               Catch::Contains("--at"));
    CHECK_THAT(rig({living, "--in-process", hcn, "--noise", "1"}).err,
               Catch::Contains("has no unit"));
}

TEST_CASE("rtcell rig --in-process writes the clamp's trace", "[rig][clamp]") {
    const std::string out =
        (std::filesystem::temp_directory_path() / "rtcell_rig_in_process_test.csv").string();
    const Result r = rig({living, "--in-process", hcn, "--samples", "400", "--out", out});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("400 periods, 0 commands timed out"));
    std::ifstream f(out);
    std::string header, line;
    std::getline(f, header);
    CHECK(header == "t_ms,v_mV,i_nA,flags");
    int rows = 0;
    double i_sum = 0;
    while (std::getline(f, line)) {
        ++rows;
        std::istringstream s(line);
        std::string t, v, i, flags;
        std::getline(s, t, ',');
        std::getline(s, v, ',');
        std::getline(s, i, ',');
        std::getline(s, flags, ',');
        i_sum += std::stod(i);
        CHECK(flags == "1");  // every command the model's, none clipped
    }
    CHECK(rows == 400);
    CHECK(i_sum > 0);  // HCN at rest depolarizes
}

TEST_CASE("rtcell sim refuses a dynamic clamp and says what to run", "[sim][clamp][errors]") {
    std::ostringstream out, err;
    CHECK(tools::run_sim({hcn, "--out", "x.csv"}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("rtcell rig LIVING.yaml --in-process"));
}
