// Ion reversal potentials painted per region: fixed, or Nernst once at init_state from the
// inner and outer concentrations at each CV's and member's temperature.
#include <catch2/catch.hpp>
#include <cmath>

#include "config/model_config.hpp"
#include "model/cell/cell.hpp"
#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;
using Catch::Contains;

namespace {
double nernst(double inside, double outside, int z, double celsius) {
    return 1000.0 * 8.31446261815324 * (celsius + 273.15) / (z * 96485.33212331) *
           std::log(outside / inside);
}
}  // namespace

TEST_CASE("Nernst reversal at init, at the final temperature of each CV and member", "[ions]") {
    CellOptions o;
    o.pop_size = {2};
    Cell cell(test::ball_and_stick(), o);
    cell.paint(reg::all(), Density{"hh", {}}, Density{"Na_HH1952", {}})
        .paint(reg::all(), Reversal::nernst("k", 140, 5), Reversal::nernst("na", 10, 145))
        .paint(reg::tag(3), CableSettings{{}, {}, {}, ParamValue::per_member({20.0, 36.0})})
        .paint(reg::tag(3), Reversal{"na", 55.0});  // a later fixed value wins there
    cell.init_state();
    const auto ek = cell.parameter("hh", "ek");
    const auto ena = cell.parameter("Na_HH1952", "ena");
    // Instance 0 × member 0/1 is the soma (6.3 °C); the last instance is a dendrite CV.
    CHECK(ek[0] == Approx(nernst(140, 5, 1, 6.3)).epsilon(1e-12));
    CHECK(ek[1] == Approx(nernst(140, 5, 1, 6.3)).epsilon(1e-12));
    CHECK(ek[ek.size() - 2] == Approx(nernst(140, 5, 1, 20.0)).epsilon(1e-12));
    CHECK(ek[ek.size() - 1] == Approx(nernst(140, 5, 1, 36.0)).epsilon(1e-12));
    CHECK(ek[0] == Approx(-80.24).margin(0.01));  // 24.08 mV · ln(5/140) at 6.3 °C
    CHECK(ena[0] == Approx(nernst(10, 145, 1, 6.3)).epsilon(1e-12));
    CHECK(ena[ena.size() - 1] == Approx(55.0));
}

TEST_CASE("Nernst reversal: bad input is refused with a clear error", "[ions][errors]") {
    Cell cell(test::ball_and_stick(), CellOptions{});
    CHECK_THROWS_WITH(cell.paint(reg::all(), Reversal::nernst("xx", 1, 2)),
                      Contains("unknown valence"));
    CHECK_THROWS_WITH(cell.paint(reg::all(), Reversal::nernst("k", 0, 2)),
                      Contains("must be positive"));
}

TEST_CASE("Nernst reversal in configuration", "[ions][config]") {
    const std::string base =
        "morphology:\n"
        "  branches:\n"
        "    - {name: soma, type: soma, points_um: [[0, 0, 0, 10], [10, 0, 0, 10]]}\n"
        "paint:\n"
        "  - {region: (all), mechanism: hh}\n";
    const ModelConfig cfg = parse_model_config(
        base + "  - {region: (all), reversal: {ion: k, inside: 140 mM, outside: 5000 uM}}\n",
        "ions.yaml");
    Cell cell = build_cell(cfg);
    cell.init_state();
    CHECK(cell.parameter("hh", "ek")[0] == Approx(nernst(140, 5, 1, 6.3)).epsilon(1e-12));
    CHECK_THROWS_WITH(
        parse_model_config(base + "  - {region: (all), reversal: {ion: k, inside: 140 mM}}\n",
                           "ions.yaml"),
        Contains("ions.yaml:6:31: paint[1].reversal: give either 'E' or both"));
    CHECK_THROWS_WITH(parse_model_config(base + "  - {region: (all), reversal: {ion: mg, inside: "
                                                "1 mM, outside: 2 mM}}\n",
                                         "ions.yaml"),
                      Contains("Nernst needs a known valence"));
}

TEST_CASE("named calcium ion instances in configuration", "[ions][config]") {
    const ModelConfig cfg = parse_model_config(
        "morphology:\n"
        "  branches:\n"
        "    - {name: soma, type: soma, points_um: [[0, 0, 0, 10], [10, 0, 0, 10]]}\n"
        "paint:\n"
        "  - {region: (all), mechanism: CalciumDetailed, ion: ca_t, params: {tau: 20 ms}}\n"
        "  - {region: (all), mechanism: CaT_HM1992, ion: ca_t}\n"
        "probes: [{name: c, locset: (location \"soma\" 0.5), quantity: ca_t.cai}]\n",
        "ions.yaml");
    Cell cell = build_cell(cfg);
    const Traces out = cell.run(0.025, 1.0);
    CHECK(out.column("c")[0] == Approx(2.4e-4));
    Cell unnamed = build_cell(cfg);
    unnamed.paint(reg::all(), Density{"hh", {}})
        .place(ls::location("soma", 0.5), Probe{"c2", "cai"});
    CHECK_THROWS_WITH(unnamed.init_state(), Contains("no pool of ion 'ca'"));
}
