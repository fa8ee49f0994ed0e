// DynamicClamp: the command current from a live membrane alone and coupled to a model neuron
// by a gap junction (analytic steady state, sign, rectification) and by synapses both ways.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "model/cell/cell.hpp"
#include "model/clamp/dynamic_clamp.hpp"
#include "model/clamp/live_membrane.hpp"
#include "model/clamp/simulated_rig.hpp"

using namespace rtcell;

namespace {

Cell live_membrane(double area_um2 = 1000) {
    CellOptions o;
    o.V_th = -20;
    o.live = LiveMembraneOptions{1.0};
    o.name = "live";
    return Cell(live_membrane_morphology(area_um2), o);
}

// A passive single compartment of 1000 µm² (g_pas 1e-4 S/cm²: 1 nS... 0.001 µS) at E = −70.
Cell passive_model() {
    CellOptions o;
    o.V_init = -70;
    o.name = "model";
    Cell c(live_membrane_morphology(1000), o);
    c.paint(reg::all(), Density{"pas", {{"g", 1e-4}, {"e", -70.0}}});
    return c;
}

}  // namespace

TEST_CASE("an artificial conductance alone: the command is minus its current, in nA", "[clamp]") {
    Cell live = live_membrane(2000);
    live.paint(reg::all(), Density{"pas", {{"g", 2e-4}, {"e", -30.0}}});  // 0.004 µS to −30 mV
    live.init_state();
    DynamicClamp clamp(live, nullptr, {});
    for (double v : {-80.0, -30.0, 0.0}) {
        clamp.before_model_step(v);
        live.update();  // alone, the live membrane is what the loop steps
        // 2000 µm² · 2e-4 S/cm² = 4 nS = 0.004 µS; into the cell: g·(E − V) [nA].
        CHECK(clamp.command_nA() == Approx(0.004 * (-30.0 - v)).margin(1e-12));
    }
    CHECK(clamp.probe_names() ==
          std::vector<std::string>{"clamp.V_live", "clamp.sample", "clamp.I_cmd", "clamp.I.pas"});
    CHECK(*clamp.probe_sources()[0] == 0.0);
    CHECK(*clamp.probe_sources()[2] == Approx(0.004 * -30.0));
}

TEST_CASE("an artificial gap junction reaches the analytic steady state on both sides",
          "[clamp][gap]") {
    const double g = 0.002;  // µS
    for (double rectify : {0.0, 1.0, -1.0}) {
        Cell live = live_membrane();
        live.init_state();
        Cell model = passive_model();
        model.place(ls::location(0, 0.5), Point{"Gap", "gap", {{"g", g}, {"rectify", rectify}}});
        model.set_dt(0.025);
        model.init_state();
        DynamicClamp clamp(live, &model, {"gap"});
        const double v_live = -40.0;  // the living cell, held here by its amplifier
        double v_start = 0;
        for (int k = 0; k < 40000; ++k) {  // 1 s: many time constants (10 ms here)
            v_start = model.voltage({0, 0.5});
            clamp.before_model_step(v_live);
            model.update();
        }
        const double i = clamp.command_nA();
        // The junction conducts inward to the model (+1: the living cell is higher) or both ways.
        const bool conducts = rectify >= 0;
        const double g_pas = 1000 * 1e-4 * 0.01;  // µS
        const double v_ss = conducts ? (g_pas * -70.0 + g * v_live) / (g_pas + g) : -70.0;
        CHECK(model.voltage({0, 0.5}) == Approx(v_ss).margin(1e-9));
        // Into the living cell: g·(V_model − V_live), from the model's voltage at the start of
        // the step; negative here (the living cell is higher: current leaves it).
        CHECK(i == Approx(conducts ? g * (v_start - v_live) : 0.0).margin(1e-12));
        if (conducts)
            CHECK(i < 0);
        CHECK(clamp.probe_names().back() == "clamp.I.gap");
    }
}

TEST_CASE(
    "synapses both ways: live crossings drive the model, model spikes drive the live "
    "membrane",
    "[clamp][synapse]") {
    Cell live = live_membrane();
    live.place(ls::location(0, 0.5), Point{"ExpSyn", "onto_live", {{"tau", 2.0}, {"e", 0.0}}});
    Cell model = passive_model();
    model.paint(reg::all(), Density{"hh", {}});
    model.place(ls::location(0, 0.5), Point{"ExpSyn", "onto_model", {{"tau", 2.0}, {"e", 0.0}}});
    live.bind_synapse_input("onto_live", CellSpikes{&model}, {0.01});
    model.bind_synapse_input("onto_model", CellSpikes{&live}, {0.05});
    live.init_state();
    model.init_state();
    DynamicClamp clamp(live, &model, {});
    const auto g_model = model.state("onto_model", "g");
    int model_spikes = 0, first_model_spike = -1, first_live_current = -1;
    for (int k = 0; k < 2000; ++k) {
        const double t = k * 0.025;
        const double v = t >= 5.0 && t < 6.0 ? 20.0 : -65.0;  // the living cell fires at 5 ms
        clamp.before_model_step(v);
        if (k == 200)
            CHECK(live.spikes()[0] == 1);  // the crossing at the start of step 200
        const bool spiked = model.update()[0];
        if (k == 200)
            CHECK(g_model[0] == Approx(0.05 * std::exp(-0.025 / 2.0)));  // delivered this step
        if (spiked && model_spikes++ == 0)
            first_model_spike = k;
        const double i = clamp.command_nA();
        if (first_live_current < 0 && std::fabs(i) > 0)
            first_live_current = k;
    }
    REQUIRE(model_spikes >= 1);
    // The model's spike reaches the live membrane's synapse in the next step: excitatory
    // (e = 0 mV above the living cell), so the command depolarizes.
    CHECK(first_live_current == first_model_spike + 1);
}

