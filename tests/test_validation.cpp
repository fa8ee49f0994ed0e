// Validation: the shipped config/validation/ configurations against NEURON's traces and the
// Rallpack analytic solutions (tests/data/reference/, see its README), with the tolerances of
// shared/reference/README.md.
#include <catch2/catch.hpp>

#include "config/model_config.hpp"
#include "test_data.hpp"
#include "trace_compare.hpp"

using namespace rtcell;

namespace {

Traces simulate(const std::string& scenario) {
    const ModelConfig cfg = load_model_config(test::config("validation/" + scenario + ".yaml"));
    Cell cell = build_cell(cfg);
    const auto& sim = cfg.dynamics.simulation;
    return cell.run(sim.dt_ms, sim.duration_ms, sim.record_every);
}

// NEURON traces: every voltage column max |ΔV| ≤ 0.05 mV and mean ≤ 0.005 mV; the same
// spikes, each within 0.01 ms; gates max |Δ| ≤ 1e-4.
void check_against_neuron(const std::string& scenario, const std::vector<std::string>& voltages,
                          const std::vector<std::string>& others = {}) {
    const Traces out = simulate(scenario);
    const test::Series ref =
        test::read_csv(test::data("reference/neuron/" + scenario + "/trace.csv"));
    REQUIRE(out.t_ms.size() == ref.t.size());
    for (const auto& name : voltages) {
        INFO(scenario << " column " << name);
        const auto& cand = out.column(name);
        const auto d = test::compare(ref.t, ref.columns.at(name), out.t_ms, cand);
        CHECK(d.max_abs <= 0.05);
        CHECK(d.mean_abs <= 0.005);
        const auto spikes_ref = test::crossings(ref.t, ref.columns.at(name), 0.0);
        const auto spikes = test::crossings(out.t_ms, cand, 0.0);
        REQUIRE(spikes.size() == spikes_ref.size());
        for (std::size_t k = 0; k < spikes.size(); ++k)
            CHECK(std::fabs(spikes[k] - spikes_ref[k]) <= 0.01);
    }
    for (const auto& name : others) {
        INFO(scenario << " column " << name);
        const auto d = test::compare(ref.t, ref.columns.at(name), out.t_ms, out.column(name));
        CHECK(d.max_abs <= 1e-4);
    }
}

void check_rallpack(const std::string& scenario, const std::string& ref_file,
                    const std::string& column) {
    const Traces out = simulate(scenario);
    const test::Series ref = test::read_rallpack(test::data("reference/rallpack/" + ref_file));
    const auto d = test::compare(ref.t, ref.columns.at("v"), out.t_ms, out.column(column));
    INFO(scenario << " " << column << " rallpack_pct " << d.rallpack_pct);
    CHECK(d.compared >= 5000);
    CHECK(d.rallpack_pct <= 0.02);
}

}  // namespace

TEST_CASE("hh_soma matches NEURON: voltage, spikes and the m, h, n gates", "[validation]") {
    check_against_neuron("hh_soma", {"v_soma"}, {"m", "h", "n"});
}

TEST_CASE("passive_cable matches NEURON at both ends", "[validation]") {
    check_against_neuron("passive_cable", {"v_x0", "v_x1"});
}

TEST_CASE("ball_and_stick matches NEURON: soma, dendrite and synaptic current", "[validation]") {
    check_against_neuron("ball_and_stick", {"v_soma", "v_dend"}, {"syn_i"});
}

TEST_CASE("Rallpack 1 is within 0.02 % of the analytic cable solution", "[validation][rallpack]") {
    check_rallpack("rallpack1", "ref_cable.0", "v_x0");
    check_rallpack("rallpack1", "ref_cable.x", "v_x1");
}

TEST_CASE("Rallpack 2 is within 0.02 % of the analytic branched-tree solution",
          "[validation][rallpack]") {
    check_rallpack("rallpack2", "ref_branch.0", "v_x0");
    check_rallpack("rallpack2", "ref_branch.x", "v_x1");
}
