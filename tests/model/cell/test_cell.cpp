// Cell: the phases of braincell's API, stepping semantics, inputs, populations, runtime
// parameters, solvers and point mechanisms, each checked against a closed form or an
// independent run where one exists.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "model/cell/cell.hpp"
#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;
using Catch::Contains;

namespace {
// One passive compartment: 20 µm long, diameter 20 µm (area 400π µm²).
Morphology compartment() {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    return Morphology({soma}, "compartment");
}
constexpr double kArea = 400 * std::numbers::pi;  // µm²

Cell hh_cell(CellOptions options = {}) {
    options.V_init = -65.0;
    Cell cell(compartment(), options);
    cell.paint(reg::all(), Density{"hh", {}});
    cell.place(ls::location(0, 0.5),
               Point{"IClamp", "stim", {{"delay", 2.0}, {"dur", 1e9}, {"amp", 0.15}}, {}});
    cell.place(ls::location(0, 0.5), Probe{"v", "v"});
    return cell;
}
}  // namespace

TEST_CASE("phases: declaring, initialized, reset", "[cell]") {
    Cell cell = hh_cell();
    CHECK(cell.phase() == Cell::Phase::declaring);
    CHECK_THROWS_WITH(cell.reset_state(), Contains("call init_state() first"));
    CHECK_THROWS_WITH(cell.n_compartment(), Contains("init_state"));
    cell.init_state();
    CHECK(cell.phase() == Cell::Phase::initialized);
    CHECK(cell.n_compartment() == 1);
    CHECK(cell.varshape() == std::vector<std::size_t>{1});
    CHECK_THROWS_WITH(cell.paint(reg::all(), Density{"pas", {}}),
                      Contains("only allowed while declaring"));
    CHECK_THROWS_WITH(cell.place(ls::root(), Probe{"w", "v"}),
                      Contains("only allowed while declaring"));
    CHECK_THROWS_WITH(cell.init_state(), Contains("already initialized"));
    cell.reset();
    CHECK(cell.phase() == Cell::Phase::declaring);
    cell.paint(reg::all(), Density{"pas", {{"g", 1e-5}}});
    CHECK_NOTHROW(cell.init_state());
    CHECK_THROWS_WITH(Cell(compartment(),
                           [] {
                               CellOptions o;
                               o.solver = "rk9";
                               return o;
                           }()),
                      Contains("unknown solver 'rk9'"));
}

TEST_CASE("init_state sets gates to their steady state at V_init (finitialize)", "[cell]") {
    Cell cell = hh_cell();
    cell.init_state();
    const double v = -65, am = 0.1 * (v + 40) / (1 - std::exp(-(v + 40) / 10)),
                 bm = 4 * std::exp(-(v + 65) / 18);
    CHECK(cell.state("hh", "m")[0] == Approx(am / (am + bm)).epsilon(1e-12));
    CHECK(cell.voltage({0, 0.5}) == -65.0);
}

TEST_CASE("V_init unset starts each CV at its painted resting potential", "[cell]") {
    Cell cell(test::ball_and_stick(), [] {
        CellOptions o;
        o.cv_policy = CvPolicy::fixed_per_branch(2);
        return o;
    }());
    cell.paint(reg::tag(1), CableSettings{{}, {}, -70.0, {}})
        .paint(reg::tag(3), CableSettings{{}, {}, -60.0, {}});
    cell.init_state();
    CHECK(cell.voltage({0, 0.25}) == -70.0);
    CHECK(cell.voltage({1, 0.75}) == -60.0);
}

TEST_CASE("run() initializes, records every k steps and reset_state() repeats a run exactly",
          "[cell]") {
    Cell cell = hh_cell();
    const Traces a = cell.run(0.025, 30, 4);
    CHECK(cell.phase() == Cell::Phase::initialized);
    REQUIRE(a.t_ms.size() == 1200 / 4 + 1);
    CHECK(a.t_ms[1] == Approx(0.1));
    CHECK(a.spike_times_ms[0].size() >= 1);
    cell.reset_state();
    CHECK(cell.time() == 0.0);
    const Traces b = cell.run(0.025, 30, 4);
    CHECK(a.column("v") == b.column("v"));
    CHECK(a.spike_times_ms == b.spike_times_ms);
}

TEST_CASE("update() reports cell-level and per-CV spikes as upward crossings of V_th", "[cell]") {
    Cell cell = hh_cell();
    cell.init_state();
    int cell_spikes = 0, cv_spikes = 0;
    for (int k = 0; k < 2000; ++k) {
        cell_spikes += cell.update()[0];
        cv_spikes += cell.cv_spikes()[0];
    }
    CHECK(cell_spikes >= 2);
    CHECK(cv_spikes == cell_spikes);
}

