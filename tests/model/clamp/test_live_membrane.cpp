// A live membrane (CellOptions::live): its mechanisms, given the same voltage, do exactly what
// they do on a model CV — gates, calcium pool and currents — and its threshold crossings keep
// the refractory period.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/cell/cell.hpp"
#include "model/clamp/live_membrane.hpp"

using namespace rtcell;

namespace {

constexpr double kArea_um2 = 3000.0;

// HH, a T-type calcium channel with a calcium pool, and an AHP channel gated by it.
void paint_channels(Cell& c) {
    c.paint(reg::all(), Density{"hh", {}}, Density{"CaT_HM1992", {{"g_max", 0.004}}},
            Density{"CalciumDetailed", {}}, Density{"AHP_De1994", {{"g_max", 0.002}}});
    c.place(ls::location(0, 0.5), Probe{"m", "hh.m"}, Probe{"n", "hh.n"},
            Probe{"q", "CaT_HM1992.q"}, Probe{"cai", "cai"}, Probe{"p", "AHP_De1994.p"},
            Probe{"ihh", "hh.i"}, Probe{"ica", "CaT_HM1992.i"}, Probe{"iahp", "AHP_De1994.i"});
}

Cell model_cv() {
    CellOptions o;
    o.V_init = -65;
    Cell c(live_membrane_morphology(kArea_um2), o);
    paint_channels(c);
    c.place(ls::location(0, 0.5),
            Point{"IClamp", "drive", {{"delay", 2.0}, {"dur", 30.0}, {"amp", 0.4}}});
    c.place(ls::location(0, 0.5), Probe{"v", "v"});
    return c;
}

Cell live_cv(double refractory_ms = 0) {
    CellOptions o;
    o.V_init = -65;
    o.V_th = -20;
    o.live = LiveMembraneOptions{refractory_ms};
    Cell c(live_membrane_morphology(kArea_um2), o);
    paint_channels(c);
    return c;
}

}  // namespace

TEST_CASE("a live membrane given a model CV's voltage reproduces its states and currents",
          "[clamp][live]") {
    Cell model = model_cv(), live = live_cv();
    model.init_state();
    live.init_state();
    const auto names = model.probe_names();
    auto column = [&](const Cell& c, const std::string& name) {
        const auto n = c.probe_names();
        const auto it = std::find(n.begin(), n.end(), name);
        REQUIRE(it != n.end());
        return c.probe_sources()[static_cast<std::size_t>(it - n.begin())];
    };
    const double* v = column(model, "v");
    const double area_factor = kArea_um2 * 0.01;  // mA/cm² → nA
    int spikes = 0;
    double worst_state = 0, worst_current = 0;
    for (int k = 0; k < 1600; ++k) {  // 40 ms: a train of spikes and the calcium that follows
        const double v_k = *v;
        live.impose_voltage({&v_k, 1});
        live.update();
        // The live membrane now holds the states the model CV reached at V_k, and the current
        // it would have taken at the start of its next step.
        for (const char* q : {"m", "n", "q", "cai", "p"})
            worst_state = std::max(worst_state, std::fabs(*column(live, q) - *column(model, q)) /
                                                    std::max(1e-12, std::fabs(*column(model, q))));
        const double outward_nA =
            (*column(model, "ihh") + *column(model, "ica") + *column(model, "iahp")) * area_factor;
        worst_current = std::max(worst_current, std::fabs(live.membrane_current()[0] + outward_nA));
        const double ihh_part = live.membrane_current_by_part()[0];
        REQUIRE(ihh_part == Approx(-*column(model, "ihh") * area_factor).margin(1e-9));
        spikes += model.update()[0];
    }
    CHECK(spikes >= 3);
    CHECK(worst_state < 1e-12);
    CHECK(worst_current < 1e-9);
    CHECK(live.membrane_current_parts() ==
          std::vector<std::string>{"hh", "CaT_HM1992", "AHP_De1994"});
}

TEST_CASE("a live membrane's first sample starts its gates at their steady state there",
          "[clamp][live]") {
    Cell live = live_cv();
    live.init_state();
    const double v = -40.0;
    live.impose_voltage({&v, 1});
    live.update();
    CellOptions o;
    o.V_init = -40;
    Cell rest(live_membrane_morphology(kArea_um2), o);
    paint_channels(rest);
    rest.init_state();
    CHECK(live.state("hh", "m")[0] == Approx(rest.state("hh", "m")[0]).epsilon(1e-15));
    CHECK(live.state("hh", "h")[0] == Approx(rest.state("hh", "h")[0]).epsilon(1e-15));
    // reset_state starts over: the next sample sets them again.
    live.reset_state();
    const double v2 = -70.0;
    live.impose_voltage({&v2, 1});
    live.update();
    CHECK(live.voltage({0, 0.5}) == -70.0);
    CHECK(live.state("hh", "m")[0] < rest.state("hh", "m")[0]);
}

TEST_CASE("a live membrane's threshold crossings keep the refractory period", "[clamp][live]") {
    Cell live = live_cv(2.0);  // 2 ms
    live.set_dt(0.025);
    live.init_state();
    // Crossings of −20 mV at 1 ms, 2 ms (within the refractory period) and 4 ms.
    std::vector<int> spike_steps;
    for (int k = 0; k < 240; ++k) {
        const double t = k * 0.025;
        const bool up = (t >= 1.0 && t < 1.5) || (t >= 2.0 && t < 2.5) || (t >= 4.0 && t < 4.5);
        const double v = up ? 10.0 : -65.0;
        live.impose_voltage({&v, 1});
        if (live.update()[0])
            spike_steps.push_back(k);
    }
    CHECK(spike_steps == std::vector<int>{40, 160});
}

TEST_CASE("impose_voltage does nothing on a cell that is not a live membrane", "[clamp][live]") {
    Cell model = model_cv();
    const double v = -50;
    CHECK_FALSE(model.impose_voltage({&v, 1}));  // declaring
    model.init_state();
    CHECK_FALSE(model.impose_voltage({&v, 1}));  // not live
    model.update();
    CHECK(model.voltage({0, 0.5}) != -50.0);
    Cell live = live_cv();
    live.init_state();
    CHECK(live.impose_voltage({&v, 1}));
    CHECK_THROWS_WITH(live_membrane_morphology(-1), Catch::Contains("area must be"));
}