TEST_CASE("the dynamic clamp refuses what it cannot couple", "[clamp]") {
    Cell live = live_membrane();
    live.init_state();
    Cell model = passive_model();
    model.place(ls::uniform(reg::all(), 2), Point{"Gap", "gaps", {{"g", 0.001}}});
    model.init_state();
    CHECK_THROWS_WITH(DynamicClamp(live, &model, {"gaps"}), Catch::Contains("one location"));
    CHECK_THROWS_WITH(DynamicClamp(live, nullptr, {"gaps"}), Catch::Contains("need a model"));
    CHECK_THROWS_WITH(DynamicClamp(model, nullptr, {}), Catch::Contains("not a live membrane"));
}

TEST_CASE("the simulated rig applies a command after its latency and samples with noise",
          "[clamp][rig]") {
    Cell cell = passive_model();
    SimulatedRig rig(std::move(cell), {0, 0.5}, 0.025, RigSettings{0.0, 1, 2});
    rig.inject(0.1);
    rig.step();
    CHECK(rig.applied_current() == 0.0);
    rig.inject(0.0);
    rig.step();
    CHECK(rig.applied_current() == 0.0);
    rig.inject(0.0);
    rig.step();
    CHECK(rig.applied_current() == 0.1);  // two periods later
    CHECK(rig.sample() == rig.true_voltage());
    SimulatedRig noisy(passive_model(), {0, 0.5}, 0.025, RigSettings{0.5, 7, 0});
    double sum2 = 0;
    for (int k = 0; k < 4000; ++k) {
        const double e = noisy.sample() - noisy.true_voltage();
        sum2 += e * e;
    }
    CHECK(std::sqrt(sum2 / 4000) == Approx(0.5).epsilon(0.05));
}

TEST_CASE("a live membrane population: each channel is the single-channel clamp of its own cell",
          "[clamp][channels]") {
    // Three living cells recorded at once, each given hh: channel k must get the commands a
    // clamp of that cell alone computes from channel k's samples (to rounding: a population's
    // kernels run vectorized across members).
    const std::size_t n = 3;
    auto make = [](std::size_t members) {
        CellOptions o = live_membrane().options();
        if (members > 1)
            o.pop_size = {members};
        Cell c(live_membrane_morphology(1500), o);
        c.paint(reg::all(), Density{"hh", {}});
        c.set_dt(0.025);
        c.init_state();
        return c;
    };
    Cell all = make(n);
    DynamicClamp clamp(all, nullptr, {});
    REQUIRE(clamp.channels() == n);
    std::vector<Cell> alone;
    alone.reserve(n);  // the clamps keep references to them
    for (std::size_t k = 0; k < n; ++k)
        alone.push_back(make(1));
    std::vector<std::unique_ptr<DynamicClamp>> single;
    for (auto& c : alone)
        single.push_back(std::make_unique<DynamicClamp>(c, nullptr, std::vector<std::string>{}));
    // Different voltages per channel: rest, a step to −40 mV and a sine through spike range.
    auto sample = [](std::size_t k, int step) {
        return k == 0   ? -65.0
               : k == 1 ? (step > 40 ? -40.0 : -65.0)
                        : -60.0 + 50.0 * std::sin(0.05 * step);
    };
    std::vector<double> v(n), i(n);
    std::vector<std::uint64_t> index(n);
    double worst = 0;
    for (int step = 1; step <= 400; ++step) {
        for (std::size_t k = 0; k < n; ++k) {
            v[k] = sample(k, step);
            index[k] = static_cast<std::uint64_t>(step * 10 + k);
        }
        clamp.before_model_step(v, index);
        all.update();
        clamp.command_nA(i);
        for (std::size_t k = 0; k < n; ++k) {
            single[k]->before_model_step(v[k], index[k]);
            alone[k].update();
            const double expected = single[k]->command_nA();
            worst = std::max(worst, std::fabs(i[k] - expected) / (1.0 + std::fabs(expected)));
        }
    }
    CHECK(worst < 1e-12);
    CHECK(std::fabs(i[2] - i[0]) > 1e-3);  // the channels differ: nothing is shared
    // The columns: every quantity of channel 0, then channel 1, ..., marked "#k".
    const auto names = clamp.probe_names();
    REQUIRE(names.size() == 3 * 4);
    CHECK(names[0] == "clamp.V_live#0");
    CHECK(names[4 + 2] == "clamp.I_cmd#1");
    CHECK(names[8 + 3] == "clamp.I.hh#2");
    const auto sources = clamp.probe_sources();
    CHECK(*sources[8] == v[2]);
    CHECK(*sources[8 + 1] == static_cast<double>(index[2]));
    CHECK(*sources[4 + 2] == i[1]);
    const auto columns = clamp.probe_columns();
    CHECK(columns[8].member == 2);
    CHECK(columns[8].unit == "mV");
}