TEST_CASE("a passive compartment charges as the closed form; Crank-Nicolson is second order",
          "[cell][solver]") {
    // V(t) = E + I·R·(1 − exp(−t/τ)); R = 1/(g·A), τ = cm/g.
    const double g = 1e-3, I = 0.01, A_cm2 = kArea * 1e-8, tau = 1.0 / g * 1e-3;  // τ = 1 ms
    const double R_MOhm = 1.0 / (g * A_cm2) * 1e-6;
    auto error_at = [&](const std::string& solver, double dt) {
        CellOptions o;
        o.V_init = -70;
        o.solver = solver;
        Cell cell(compartment(), o);
        cell.paint(reg::all(), Density{"pas", {{"g", g}, {"e", -70.0}}});
        cell.place(ls::location(0, 0.5),
                   Point{"IClamp", "i", {{"delay", 0.0}, {"dur", 1e9}, {"amp", I}}, {}});
        cell.set_dt(dt);
        cell.init_state();
        while (cell.time() < 2.0 - 1e-9)
            cell.update();
        const double exact = -70 + I * R_MOhm * (1 - std::exp(-cell.time() / tau));
        return std::fabs(cell.voltage({0, 0.5}) - exact);
    };
    const double be1 = error_at("staggered", 0.05), be2 = error_at("staggered", 0.025);
    const double cn1 = error_at("crank_nicolson", 0.05), cn2 = error_at("crank_nicolson", 0.025);
    CHECK(be1 / be2 == Approx(2).epsilon(0.1));   // first order
    CHECK(cn1 / cn2 == Approx(4).epsilon(0.15));  // second order
    CHECK(cn2 < be2);
}

TEST_CASE("a user step function composes the public phases", "[cell][solver]") {
    int calls = 0;
    CellOptions o;
    o.solver_function = [&](Cell& c) {
        ++calls;
        c.pre_integral();
        c.compute_derivative();
        c.post_integral();
    };
    Cell custom = hh_cell(o), standard = hh_cell();
    const Traces a = custom.run(0.025, 10), b = standard.run(0.025, 10);
    CHECK(calls == 400);
    CHECK(a.column("v") == b.column("v"));
}

TEST_CASE("ExpSyn and Exp2Syn follow their closed forms", "[cell][synapse]") {
    CellOptions o;
    o.V_init = -65;
    Cell cell(compartment(), o);
    cell.place(ls::location(0, 0.5), Point{"ExpSyn", "e1", {{"tau", 2.0}, {"e", 0.0}}, {}},
               Point{"Exp2Syn", "e2", {{"tau1", 0.5}, {"tau2", 4.0}, {"e", 0.0}}, {}});
    cell.bind_synapse_input("e1", SpikeTrain{{1.0}}, {0.01});
    cell.bind_synapse_input("e2", SpikeTrain{{1.0}}, {0.01});
    cell.init_state();
    double peak = 0;
    for (int k = 0; k < 400; ++k) {
        cell.update();
        const double t = cell.time();
        const double g1 = cell.state("e1", "g")[0];
        if (t > 1.0 + 1e-9)
            CHECK(g1 == Approx(0.01 * std::exp(-(t - 1.0) / 2.0)).epsilon(1e-9));
        peak = std::max(peak, cell.state("e2", "B")[0] - cell.state("e2", "A")[0]);
    }
    // Exp2Syn is normalized so that a unit event peaks at its weight (sampling at dt = 0.025).
    CHECK(peak == Approx(0.01).epsilon(2e-3));
}

