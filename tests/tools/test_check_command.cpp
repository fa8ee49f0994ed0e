// `rtcell check` on the shipped examples and on bad input.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_data.hpp"
#include "tools/check_command.hpp"

using namespace rtcell;

namespace {
struct Result {
    int status;
    std::string out, err;
};
Result check(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int status = tools::run_check(args, out, err);
    return {status, out.str(), err.str()};
}
}  // namespace

TEST_CASE("rtcell check summarizes the ball-and-stick example", "[check]") {
    const Result r = check({test::config("examples/ball_and_stick.yaml")});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("branches:    2 (soma 1, axon 0, basal_dendrite 1"));
    CHECK_THAT(r.out, Catch::Contains("cvs:         22"));
    CHECK_THAT(r.out, Catch::Contains("nodes:       25"));
    CHECK_THAT(r.out, Catch::Contains("warnings:    none"));
}

TEST_CASE("rtcell check --json has the documented keys", "[check]") {
    const Result r = check({test::data("morphology/pc.asc"), "--json"});
    REQUIRE(r.status == 0);
    for (const char* key :
         {"\"branches\": {\"soma\": 1, \"axon\": 0, \"basal_dendrite\": 460, \"apical_dendrite\": "
          "0, \"custom\": 0}",
          "\"area_um2\": 14475.18", "\"length_um\": 4464.31", "\"cvs\": 461", "\"nodes\": 923"}) {
        INFO(key);
        CHECK_THAT(r.out, Catch::Contains(key));
    }
}

TEST_CASE("rtcell check reports bad input and bad usage", "[check][errors]") {
    const Result missing = check({"/nonexistent/cell.swc"});
    CHECK(missing.status == 1);
    CHECK_THAT(missing.err, Catch::Contains("/nonexistent/cell.swc: cannot open file"));
    CHECK(check({}).status == 2);
    CHECK(check({"a.yaml", "--frobnicate"}).status == 2);
    CHECK(check({"--help"}).status == 0);
    // Errors found when the cell is initialized name the configuration file too.
    const auto path = std::filesystem::temp_directory_path() / "rtcell_check_bad_pool.yaml";
    std::ofstream(path)
        << "morphology: {branches: [{name: soma, type: soma, points_um: "
           "[[0,0,0,10],[20,0,0,10]]}]}\n"
           "paint: [{region: (all), mechanism: SodiumDetailed, params: {d: 0 um}}]\n";
    const Result pool = check({path.string()});
    CHECK(pool.status == 1);
    CHECK_THAT(pool.err, Catch::Contains(path.string() + ": SodiumDetailed.d must be positive"));
    std::filesystem::remove(path);
}

TEST_CASE("rtcell check builds a dynamic clamp: its channels, blocks and couplings",
          "[check][clamp]") {
    const Result two = check({test::config("examples/clamp/two_channels.yaml")});
    REQUIRE(two.status == 0);
    CHECK_THAT(two.out, Catch::Contains("clamp:       2 rig channel(s), shared memory "
                                        "/rtcell-clamp-two.0, /rtcell-clamp-two.1"));
    const Result json = check({test::config("examples/clamp/two_channels.yaml"), "--json"});
    REQUIRE(json.status == 0);
    CHECK(nlohmann::json::parse(json.out)["clamp_blocks"].size() == 2);
    // A coupling rtcell run would refuse is refused here, naming the file.
    const auto path = std::filesystem::temp_directory_path() / "rtcell_check_bad_channels.yaml";
    std::ofstream(path) << "live_membrane: {area: 1000 um2}\n"
                           "population: {size: 2}\n"
                           "dynamic_clamp:\n"
                           "  shared_memory: /x\n"
                           "  between_channels: {gap_junctions: [{channels: [0, 3], g: 1 nS}]}\n";
    const Result bad = check({path.string()});
    CHECK(bad.status == 1);
    CHECK_THAT(bad.err, Catch::Contains(path.string() + ": dynamic_clamp:"));
    CHECK_THAT(bad.err, Catch::Contains("joins channels 0 and 3"));
    std::filesystem::remove(path);
}

#include "tools/mechanisms_command.hpp"

TEST_CASE("rtcell mechanisms lists every mechanism with units", "[check][mechanisms]") {
    std::ostringstream out, err;
    REQUIRE(tools::run_mechanisms({}, out, err) == 0);
    for (const char* name : {"hh", "pas", "Na_HH1952", "K_HH1952", "IL", "CaT_HM1992", "AHP_De1994",
                             "CalciumDetailed", "IClamp", "SineClamp", "ExpSyn", "Exp2Syn"})
        CHECK_THAT(out.str(), Catch::Contains(std::string(name) + "  ("));
    CHECK_THAT(out.str(), Catch::Contains("gnabar            0.12 S/cm2"));
    // The ions each mechanism carries, is gated by, or holds.
    CHECK_THAT(out.str(), Catch::Contains("ions: carries na k\n"));
    CHECK_THAT(out.str(), Catch::Contains("ions: carries k; gated by cai\n"));
    CHECK_THAT(out.str(), Catch::Contains("ion pool of na (paint with ion: <instance name>)"));
    std::ostringstream json, err2;
    REQUIRE(tools::run_mechanisms({"--json"}, json, err2) == 0);
    CHECK_THAT(json.str(), Catch::Contains("\"name\": \"CalciumDetailed\""));
    CHECK_THAT(json.str(), Catch::Contains("\"unit\": \"mM\""));
    const auto list = nlohmann::json::parse(json.str());
    for (const auto& entry : list) {
        if (entry["name"] == "SK2_So2007") {
            CHECK(entry["carries"] == nlohmann::json::array({"k"}));
            CHECK(entry["gated_by"] == "cai");
        }
        if (entry["name"] == "PotassiumDetailed")
            CHECK(entry["holds"] == "k");
    }
    std::ostringstream o3, e3;
    CHECK(tools::run_mechanisms({"--xml"}, o3, e3) == 2);
}
