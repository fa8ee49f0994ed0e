// Networks against NEURON (tests/validation/neuron/{ring_net,ei_net,gap_pair}/, each made by
// its make_reference.py): every soma's voltage within max |ΔV| ≤ 0.05 mV and mean ≤ 0.005 mV,
// the same number of spikes per cell, each within 0.01 ms of NEURON's NetCon time. The cells
// and connections are built in tests/support/network_fixtures.hpp as the scripts build them.
#include <catch2/catch.hpp>

#include "config/network_config.hpp"
#include "support/network_fixtures.hpp"
#include "support/test_data.hpp"
#include "support/trace_compare.hpp"

using namespace rtcell;

namespace {

// NEURON's spike times per cell (spikes.csv: cell, t_ms).
std::vector<std::vector<double>> neuron_spikes(const std::string& scenario, std::size_t cells) {
    const test::Series s = test::read_csv(test::neuron_scenario(scenario, "spikes.csv"));
    std::vector<std::vector<double>> out(cells);
    for (std::size_t k = 0; k < s.t.size(); ++k)
        out.at(static_cast<std::size_t>(s.t[k])).push_back(s.columns.at("t_ms")[k]);
    return out;
}

// `cells` lists (group, member, NEURON column) in NEURON's cell order.
struct CellColumn {
    std::string group;
    std::size_t member;
    std::string neuron_column, probe;
};

void check_network(Network net, const std::string& scenario, const std::vector<CellColumn>& cells,
                   double duration_ms, std::size_t partitions = 1) {
    net.set_dt(0.025);
    net.init_state(partitions);
    const NetworkTraces out = net.run(0.025, duration_ms);
    const test::Series ref = test::read_csv(test::neuron_scenario(scenario, "trace.csv"));
    const auto spikes_ref = neuron_spikes(scenario, cells.size());
    REQUIRE(out.t_ms.size() == ref.t.size());
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const CellColumn& c = cells[k];
        INFO(scenario << " " << c.neuron_column);
        const auto& g = out.group(c.group);
        const bool population = net.group_members(net.group_index(c.group)) > 1;
        const std::string column =
            c.probe + (population ? "#" + std::to_string(c.member) : std::string());
        const auto d =
            test::compare(ref.t, ref.columns.at(c.neuron_column), out.t_ms, g.column(column));
        CHECK(d.max_abs <= 0.05);
        CHECK(d.mean_abs <= 0.005);
        const auto& spikes = g.spike_times_ms.at(c.member);
        REQUIRE(spikes.size() == spikes_ref[k].size());
        for (std::size_t s = 0; s < spikes.size(); ++s)
            CHECK(std::fabs(spikes[s] - spikes_ref[k][s]) <= 0.01);
    }
}

}  // namespace

TEST_CASE("ring_net matches NEURON: a wave four times round a ring of five cells, delays 5 ms",
          "[validation][network]") {
    std::vector<CellColumn> cells;
    for (std::size_t k = 0; k < 5; ++k)
        cells.push_back({"ring", k, "v" + std::to_string(k), "v_soma"});
    check_network(test::ring_net(), "ring_net", cells, 120.0);
}

TEST_CASE(
    "ei_net matches NEURON: two cell types, excitation and inhibition, on 1 and 2 threads' "
    "partitions",
    "[validation][network]") {
    std::vector<CellColumn> cells;
    for (std::size_t k = 0; k < 4; ++k)
        cells.push_back({"E", k, "v_E" + std::to_string(k), "v_soma"});
    for (std::size_t k = 0; k < 2; ++k)
        cells.push_back({"I", k, "v_I" + std::to_string(k), "v_soma"});
    check_network(test::ei_net(), "ei_net", cells, 100.0, 1);
    check_network(test::ei_net(), "ei_net", cells, 100.0, 2);
}

TEST_CASE(
    "gap_pair matches NEURON: two cells joined by gap junctions at the somas and the "
    "dendrite tips",
    "[validation][network][gap]") {
    check_network(test::gap_pair(), "gap_pair",
                  {{"A", 0, "v_a_soma", "v_soma"}, {"B", 0, "v_b_soma", "v_soma"}}, 60.0, 2);
    Network net = test::gap_pair();
    net.init_state();
    const NetworkTraces out = net.run(0.025, 60.0);
    const test::Series ref = test::read_csv(test::neuron_scenario("gap_pair", "trace.csv"));
    CHECK(test::compare(ref.t, ref.columns.at("v_a_tip"), out.t_ms, out.group("A").column("v_tip"))
              .max_abs <= 0.05);
    CHECK(test::compare(ref.t, ref.columns.at("v_b_tip"), out.t_ms, out.group("B").column("v_tip"))
              .max_abs <= 0.05);
}

TEST_CASE("the same three networks from their configurations match NEURON too",
          "[validation][network][config]") {
    auto from_config = [](const std::string& scenario) {
        return build_network(
            load_network_config(test::neuron_scenario(scenario, scenario + ".yaml")));
    };
    std::vector<CellColumn> ring, ei;
    for (std::size_t k = 0; k < 5; ++k)
        ring.push_back({"ring", k, "v" + std::to_string(k), "v_soma"});
    check_network(from_config("ring_net"), "ring_net", ring, 120.0);
    for (std::size_t k = 0; k < 4; ++k)
        ei.push_back({"E", k, "v_E" + std::to_string(k), "v_soma"});
    for (std::size_t k = 0; k < 2; ++k)
        ei.push_back({"I", k, "v_I" + std::to_string(k), "v_soma"});
    check_network(from_config("ei_net"), "ei_net", ei, 100.0, 2);
    check_network(from_config("gap_pair"), "gap_pair",
                  {{"A", 0, "v_a_soma", "v_soma"}, {"B", 0, "v_b_soma", "v_soma"}}, 60.0, 2);
}
