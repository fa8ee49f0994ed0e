// The first-order calcium pool (braincell CalciumFirstOrder): dci/dt = max(alpha·I_in, 0) −
// beta·ci with the inward calcium current I_in in µA/cm². Checked against its closed form with no
// calcium current, and step by step against the recorded calcium current while a
// high-threshold calcium channel fires with HH spikes.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/cell/cell.hpp"
#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;

namespace {

constexpr double F = 96485.33212331, R_gas = 8.31446261815324;

// The pool's own temperature T (default 36 °C) sets its Nernst potential [mV].
double nernst_ca(double ci, double co, double celsius) {
    return 1000.0 * R_gas * (celsius + 273.15) / (2.0 * F) * std::log(co / ci);
}

}  // namespace

TEST_CASE("CalciumFirstOrder decays as Ci_init·exp(−beta·t) without calcium current",
          "[calcium][pool]") {
    Cell cell(test::cable(20, 10), CellOptions{});
    cell.paint(reg::all(), Density{"pas", {}})
        .paint(reg::all(), Density{"CalciumFirstOrder", {{"beta", 0.05}, {"Ci_init", 1e-3}}})
        .place(ls::location("cable", 0.5), Probe{"cai", "cai"}, Probe{"eca", "eca"});
    const Traces out = cell.run(0.025, 50.0);
    for (std::size_t k = 0; k < out.t_ms.size(); k += 97) {
        const double expected = 1e-3 * std::exp(-0.05 * out.t_ms[k]);
        INFO("t = " << out.t_ms[k]);
        CHECK(out.column("cai")[k] == Approx(expected).epsilon(1e-11));
        CHECK(out.column("eca")[k] == Approx(nernst_ca(expected, 2.0, 36.0)).epsilon(1e-10));
    }
}

TEST_CASE("CalciumFirstOrder integrates the inward calcium current exactly per step",
          "[calcium][pool]") {
    const double alpha = 0.13, beta = 0.075, dt = 0.025;
    Cell cell(test::cable(20, 10), CellOptions{});
    cell.paint(reg::all(), Density{"hh", {}})
        .paint(reg::all(), Density{"CaHT_HM1992", {{"g_max", 0.01}}})
        .paint(reg::all(), Density{"CalciumFirstOrder", {}})
        .place(ls::location("cable", 0.5),
               Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 40.0}, {"amp", 0.3}}, {}})
        .place(ls::location("cable", 0.5), Probe{"v", "v"}, Probe{"cai", "cai"},
               Probe{"ica", "ica"});
    const Traces out = cell.run(dt, 60.0);
    const auto &cai = out.column("cai"), &ica = out.column("ica");
    REQUIRE(out.spike_times_ms[0].size() >= 3);
    double peak = 0;
    for (std::size_t k = 0; k + 1 < cai.size(); ++k) {
        // ica [mA/cm², outward-positive] at t_k is the current the pool integrates over the step.
        const double drive = std::max(alpha * (-1000.0 * ica[k]), 0.0);
        const double expected = drive / beta + (cai[k] - drive / beta) * std::exp(-beta * dt);
        INFO("t = " << out.t_ms[k]);
        REQUIRE(cai[k + 1] == Approx(expected).epsilon(1e-9));
        peak = std::max(peak, cai[k + 1]);
    }
    CHECK(peak > 10 * 2.4e-4);  // the spikes really load the pool
}

TEST_CASE("two calcium pools on one CV are refused", "[calcium][pool]") {
    Cell cell(test::cable(20, 10), CellOptions{});
    cell.paint(reg::all(), Density{"CalciumFirstOrder", {}}, Density{"CalciumDetailed", {}});
    CHECK_THROWS_WITH(cell.init_state(), Catch::Contains("already holds a pool of ion 'ca'"));
}

TEST_CASE("named calcium ion instances: two pools on one CV, each fed by its own channel",
          "[calcium][pool][ions]") {
    // CaHT feeds the default pool "ca" (fast decay); CaL feeds "ca_l" (slow decay), and a
    // channel with g_max 0 on "ca_l" in a second run shows that nothing else feeds it.
    auto run = [](double cal_g) {
        CellOptions o;
        o.V_init = -65;
        Cell cell(test::cable(20, 10), o);
        cell.paint(reg::all(), Density{"hh", {}})
            .paint(reg::all(), Density{"CaHT_HM1992", {{"g_max", 0.01}}})
            .paint(reg::all(), Density{"CalciumDetailed", {{"tau", 5.0}}})
            .paint(reg::all(), Density{"CaL_IS2008", {{"g_max", cal_g}}, "ca_l"},
                   Density{"CalciumDetailed", {{"tau", 50.0}}, "ca_l"})
            .place(ls::location("cable", 0.5),
                   Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 40.0}, {"amp", 0.3}}, {}},
                   Probe{"cai", "cai"}, Probe{"cai_l", "ca_l.cai"}, Probe{"ica_l", "ca_l.ica"});
        return cell.run(0.025, 60.0);
    };
    const Traces both = run(0.005), none = run(0.0);
    const auto& ca = both.column("cai");
    const auto& ca_l = both.column("cai_l");
    CHECK(*std::max_element(ca.begin(), ca.end()) > 10 * 2.4e-4);
    CHECK(*std::max_element(ca_l.begin(), ca_l.end()) > 2 * 2.4e-4);
    // The slow pool is still high at the end, the fast one has relaxed.
    CHECK(ca_l.back() > 2 * ca.back());
    for (double c : none.column("cai_l"))
        REQUIRE(c == Approx(2.4e-4).epsilon(1e-12));
    for (double i : none.column("ica_l"))
        REQUIRE(i == 0.0);
    // A channel bound to an instance that has no pool is an error.
    Cell bad(test::cable(20, 10), CellOptions{});
    bad.paint(reg::all(), Density{"CaL_IS2008", {}, "ca_x"}, Density{"CalciumDetailed", {}});
    CHECK_THROWS_WITH(bad.init_state(), Catch::Contains("no pool of ion 'ca_x'"));
}