TEST_CASE("inputs: constant, callable, spike train and another cell's spikes, with weights",
          "[cell][inputs]") {
    auto build = [](InputSource src, std::vector<double> w = {1.0}) {
        CellOptions o;
        o.V_init = -65;
        Cell cell(compartment(), o);
        cell.place(ls::location(0, 0.5), Point{"ExpSyn", "s", {{"tau", 1e9}}, {}});
        cell.bind_synapse_input("s", std::move(src), std::move(w));
        cell.init_state();
        return cell;
    };
    Cell constant = build(0.5, {0.002});
    for (int k = 0; k < 10; ++k)
        constant.update();
    CHECK(constant.state("s", "g")[0] == Approx(10 * 0.5 * 0.002));

    Cell callable =
        build(StepFunction([](double t, std::span<double> out) { out[0] = t < 0.05 ? 1.0 : 0.0; }),
              {0.003});
    for (int k = 0; k < 10; ++k)
        callable.update();
    CHECK(callable.state("s", "g")[0] == Approx(2 * 0.003));  // t = 0 and t = 0.025

    // NetStim-like train: 3 events from 1 ms every 2 ms, plus an explicit one at 0.5 ms; an
    // event is delivered in the step whose midpoint has passed it.
    Cell train = build(SpikeTrain{{0.5}, 1.0, 2.0, 3}, {0.001});
    for (int k = 0; k < 20; ++k)
        train.update();  // steps starting at 0 … 0.475 ms: nothing due yet
    CHECK(train.state("s", "g")[0] == 0.0);
    train.update();  // the step starting at 0.5 ms delivers the 0.5 ms event
    CHECK(train.state("s", "g")[0] == Approx(0.001));
    for (int k = 0; k < 400; ++k)
        train.update();
    CHECK(train.state("s", "g")[0] == Approx(0.004));
    train.reset_state();
    CHECK(train.state("s", "g")[0] == 0.0);

    Cell pre = hh_cell();
    pre.init_state();
    Cell post = build(CellSpikes{&pre}, {0.01});
    int pre_spikes = 0;
    for (int k = 0; k < 2000; ++k) {
        pre_spikes += pre.update()[0];
        post.update();
    }
    REQUIRE(pre_spikes >= 2);
    CHECK(post.state("s", "g")[0] == Approx(0.01 * pre_spikes));
    CHECK_THROWS_WITH(
        [] {
            Cell c(compartment());
            c.place(ls::root(), Point{"ExpSyn", "s", {}, {}});
            c.bind_synapse_input("sin", 1.0);
            c.init_state();
        }(),
        Contains("no synapse named 'sin' (did you mean 's'?)"));
}

TEST_CASE("a population steps together; parameters differ per member", "[cell][population]") {
    CellOptions o;
    o.pop_size = {2, 2};
    o.V_init = -65;
    Cell cell(compartment(), o);
    cell.paint(reg::all(),
               Density{"hh", {{"gnabar", ParamValue::per_member({0.12, 0.12, 0.0, 0.12})}}});
    cell.place(ls::location(0, 0.5),
               Point{"IClamp",
                     "stim",
                     {{"delay", 1.0}, {"dur", 1e9}, {"amp", ParamValue::linear_range(0.0, 0.3)}},
                     {}});
    cell.place(ls::location(0, 0.5), Probe{"v", "v"});
    const Traces t = cell.run(0.025, 40);
    CHECK(cell.members() == 4);
    CHECK(cell.varshape() == std::vector<std::size_t>{2, 2, 1});
    REQUIRE(t.names.size() == 4);
    CHECK(t.spike_times_ms[0].empty());  // no drive
    CHECK(t.spike_times_ms[1].size() >= 1);
    CHECK(t.spike_times_ms[2].empty());                              // no sodium
    CHECK(t.spike_times_ms[3].size() > t.spike_times_ms[1].size());  // strongest drive fires most
    // Member 3 of the population equals a single cell with its parameters.
    CellOptions single;
    single.V_init = -65;
    Cell one(compartment(), single);
    one.paint(reg::all(), Density{"hh", {}});
    one.place(ls::location(0, 0.5),
              Point{"IClamp", "stim", {{"delay", 1.0}, {"dur", 1e9}, {"amp", 0.3}}, {}});
    one.place(ls::location(0, 0.5), Probe{"v", "v"});
    const Traces ref = one.run(0.025, 40);
    for (std::size_t k = 0; k < ref.t_ms.size(); ++k)
        CHECK(t.columns[3][k] == Approx(ref.columns[0][k]).margin(1e-9));
    CHECK_THROWS_WITH(
        [] {
            CellOptions p;
            p.pop_size = {3};
            Cell c(compartment(), p);
            c.paint(reg::all(), Density{"pas", {{"g", ParamValue::per_member({1e-4, 2e-4})}}});
            c.init_state();
        }(),
        Contains("2 values for a population of 3"));
}

TEST_CASE("parameters may vary with path distance from the root", "[cell]") {
    Cell cell(test::cable(100, 0.5), [] {
        CellOptions o;
        o.cv_policy = CvPolicy::fixed_per_branch(4);
        return o;
    }());
    cell.paint(reg::all(),
               Density{"pas", {{"g", ParamValue::by_distance([](double d) { return 1e-4 * d; })}}});
    cell.init_state();
    const auto g = cell.parameter("pas", "g");
    REQUIRE(g.size() == 4);
    CHECK(g[0] == Approx(1e-4 * 12.5));
    CHECK(g[3] == Approx(1e-4 * 87.5));
}

