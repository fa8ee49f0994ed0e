// `rtcell sim` on shipped configurations: the CSV it writes, the JSON line it prints, its
// options and errors; and every shipped example runs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_data.hpp"
#include "support/trace_compare.hpp"
#include "tools/check_command.hpp"
#include "tools/run_command.hpp"
#include "tools/sim_command.hpp"
#include "tools/vis_command.hpp"

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
        // No warning but one: the morphology and real-time examples record nothing offline.
        const std::string no_probes =
            "rtcell sim: warning: the configuration has no probes: nothing is recorded but "
            "spike times\n";
        CHECK((r.err.empty() || r.err == no_probes));
        ++ran;
    }
    CHECK(ran >= 5);
}

TEST_CASE("rtcell sim warns of what has no effect, and writes spikes beside the traces",
          "[sim][warnings]") {
    const auto dir = std::filesystem::temp_directory_path();
    const std::string cfg = (dir / "rtcell_sim_warnings.yaml").string(),
                      csv = (dir / "rtcell_sim_warnings.csv").string();
    std::ofstream(cfg) << R"(
morphology:
  branches:
    - {name: soma, type: soma, points_um: [[0, 0, 0, 20], [20, 0, 0, 20]]}
labels: {regions: {nowhere: (tag 7)}}
paint:
  - {region: (all), mechanism: hh}
  - {region: nowhere, mechanism: pas}
  - {region: (tag 4), mechanism: hh}
place:
  - {locset: (location "soma" 0.5), mechanism: IClamp, name: stim, params: {delay: 1 ms, dur: 5 ms, amp: 0.5 nA}}
probes:
  - {name: v, locset: (location "soma" 0.5)}
simulation: {dt: 0.025 ms, duration: 20 ms}
)";
    const Result r = sim({cfg, "--out", csv});
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("warning: paint of 'pas' on (region \"nowhere\") selects "
                                      "nothing on this morphology"));
    CHECK_THAT(r.err, Catch::Contains("warning: paint of 'hh' on (tag 4) selects nothing"));
    CHECK_THAT(r.out, Catch::Contains("\"spikes\": 1, \"spikes_per_member\": [1]"));
    std::ifstream spikes((dir / "rtcell_sim_warnings_spikes.csv").string());
    std::string header, row;
    std::getline(spikes, header);
    std::getline(spikes, row);
    CHECK(header == "member,t_ms");
    CHECK(row.rfind("0,", 0) == 0);
    // A step far longer than hh's fastest gate (m, about 0.1 ms at 6.3 °C).
    const Result coarse = sim({cfg, "--dt", "1 ms"});
    CHECK_THAT(coarse.err,
               Catch::Contains("times the fastest gate time constant") && Catch::Contains("of hh"));
    CHECK_THAT(r.err, !Catch::Contains("fastest gate"));  // 25 µs is fine
    // vis, check and run warn of the same paints.
    std::ostringstream vout, verr, cout_, cerr_, rout, rerr;
    CHECK(tools::run_vis({cfg, "--out", (dir / "rtcell_sim_warnings.svg").string()}, vout, verr) ==
          0);
    CHECK_THAT(verr.str(), Catch::Contains("rtcell vis: warning: paint of 'pas'"));
    CHECK(tools::run_check({cfg}, cout_, cerr_) == 0);
    CHECK_THAT(cout_.str(), Catch::Contains("paint of 'pas' on (region \"nowhere\")"));
    CHECK(tools::run_realtime(
              {cfg, "--duration", "20ms", "--floor", "0s", "--priority", "0", "--no-lock"}, rout,
              rerr) == 0);
    CHECK_THAT(rerr.str(), Catch::Contains("rtcell run: warning: paint of 'hh' on (tag 4)"));
    // A run shorter than a step takes none, and says so.
    CHECK_THAT(sim({cfg, "--duration", "0.01 ms"}).err,
               Catch::Contains("is shorter than one step"));
}
