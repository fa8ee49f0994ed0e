// `rtcell sim`, `check` and `bench --network` on network configurations: the traces by group,
// the spikes file, the summary, the thread option and its errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/model_config.hpp"
#include "support/command_result.hpp"
#include "support/network_fixtures.hpp"
#include "support/test_data.hpp"
#include "support/trace_compare.hpp"
#include "tools/bench_command.hpp"
#include "tools/check_command.hpp"
#include "tools/network/realtime_network.hpp"
#include "tools/run_command.hpp"
#include "tools/sim_command.hpp"

using namespace rtcell;

using Result = test::CommandResult;
using test::call;

TEST_CASE("rtcell sim runs a network: columns by group, spikes by group and member",
          "[sim][network]") {
    const auto csv = (std::filesystem::temp_directory_path() / "rtcell_test_network.csv").string();
    const Result r = call(tools::run_sim, {test::neuron_scenario("ei_net", "ei_net.yaml"), "--out",
                                           csv, "--threads", "2"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("\"groups\": 2, \"connections\": 20"));
    CHECK_THAT(r.out, Catch::Contains("\"threads\": 2"));
    CHECK_THAT(r.out, Catch::Contains("\"spikes\": {\"E\": [6, 6, 6, 6], \"I\": [12, 12]}"));
    const test::Series s = test::read_csv(csv);
    CHECK(s.t.size() == 4001);
    CHECK(s.columns.count("E.v_soma#3") == 1);
    CHECK(s.columns.count("I.v_soma#1") == 1);
    std::ifstream spikes(
        (std::filesystem::temp_directory_path() / "rtcell_test_network_spikes.csv"));
    std::string header, first;
    std::getline(spikes, header);
    std::getline(spikes, first);
    CHECK(header == "group,member,t_ms");
    CHECK(first == "E,0,1.8");  // NEURON's first spike of E0
    const Result bad =
        call(tools::run_sim, {test::neuron_scenario("ei_net", "ei_net.yaml"), "--threads", "two"});
    CHECK(bad.status != 0);
    CHECK_THAT(bad.err, Catch::Contains("--threads"));
    const Result one_cell =
        call(tools::run_sim, {test::scenario_config("hh_soma"), "--threads", "2"});
    CHECK(one_cell.status == 2);
    CHECK_THAT(one_cell.err, Catch::Contains("--threads steps a network"));
}

TEST_CASE("a command that takes one cell says that a network configuration is one",
          "[network][config]") {
    CHECK_THROWS_WITH(load_model_config(test::config("examples/networks/half_centre.yaml")),
                      Catch::Contains("half_centre.yaml:9:3: cells") &&
                          Catch::Contains("this is a network configuration"));
}

TEST_CASE("rtcell check summarizes a network", "[check][network]") {
    const Result r = call(tools::run_check, {test::config("examples/networks/half_centre.yaml")});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("network 'half_centre', 2 groups, 2 cells, 2 CVs"));
    CHECK_THAT(r.out, Catch::Contains("connections: 2, delays 2 to 2 ms"));
    const Result j =
        call(tools::run_check, {test::neuron_scenario("gap_pair", "gap_pair.yaml"), "--json"});
    REQUIRE(j.status == 0);
    CHECK_THAT(j.out, Catch::Contains("\"gap_junctions\": 2"));
    // ei_net on its two threads: E (4 × 6 CVs) is cut after two members, I (2 × 1) is whole.
    const Result ei = call(tools::run_check, {test::neuron_scenario("ei_net", "ei_net.yaml")});
    REQUIRE(ei.status == 0);
    CHECK_THAT(ei.out, Catch::Contains("group E: 4 cell(s) of 6 CVs, stepped in 2 member slices"));
    CHECK_THAT(ei.out, Catch::Contains("group I: 2 cell(s) of 1 CVs\n"));
}

