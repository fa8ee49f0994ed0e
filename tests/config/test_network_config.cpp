// Network configurations: groups inline and from files, connection rules and CSV files, gap
// junctions, threads; every error names the file, line, column and field.
#include <catch2/catch.hpp>

#include "config/network_config.hpp"
#include "model/util/input_error.hpp"
#include "support/test_data.hpp"

using namespace rtcell;

namespace {

const char* kCell = R"(
    morphology:
      branches:
        - {name: soma, type: soma, points_um: [[0, 0, 0, 20], [20, 0, 0, 20]]}
    population: {size: 3}
    cell: {V_init: -65 mV, V_th: -10 mV}
    paint:
      - {region: (all), mechanism: hh}
    place:
      - {locset: (location 0 0.5), mechanism: ExpSyn, name: syn, params: {tau: 2 ms}}
      - {locset: (location 0 0.5), mechanism: AMPA, name: ampa}
      - {locset: (location 0 0.5), mechanism: IClamp, name: stim}
)";

std::string network(const std::string& connections, const std::string& more = "") {
    return std::string("name: test\ncells:\n  A:") + kCell + "  B:" + kCell + connections + more;
}

void fails(const std::string& text, const std::string& where, const std::string& what) {
    INFO(text);
    CHECK_THROWS_WITH(parse_network_config(text, "net.yaml"),
                      Catch::Contains(where) && Catch::Contains(what));
}

}  // namespace

TEST_CASE("a network configuration: groups, rules, gap junctions and threads",
          "[config][network]") {
    const NetworkConfig cfg = parse_network_config(
        network(
            "connections:\n"
            "  - {pre: A, post: B, synapse: syn, weight: 0.01 uS, delay: 2 ms}\n"
            "  - {pre: \"A:0\", post: \"B:2\", synapse: ampa, weight: 1, delay: 1 ms}\n"
            "  - {pre: \"A:0-1\", post: \"A:1-2\", rule: one_to_one, synapse: syn, weight: 5 nS, "
            "delay: 0.5 ms}\n"
            "  - {pre: B, post: A, rule: fixed_indegree, k: 2, seed: 4, synapse: syn, weight: "
            "0.01 uS, delay: 3 ms}\n"
            "  - {pre: B, post: B, rule: fixed_probability, p: 1, synapse: syn, weight: 0.01 uS, "
            "delay: 3 ms}\n",
            "gap_junctions:\n  - {a: {cell: \"A:1\", at: (location 0 0.5)}, b: {cell: \"B:0\", "
            "at: (location 0 0.5)}, g: 1 nS}\nnetwork: {threads: 2}\nsimulation: {dt: 0.025 "
            "ms, duration: 10 ms}\n"),
        "net.yaml");
    REQUIRE(cfg.groups.size() == 2);
    CHECK(cfg.groups[1].members == 3);
    CHECK(cfg.connections.size() == 9 + 1 + 2 + 6 + 6);
    CHECK(cfg.connections[9].weight == 1.0);             // the kinetic synapse: a plain number
    CHECK(cfg.connections[10].weight == Approx(0.005));  // 5 nS in µS
    CHECK(cfg.connections[10].pre_member == 0);
    CHECK(cfg.connections[10].post_member == 1);
    REQUIRE(cfg.gap_junctions.size() == 1);
    CHECK(cfg.gap_junctions[0].g_uS == Approx(0.001));
    CHECK(cfg.threads == 2);
    Network net = build_network(cfg);
    net.init_state(cfg.threads);
    CHECK(net.partitions() == 2);
    CHECK(net.run(0.025, 10.0).t_ms.size() == 401);
}