TEST_CASE("a model neuron couples to a single live membrane, not a population",
          "[clamp][channels]") {
    CellOptions o = live_membrane().options();
    o.pop_size = {2};
    Cell live(live_membrane_morphology(1000), o);
    live.init_state();
    Cell model = passive_model();
    model.init_state();
    CHECK_THROWS_WITH(DynamicClamp(live, &model, {}),
                      Catch::Contains("a live membrane alone may be one, a channel per member"));
}

namespace {
Cell live_population(std::size_t channels) {
    CellOptions o = live_membrane().options();
    o.pop_size = {channels};
    Cell c(live_membrane_morphology(1000), o);
    c.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}, {"e", 0.0}}});
    c.set_dt(0.025);
    c.init_state();
    return c;
}
}  // namespace

TEST_CASE("a gap junction between two channels: g·(V_b − V_a) into a, its opposite into b",
          "[clamp][channels][gap]") {
    const double g = 0.003;  // µS
    for (int rectify : {0, 1, -1}) {
        INFO("rectify " << rectify);
        Cell live = live_population(3);
        DynamicClamp clamp(live, nullptr, {}, {{{"gj", 0, 2, g, rectify}}, {}});
        std::vector<double> i(3);
        for (const auto& v : {std::vector<double>{-70, -50, -40}, {-40, -50, -70}}) {
            clamp.before_model_step(v, std::vector<std::uint64_t>(3, 1));
            live.update();
            clamp.command_nA(i);
            double into_0 = g * (v[2] - v[0]);
            if ((rectify > 0 && into_0 < 0) || (rectify < 0 && into_0 > 0))
                into_0 = 0;
            CHECK(i[0] == Approx(into_0).margin(1e-15));
            CHECK(i[2] == Approx(-into_0).margin(1e-15));
            CHECK(i[1] == 0.0);  // not joined
        }
    }
    Cell live = live_population(2);
    DynamicClamp clamp(live, nullptr, {}, {{{"gj", 0, 1, g, 0}}, {}});
    const auto names = clamp.probe_names();
    CHECK(std::find(names.begin(), names.end(), "clamp.I.gj#1") != names.end());
    CHECK_THROWS_WITH(DynamicClamp(live, nullptr, {}, {{{"gj", 0, 2, g, 0}}, {}}),
                      Catch::Contains("give two different channels of 0 … 1"));
    CHECK_THROWS_WITH(DynamicClamp(live, nullptr, {}, {{{"gj", 1, 1, g, 0}}, {}}),
                      Catch::Contains("joins channels 1 and 1"));
}

TEST_CASE("a synapse between channels: a crossing of one drives the synapse on the other",
          "[clamp][channels][synapse]") {
    Cell live = live_population(2);
    DynamicClamp clamp(live, nullptr, {}, {{}, {{"syn", 0, 1, 0.01}}});
    std::vector<double> i(2);
    std::vector<std::uint64_t> index(2, 0);
    // Channel 0 rests, then crosses V_th (−20 mV) once; channel 1 stays at −65 mV.
    int crossing_step = -1, first_current_step = -1;
    for (int step = 1; step <= 200; ++step) {
        const double v0 = step >= 50 && step < 60 ? 10.0 : -65.0;
        const std::vector<double> v{v0, -65.0};
        clamp.before_model_step(v, index);
        live.update();
        clamp.command_nA(i);
        if (live.spikes()[0] && crossing_step < 0)
            crossing_step = step;
        CHECK_FALSE(live.spikes()[1]);
        CHECK(i[0] == 0.0);  // no synapse event on the source
        if (i[1] != 0.0 && first_current_step < 0)
            first_current_step = step;
    }
    REQUIRE(crossing_step == 50);
    CHECK(first_current_step == 51);  // delivered in the next step
    // ExpSyn at e = 0 mV: the current into channel 1 depolarizes, 0.01 µS · 65 mV at most.
    CHECK(i[1] > 0.0);
    CHECK(i[1] < 0.01 * 65.0);
    CHECK_THROWS_WITH(DynamicClamp(live, nullptr, {}, {{}, {{"nosuch", 0, 1, 0.01}}}),
                      Catch::Contains("no synapse named 'nosuch'"));
}