TEST_CASE("rtcell bench --network runs on 1 and 2 threads", "[bench][network]") {
    const Result r = call(tools::run_bench, {"--network", "--quick", "--no-neuron"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("100         2200"));
}

TEST_CASE("rtcell run steps a network in real time on two threads", "[run][network]") {
    const Result r =
        call(tools::run_realtime, {test::config("examples/networks/half_centre.yaml"), "--duration",
                                   "0.5s", "--floor", "0s", "--report", "json", "--no-lock"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("network 'half_centre': 2 groups, 2 cells, 2 thread(s)"));
    CHECK_THAT(r.out, Catch::Contains("\"steps\": 20000"));
    // Every tick is a whole network step, whatever the timing: the spikes of 500 ms offline
    // (rtcell sim: 11 from left and 9 from right).
    CHECK_THAT(r.out, Catch::Contains("\"spikes\": 20,"));
    const Result one =
        call(tools::run_realtime,
             {test::config("examples/networks/half_centre.yaml"), "--duration", "0.1s", "--floor",
              "0s", "--report", "json", "--no-lock", "--threads", "1"});
    REQUIRE(one.status == 0);
    CHECK_THAT(one.err, Catch::Contains("1 thread(s)"));
    const Result cell = call(tools::run_realtime, {"--duration", "0.1s", "--threads", "2"});
    CHECK(cell.status == 1);
    CHECK_THAT(cell.err, Catch::Contains("--threads steps a network"));
    // Recordings of networks are read back in tests/tools/test_recording.py; a path that is not
    // HDF5 is refused before the run, as for one cell.
    const Result io = call(tools::run_realtime, {test::config("examples/networks/half_centre.yaml"),
                                                 "--duration", "0.1s", "--record", "x.csv"});
    CHECK(io.status == 1);
    CHECK_THAT(io.err, Catch::Contains("x.csv is not an .h5 file"));
}

TEST_CASE("RealtimeNetwork names synapses and parameters by group, members across the network",
          "[network]") {
    // Two groups without connections: Q (one cell) and T (two cells with a synapse).
    Cell targets = test::neuron_compartment(2);
    targets.place(ls::location(0, 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}, {"e", 0.0}}, {}});
    Network net;
    net.add_group("Q", test::neuron_compartment(1));
    net.add_group("T", std::move(targets));
    tools::RealtimeNetwork rn(std::move(net), 2);
    rn.set_dt(0.025);
    rn.init_state();
    CHECK(rn.members() == 3);
    CHECK(rn.threads() == 2);
    const int syn = rn.synapse_index("T.exc");
    CHECK(rn.synapse_instances(syn) == 1);
    CHECK(rn.parameter_parts("T.exc", "tau").size() == 2);  // a value in each part (below)
    CHECK(rn.parameter_members("T.exc").first == 1);
    CHECK(rn.parameter_members("T.exc").count == 2);
    CHECK_THROWS_WITH(rn.synapse_index("exc"), Catch::Contains("start with their group"));
    CHECK_THROWS_WITH(rn.synapse_index("Q.exc"), Catch::Contains("exc"));
    CHECK_THROWS_WITH(rn.synapse_index("P.exc"), Catch::Contains("no group 'P'"));
    CHECK(rn.synapse_names() == std::vector<std::string>{"T.exc"});
    CHECK(rn.probe_names() == std::vector<std::string>{"Q.v_soma", "T.v_soma#0", "T.v_soma#1"});
    rn.deliver_event(syn, 0, 0.1, -1);  // network member 0 is Q's: not T's synapse, nothing
    rn.deliver_event(syn, 2, 0.1, -1);  // network member 2 is T:1: it fires
    std::vector<int> fired(3, 0);
    for (int k = 0; k < 400; ++k) {
        const auto s = rn.update();
        for (std::size_t m = 0; m < 3; ++m)
            fired[m] += s[m];
    }
    CHECK(fired == std::vector<int>{0, 0, 1});
    CHECK(rn.steps() == 400);

    // Q (1 cell) and T (2) on two threads: T is cut between its members, two parts of one cell.
    Network& stepped = rn.network();
    REQUIRE(stepped.parts(1) == 2);
    CHECK(stepped.part_first(1, 1) == 1);
    CHECK_THROWS_WITH(stepped.cell(1), Catch::Contains("use part(g, k)"));
    CHECK_THROWS_WITH(rn.parameter("T.exc", "tau"), Catch::Contains("parameter_parts"));
    // A set tau re-derives the group's decay factor in every part (as rtcell run's set does).
    const auto parts = rn.parameter_parts("T.exc", "tau");
    REQUIRE(parts.size() == 2);
    CHECK(parts[1].members.first == 2);  // network member 2 is T:1
    for (const auto& p : parts) {
        std::fill(p.values.begin(), p.values.end(), 0.5);
        rn.refresh(p.refresh);
    }
    CHECK(rn.refresh_handle("T.v_soma") == -1);  // a probe: nothing to re-derive
    const auto g = stepped.part(1, 1).state("exc", "g");
    const double before = g[0];
    REQUIRE(before > 0);
    rn.update();
    CHECK(g[0] == Approx(before * std::exp(-0.025 / 0.5)).epsilon(1e-12));
}
