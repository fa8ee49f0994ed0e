// `rtcell sim` on shipped configurations: the CSV it writes, the JSON line it prints, its
// options and errors; and every shipped example runs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_data.hpp"
#include "support/trace_compare.hpp"
#include "tools/sim_command.hpp"

using namespace rtcell;

namespace {
struct Result {
    int status;
    std::string out, err;
};
Result sim(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int status = tools::run_sim(args, out, err);
    return {status, out.str(), err.str()};
}
}  // namespace

TEST_CASE("rtcell sim writes the probe traces and a JSON summary", "[sim]") {
    const std::string csv =
        (std::filesystem::temp_directory_path() / "rtcell_test_sim.csv").string();
    const Result r = sim({test::scenario_config("hh_soma"), "--out", csv, "--duration", "20ms",
                          "--record-every", "2"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("\"cvs\": 1, \"members\": 1, \"steps\": 800"));
    CHECK_THAT(r.out, Catch::Contains("\"ns_per_cv_step\": "));
    CHECK_THAT(r.out,
               Catch::Contains("\"spikes\": 1"));  // NEURON's first two spikes: 6.73 and 20.86 ms
    const test::Series s = test::read_csv(csv);
    CHECK(s.t.size() == 401);
    CHECK(s.t[1] == Approx(0.05));
    CHECK(s.columns.count("v_soma") == 1);
    CHECK(s.columns.count("m") == 1);
    // The written trace is the same run the validation compares with NEURON (compared at the
    // written rows, which are reference rows).
    const test::Series ref = test::read_csv(test::neuron_scenario("hh_soma", "trace.csv"));
    CHECK(test::compare(s.t, s.columns.at("v_soma"), ref.t, ref.columns.at("v_soma")).max_abs <
          0.05);
    std::filesystem::remove(csv);
}

TEST_CASE("rtcell sim options need units; errors name the problem", "[sim][errors]") {
    CHECK(sim({test::scenario_config("hh_soma"), "--dt", "0.025"}).status == 1);
    CHECK_THAT(sim({test::scenario_config("hh_soma"), "--dt", "0.025"}).err,
               Catch::Contains("has no unit"));
    CHECK(sim({test::scenario_config("hh_soma"), "--duration"}).status == 2);
    CHECK(sim({}).status == 2);
    CHECK(sim({"--help"}).status == 0);
    CHECK_THAT(sim({"/nonexistent.yaml"}).err, Catch::Contains("cannot open"));
}

TEST_CASE("every shipped example configuration runs", "[sim][examples]") {
    int ran = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::config("examples"))) {
        if (entry.path().extension() != ".yaml")
            continue;
        INFO(entry.path());
        const Result r = sim({entry.path().string(), "--duration", "20 ms"});
        CHECK(r.status == 0);
        CHECK(r.err.empty());
        ++ran;
    }
    CHECK(ran >= 5);
}