TEST_CASE("network configuration errors name the line and the field", "[config][network]") {
    const std::string rule =
        "connections:\n  - {pre: A, post: B, synapse: syn, weight: 0.01 uS, delay: 2 ms}\n";
    fails(network(
              "connections:\n  - {pre: C, post: B, synapse: syn, weight: 0.01 uS, delay: 2 ms}\n"),
          "net.yaml:28:11: connections[0].pre", "no group 'C'");
    fails(network("connections:\n  - {pre: \"A:3\", post: B, synapse: syn, weight: 0.01 uS, delay: "
                  "2 ms}\n"),
          "connections[0].pre", "has members 0 to 2");
    fails(network("connections:\n  - {pre: A, post: B, synapse: syn, weight: 0.01, delay: 2 ms}\n"),
          "connections[0].weight", "unit");
    fails(network(
              "connections:\n  - {pre: A, post: B, synapse: sin, weight: 0.01 uS, delay: 2 ms}\n"),
          "connections[0].synapse", "did you mean 'syn'");
    fails(network(
              "connections:\n  - {pre: A, post: B, synapse: stim, weight: 0.01 uS, delay: 2 ms}\n"),
          "connections[0].synapse", "not a synapse");
    fails(network("connections:\n  - {pre: A, post: B, rule: all_to_one, synapse: syn, weight: "
                  "0.01 uS, delay: 2 ms}\n"),
          "connections[0].rule", "unknown rule");
    fails(network("connections:\n  - {pre: A, post: B, synapse: syn, weight: 0.01 uS, delay: 2 ms, "
                  "colour: red}\n"),
          "connections[0]", "colour");
    fails(network(rule,
                  "gap_junctions:\n  - {a: {cell: A, at: (root)}, b: {cell: \"B:0\", at: (root)}, "
                  "g: 1 nS}\n"),
          "gap_junctions[0].a.cell", "one member");
    fails(network(rule, "network: {threads: 0}\n"), "network.threads", "from 1 to 256");
    fails("name: x\ncells: {}\n", "net.yaml", "cells");
    fails(network(rule, "paint: []\n"), "net.yaml", "paint");
    fails(network("connections:\n  - {file: missing.csv}\n"), "missing.csv", "cannot read");
    CHECK(is_network_config_text(network(rule)));
    CHECK_FALSE(is_network_config_text("morphology: {}\n"));
}

TEST_CASE("the shipped half-centre oscillator alternates", "[config][network]") {
    const NetworkConfig cfg =
        load_network_config(test::config("examples/networks/half_centre.yaml"));
    Network net = build_network(cfg);
    net.init_state(cfg.threads);
    const NetworkTraces out = net.run(0.025, 2000.0);
    const auto& left = out.group("left").spike_times_ms[0];
    const auto& right = out.group("right").spike_times_ms[0];
    REQUIRE(left.size() > 20);
    REQUIRE(right.size() > 20);
    // Alternating bursts: the spikes, merged in time order, change cell at least 12 times, and
    // far fewer times than there are spikes (bursts of several spikes each).
    std::vector<std::pair<double, int>> all;
    for (double t : left)
        all.push_back({t, 0});
    for (double t : right)
        all.push_back({t, 1});
    std::sort(all.begin(), all.end());
    int switches = 0;
    for (std::size_t k = 1; k < all.size(); ++k)
        switches += all[k].second != all[k - 1].second;
    CHECK(switches >= 12);
    CHECK(static_cast<double>(switches) < 0.4 * static_cast<double>(all.size()));
}

TEST_CASE("a group's inputs may come from another cell of the network, with a delay",
          "[config][network]") {
    // B's cells each get A:0's spikes on syn after 4 ms, and A's cells B's one to one on ampa.
    const std::string b_inputs =
        "    inputs:\n      - {synapse: syn, from: \"A:0\", weight: 0.01 uS, delay: 4 ms}\n"
        "      - {synapse: ampa, spike_times: [1 ms]}\n";
    const std::string with =
        std::string("name: test\ncells:\n  A:") + kCell +
        "    inputs:\n      - {synapse: ampa, from: B, weight: 1, delay: 1 ms}\n" + "  B:" + kCell +
        b_inputs;
    const NetworkConfig cfg = parse_network_config(with, "net.yaml");
    REQUIRE(cfg.connections.size() == 3 + 3);
    CHECK(cfg.connections[0].pre_group == 1);  // A's input from B, one to one
    CHECK(cfg.connections[1].pre_member == 1);
    CHECK(cfg.connections[1].post_member == 1);
    CHECK(cfg.connections[3].pre_member == 0);  // B's from A:0, to every member
    CHECK(cfg.connections[5].post_member == 2);
    CHECK(cfg.connections[5].delay_ms == Approx(4.0));
    Network net = build_network(cfg);
    net.init_state();
    const std::string wrong = std::string("name: test\ncells:\n  A:") + kCell +
                              "    inputs:\n      - {synapse: ampa, from: \"B:0-1\", weight: 1, "
                              "delay: 1 ms}\n  B:" +
                              kCell;
    fails(wrong, "net.yaml:16:31: cells.A.inputs[0].from", "2 cells for 3 members");
}

TEST_CASE("a network's io section asks its loop for the voltage frames it streams",
          "[config][network]") {
    // Found by the dashboard: a network run published spikes but no frames, because the loop
    // was never told io.voltage.every.
    const NetworkConfig cfg = parse_network_config(
        network("",
                "simulation: {dt: 0.025 ms, duration: 10 ms}\nio: {publish: "
                "\"tcp://127.0.0.1:6556\", voltage: {every: 4, rows_per_message: 25}}\n"),
        "net.yaml");
    CHECK(cfg.io.frame_every == 4);
    CHECK(cfg.realtime.frame_every == 4);
}