TEST_CASE("runtime parameters change without re-initializing", "[cell]") {
    Cell cell = hh_cell();
    cell.init_state();
    for (int k = 0; k < 800; ++k)
        cell.update();
    cell.set_parameter("stim", "amp", 0.0);
    cell.set_parameter("hh", "gnabar", 0.0);
    for (int k = 0; k < 1600; ++k)
        CHECK(cell.update()[0] == 0);
    CHECK(cell.parameter("hh", "gkbar")[0] == 0.036);
    CHECK_THROWS_WITH(cell.parameter("hh", "gnabr"), Contains("did you mean 'gnabar'"));
    CHECK_THROWS_WITH(cell.parameter("kdr", "g"), Contains("nothing named 'kdr'"));
}

TEST_CASE("point mechanisms on branch ends act on the end nodes", "[cell]") {
    // A current into the distal end of a passive cable raises that end most.
    CellOptions o;
    o.V_init = -65;
    o.cv_policy = CvPolicy::fixed_per_branch(10);
    Cell cell(test::cable(500, 0.5), o);
    cell.paint(reg::all(), Density{"pas", {{"e", -65.0}, {"g", 1e-4}}});
    cell.place(ls::location(0, 1.0), Point{"IClamp", "end", {{"dur", 1e9}, {"amp", 0.05}}, {}});
    cell.place(ls::location(0, 1.0), Probe{"far", "v"});
    cell.place(ls::location(0, 0.0), Probe{"near", "v"});
    const Traces t = cell.run(0.025, 50);
    CHECK(t.column("far").back() > t.column("near").back() + 1.0);
    CHECK(t.column("near").back() > -65.0);
}

TEST_CASE("sine clamp injects offset + amp·sin(2πf(t − delay))", "[cell]") {
    CellOptions o;
    o.V_init = -65;
    Cell cell(compartment(), o);
    cell.place(ls::location(0, 0.5),
               Point{"SineClamp",
                     "s",
                     {{"amp", 0.1}, {"frequency", 50.0}, {"dur", 1e9}, {"offset", 0.02}},
                     {}},
               Probe{"i", "s.i"});
    const Traces t = cell.run(0.025, 10);
    for (std::size_t k = 1; k < t.t_ms.size(); k += 37) {
        const double t_mid = t.t_ms[k - 1] + 0.0125;
        CHECK(
            t.column("i")[k] ==
            Approx(0.02 + 0.1 * std::sin(2 * std::numbers::pi * 50 * t_mid * 1e-3)).margin(1e-12));
    }
}

TEST_CASE("declaration errors are clear", "[cell][errors]") {
    Cell cell(compartment());
    CHECK_THROWS_WITH(cell.paint(reg::all(), Density{"hhh", {}}),
                      Contains("unknown density mechanism 'hhh' (did you mean 'hh'?)"));
    CHECK_THROWS_WITH(cell.paint(reg::all(), Density{"hh", {{"gnbar", 1.0}}}),
                      Contains("no parameter 'gnbar' (did you mean 'gnabar'?)"));
    CHECK_THROWS_WITH(cell.place(ls::root(), Point{"IClmp", "x", {}, {}}),
                      Contains("did you mean 'IClamp'"));
    cell.place(ls::root(), Point{"IClamp", "x", {}, {}});
    CHECK_THROWS_WITH(cell.place(ls::root(), Point{"ExpSyn", "x", {}, {}}),
                      Contains("already placed"));
    cell.place(ls::root(), Probe{"p", "hh.q"});
    // Two probes of one name would be two columns no one can tell apart.
    CHECK_THROWS_WITH(cell.place(ls::root(), Probe{"p", "v"}),
                      Contains("the name 'p' is already placed (two probes"));
    CHECK_THROWS_WITH(cell.place(ls::root(), Probe{"x", "v"}), Contains("already placed"));
    CHECK_THROWS_WITH(cell.init_state(), Contains("nothing named 'hh'"));
}

TEST_CASE("a paint that reaches no CV is a warning of the cell, not silence", "[cell][warnings]") {
    Cell cell(compartment());
    cell.paint(reg::all(), Density{"hh", {}});
    cell.paint(reg::tag(4), Density{"pas", {}});  // no apical dendrite
    CableSettings Ra;
    Ra.Ra = 200.0;
    cell.paint(reg::cable(0, 0.1, 0.2), Ra);  // misses the midpoint
    CHECK(cell.lower().warnings.size() == 2);
    cell.init_state();
    REQUIRE(cell.warnings().size() == 2);
    CHECK_THAT(cell.warnings()[0], Contains("paint of 'pas' on (tag 4) selects nothing"));
    CHECK_THAT(cell.warnings()[1],
               Contains("paint of cable properties on (cable 0 0.1 0.2) contains no CV's "
                        "midpoint"));
}
