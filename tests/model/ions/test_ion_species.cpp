// Ion species beyond calcium: which ions each channel carries and is gated by, sodium and
// potassium shells (mass balance, sign, pure accumulation), a calcium-activated potassium
// channel reading one named instance and writing another, the errors of ion binding, and a
// mechanism's own temperature taken from its region.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "config/model_config.hpp"
#include "model/cell/cell.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "model/util/input_error.hpp"
#include "support/channel_runner.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;
using Catch::Contains;

namespace {
constexpr double F = 96485.33212331;  // C/mol
}

TEST_CASE("every channel declares the ions it carries and the concentration that gates it",
          "[ions][species]") {
    // name → (ions carried, concentration read)
    const std::vector<std::tuple<std::string, std::string, std::string>> table = {
        {"hh", "na k", ""},
        {"pas", "", ""},
        {"Na_HH1952", "na", ""},
        {"K_HH1952", "k", ""},
        {"IL", "", ""},
        {"CaT_HM1992", "ca", ""},
        {"AHP_De1994", "k", "cai"},
        {"Na_TM1991", "na", ""},
        {"Na_Ba2002", "na", ""},
        {"K_TM1991", "k", ""},
        {"KA1_HM1992", "k", ""},
        {"KA2_HM1992", "k", ""},
        {"KK2A_HM1992", "k", ""},
        {"KK2B_HM1992", "k", ""},
        {"KNI_Ya1989", "k", ""},
        {"K_Leak", "k", ""},
        {"HCN_HM1992", "", ""},
        {"KDR_Ba2002", "k", ""},
        {"CaT_HP1992", "ca", ""},
        {"CaHT_HM1992", "ca", ""},
        {"CaHT_Re1993", "ca", ""},
        {"CaL_IS2008", "ca", ""},
        {"CaN_IS2008", "", "cai"},
        {"CaL_GHK", "ca", "cai"},
        {"SK2_So2007", "k", "cai"},
    };
    std::size_t channels = 0;
    for (const auto& spec : density_specs())
        channels += !is_pool(spec.name) && !is_ion_setting(spec.name);
    CHECK(table.size() == channels);
    for (const auto& [name, carried, gated_by] : table) {
        INFO(name);
        const auto mech = make_density_runtime(name);
        REQUIRE(mech);
        CHECK(test::carried_ions(*mech) == carried);
        CHECK(std::string(mech->concentration() ? mech->concentration() : "") == gated_by);
    }
}

TEST_CASE("hh's ion currents split its current: ina + ik + leak = i", "[ions][species]") {
    auto hh = make_density_runtime("hh");
    hh->allocate(4);
    std::vector<double> V = {-80, -65, -20, 30, -65}, T(hh->padded(), 6.3);
    hh->set_layout({0, 1, 2, 3}, std::vector<double>(4, 1.0));
    hh->prepare(T.data());
    hh->init_states(V.data());
    const std::size_t n = hh->padded();
    std::vector<double> i(n), g(n), ina(n), gna(n), ik(n), gk(n);
    hh->current(V.data(), i.data(), g.data());
    hh->ion_current(V.data(), 0, ina.data(), gna.data());
    hh->ion_current(V.data(), 1, ik.data(), gk.data());
    for (std::size_t k = 0; k < 4; ++k) {
        const double leak = 0.0003 * (V[k] + 54.3);
        CHECK(ina[k] + ik[k] + leak == Approx(i[k]).epsilon(1e-12));
        CHECK(gna[k] + gk[k] + 0.0003 == Approx(g[k]).epsilon(1e-12));
        CHECK(ina[k] == Approx(gna[k] * (V[k] - 50.0)).epsilon(1e-12));
        CHECK(ik[k] == Approx(gk[k] * (V[k] + 77.0)).epsilon(1e-12));
    }
}

TEST_CASE("a potassium shell is depleted by outward current: exact mass balance, tau = inf",
          "[ions][species][pool]") {
    const double d = 0.5, dt = 0.025;
    Cell cell(test::cable(20, 10), CellOptions{});
    cell.paint(reg::all(), Density{"pas", {{"g", 1e-3}, {"e", -65.0}}},
               Density{"K_Leak", {{"g_max", 2e-3}}},
               Density{"PotassiumDetailed",
                       {{"d", d}, {"tau", std::numeric_limits<double>::infinity()}}})
        .place(ls::location("cable", 0.5), Probe{"ki", "ki"}, Probe{"ik", "ik"}, Probe{"ek", "ek"},
               Probe{"v", "v"});
    const Traces out = cell.run(dt, 50.0);
    const auto& ki = out.column("ki");
    const auto& ik = out.column("ik");
    const auto& ek = out.column("ek");
    const auto& v = out.column("v");
    // Default PotassiumDetailed: 54.4 mM inside, 2.5 mM outside, Nernst at 36 °C.
    CHECK(ek[0] == Approx(1000 * 8.31446261815324 * 309.15 / F * std::log(2.5 / 54.4)));
    for (std::size_t k = 0; k + 1 < ki.size(); ++k) {
        // Outward K+ current (ik > 0) removes K+ from the shell: Δki = −ik·1e4/(F·d)·dt.
        REQUIRE(ik[k] > 0);
        REQUIRE(ki[k + 1] - ki[k] == Approx(-ik[k] * 1e4 / (F * d) * dt).epsilon(1e-9));
        REQUIRE(ik[k] == Approx(2e-3 * (v[k] - ek[k])).epsilon(1e-12));
    }
    CHECK(ki.back() < 54.4 - 0.05);
    // ek follows: lower ki, less negative ek.
    CHECK(ek.back() > ek.front() + 0.02);
}

TEST_CASE("a sodium shell fills with inward current and relaxes to C_rest with tau",
          "[ions][species][pool]") {
    Cell cell(test::cable(20, 10), CellOptions{});
    cell.paint(reg::all(), Density{"hh", {}},
               Density{"SodiumDetailed", {{"d", 0.2}, {"tau", 20.0}, {"Ci_init", 12.0}}})
        .place(ls::location("cable", 0.5), Probe{"nai", "nai"}, Probe{"ina", "ina"});
    const Traces quiet = cell.run(0.025, 300.0);
    // At rest hh's sodium current is inward but small: nai decays from 12 mM towards C_rest
    // (10 mM) plus what the resting current sustains, tau·gain·|ina|.
    const auto& nai = quiet.column("nai");
    const auto& ina = quiet.column("ina");
    const double gain = 1e4 / (F * 0.2);
    const double floor = 10.0 - 20.0 * gain * ina.back();
    CHECK(ina.back() < 0);
    CHECK(nai[800] - floor == Approx((12.0 - floor) * std::exp(-20.0 / 20.0)).epsilon(0.02));
    CHECK(nai.back() == Approx(floor).epsilon(1e-4));
}

TEST_CASE("a calcium-activated K channel reads one named instance and writes another",
          "[ions][species]") {
    Cell cell(test::cable(20, 10), CellOptions{});
    cell.paint(reg::all(), Density{"hh", {}},
               Density{"CaT_HM1992", {{"g_max", 0.01}, {"V_sh", 25.0}}, "ca_t"},
               Density{"CalciumDetailed", {}, "ca_t"},
               Density{"AHP_De1994", {{"g_max", 0.02}}, "ca_t k_ahp"},
               Density{"PotassiumDetailed", {{"tau", 100.0}}, "k_ahp"})
        .place(ls::location("cable", 0.5),
               Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 40.0}, {"amp", 0.3}}, {}},
               Probe{"v", "v"}, Probe{"p", "AHP_De1994.p"}, Probe{"ik_ahp", "k_ahp.ik"},
               Probe{"ek_ahp", "k_ahp.ek"}, Probe{"ki_ahp", "k_ahp.ki"}, Probe{"cai", "ca_t.cai"});
    const Traces out = cell.run(0.025, 60.0);
    const auto& v = out.column("v");
    const auto& p = out.column("p");
    const auto& ik = out.column("ik_ahp");
    const auto& ek = out.column("ek_ahp");
    // The AHP gate follows ca_t's calcium (it rises well above its resting value) ...
    CHECK(*std::max_element(out.column("cai").begin(), out.column("cai").end()) > 1e-3);
    CHECK(*std::max_element(p.begin(), p.end()) > 5 * p.front());
    // ... and k_ahp carries exactly the AHP current (hh's ik goes to the unnamed k, which has
    // no pool), at k_ahp's own Nernst potential.
    for (std::size_t k = 0; k < v.size(); ++k)
        REQUIRE(ik[k] == Approx(0.02 * p[k] * p[k] * (v[k] - ek[k])).epsilon(1e-10));
    const auto& ki = out.column("ki_ahp");
    CHECK(*std::min_element(ki.begin(), ki.end()) < ki.front());
}

TEST_CASE("ion binding errors name the mechanism and the ion", "[ions][species][errors]") {
    auto init = [](std::vector<Density> paints) {
        Cell cell(test::cable(20, 10), CellOptions{});
        for (const auto& d : paints)
            cell.paint(reg::all(), d);
        cell.init_state();
    };
    CHECK_THROWS_WITH(init({Density{"CalciumDetailed", {}, "ca_a ca_b"}}),
                      Contains("a pool is one ion instance"));
    CHECK_THROWS_WITH(
        init({Density{"CalciumDetailed", {}, "x"}, Density{"SodiumDetailed", {}, "x"}}),
        Contains("ion instance 'x' already holds ca, not na"));
    CHECK_THROWS_WITH(init({Density{"CalciumDetailed", {}, "ca_t"}, Density{"hh", {}, "ca_t"}}),
                      Contains("hh: ion 'ca_t' holds ca, which this mechanism neither carries"));
    CHECK_THROWS_WITH(init({Density{"SodiumDetailed", {{"d", -0.5}}}}),
                      Contains("SodiumDetailed.d must be positive, not -0.5 (CV 0)"));
    CHECK_THROWS_WITH(init({Density{"CalciumFirstOrder", {{"alpha", -1.0}}}}),
                      Contains("CalciumFirstOrder.alpha must be zero or positive, not -1"));
    CHECK_THROWS_WITH(init({Density{"K_Leak", {}, "k_x"}}),
                      Contains("K_Leak: no pool of ion 'k_x' is painted"));
    CHECK_THROWS_WITH(init({Density{"SodiumDetailed", {}, "na_s"}, Density{"pas", {}, "na_s"}}),
                      Contains("pas carries no ion"));
    Cell probe(test::cable(20, 10), CellOptions{});
    probe.paint(reg::all(), Density{"PotassiumDetailed", {}, "k_s"})
        .place(ls::location("cable", 0.5), Probe{"bad", "k_s.cai"});
    CHECK_THROWS_WITH(probe.init_state(),
                      Contains("probe 'bad': ion 'k_s' records ki, ek or ik, not 'cai'"));
}

TEST_CASE("a mechanism's own temperature can be its region's", "[ions][temperature]") {
    auto run = [](ParamValue channel_T, ParamValue pool_T) {
        Cell cell(test::cable(20, 10), CellOptions{});
        cell.paint(reg::all(), CableSettings{{}, {}, {}, 20.0})
            .paint(reg::all(), Density{"hh", {}},
                   Density{"CaT_HM1992", {{"g_max", 0.01}, {"T", channel_T}}},
                   Density{"CalciumDetailed", {{"T", pool_T}}})
            .place(ls::location("cable", 0.5),
                   Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 20.0}, {"amp", 0.3}}, {}},
                   Probe{"v", "v"}, Probe{"eca", "eca"});
        return cell.run(0.025, 30.0);
    };
    const Traces region = run(ParamValue::region_temperature(), ParamValue::region_temperature());
    const Traces given = run(20.0, 20.0);
    const Traces other = run(36.0, 36.0);
    CHECK(region.column("v") == given.column("v"));
    CHECK(region.column("eca") == given.column("eca"));
    CHECK(region.column("v") != other.column("v"));
    // Only a temperature can be the region's.
    Cell bad(test::cable(20, 10), CellOptions{});
    CHECK_THROWS_WITH(
        bad.paint(reg::all(), Density{"hh", {{"gnabar", ParamValue::region_temperature()}}}),
        Contains("hh.gnabar [S/cm2] cannot take the region's temperature"));
    // In configuration: T: region; a cable temperature must be a value.
    const std::string base =
        "morphology: {branches: [{name: soma, type: soma, points_um: [[0,0,0,10],[20,0,0,10]]}]}\n"
        "paint:\n";
    const ModelConfig cfg = parse_model_config(
        base + "  - {region: (all), mechanism: CaT_HM1992, params: {T: region}}\n", "t.yaml");
    CHECK(std::get<Density>(cfg.dynamics.paint.at(0).what).params.at("T").is_region_temperature());
    CHECK_THROWS_WITH(
        parse_model_config(base + "  - {region: (all), cable: {temperature: region}}\n", "t.yaml"),
        Contains("t.yaml:3:42: paint[0].cable.temperature: 'region' is for a mechanism's own"));
}

TEST_CASE("sodium and potassium shells and a two-ion binding in configuration",
          "[ions][species][config]") {
    const ModelConfig cfg = parse_model_config(
        "morphology: {branches: [{name: soma, type: soma, points_um: [[0,0,0,10],[20,0,0,10]]}]}\n"
        "paint:\n"
        "  - {region: (all), mechanism: hh}\n"
        "  - {region: (all), mechanism: SodiumDetailed, params: {d: 0.5 um, tau: 50 ms, Co: 145 "
        "mM}}\n"
        "  - {region: (all), mechanism: CaT_HM1992, ion: ca_t}\n"
        "  - {region: (all), mechanism: CalciumDetailed, ion: ca_t}\n"
        "  - {region: (all), mechanism: PotassiumDetailed, ion: k_ahp}\n"
        "  - {region: (all), mechanism: AHP_De1994, ion: [ca_t, k_ahp]}\n"
        "probes: [{name: n, locset: (location \"soma\" 0.5), quantity: nai},\n"
        "         {name: k, locset: (location \"soma\" 0.5), quantity: k_ahp.ki}]\n",
        "shells.yaml");
    CHECK(std::get<Density>(cfg.dynamics.paint.at(5).what).ion == "ca_t k_ahp");
    Cell cell = build_cell(cfg);
    const Traces out = cell.run(0.025, 5.0);
    CHECK(out.column("n").front() == Approx(10.0));
    CHECK(out.column("k").front() == Approx(54.4));
    CHECK_THROWS_WITH(
        parse_model_config(
            "morphology: {branches: [{name: soma, type: soma, points_um: "
            "[[0,0,0,10],[20,0,0,10]]}]}\n"
            "paint: [{region: (all), mechanism: SodiumDetailed, params: {d: 0.5 mV}}]\n",
            "shells.yaml"),
        Contains("shells.yaml:2:"));
}

TEST_CASE("fixed ions set the reversal and concentrations of the channels on their region",
          "[ions][species]") {
    Cell cell(test::ball_and_stick(), CellOptions{});
    cell.paint(reg::all(), Density{"hh", {}}, Density{"AHP_De1994", {}},
               Density{"Na_HH1952", {{"ena", 40.0}}})
        .paint(reg::all(), Density{"SodiumFixed", {{"E", 55.0}}},
               Density{"CalciumFixed", {{"Ci", 0.01}}})
        .paint(reg::tag(3), Density{"PotassiumFixed", {}});
    cell.init_state();
    const auto ena = cell.parameter("hh", "ena");
    const auto ek = cell.parameter("hh", "ek");
    CHECK(ena[0] == 55.0);
    CHECK(ek[0] == -77.0);              // the soma keeps hh's default
    CHECK(ek[ek.size() - 1] == -95.0);  // PotassiumFixed's default on the dendrite
    CHECK(cell.parameter("Na_HH1952", "ena")[0] == 40.0);  // the channel's own paint wins
    CHECK(cell.parameter("AHP_De1994", "cai")[0] == 0.01);
    // The AHP gate starts at its steady state for that calcium: 48·c²/(48·c² + 0.09).
    CHECK(cell.state("AHP_De1994", "p")[0] == Approx(48e-4 / (48e-4 + 0.09)).epsilon(1e-12));
    // A pool painted there takes over every step.
    Cell pooled(test::cable(20, 10), CellOptions{});
    pooled.paint(reg::all(), Density{"AHP_De1994", {}}, Density{"CalciumFixed", {{"Ci", 0.01}}})
        .paint(reg::all(), Density{"CalciumDetailed", {}});
    pooled.init_state();
    CHECK(pooled.parameter("AHP_De1994", "cai")[0] == Approx(2.4e-4));
    Cell bad(test::cable(20, 10), CellOptions{});
    bad.paint(reg::all(), Density{"SodiumFixed", {}, "na_x"});
    CHECK_THROWS_WITH(bad.init_state(), Contains("SodiumFixed sets the species na on its region"));
    // In configuration, with units.
    const ModelConfig cfg = parse_model_config(
        "morphology: {branches: [{name: soma, type: soma, points_um: [[0,0,0,10],[20,0,0,10]]}]}\n"
        "paint:\n"
        "  - {region: (all), mechanism: hh}\n"
        "  - {region: (all), mechanism: PotassiumFixed, params: {E: -85 mV, Ci: 140 mM}}\n",
        "fixed.yaml");
    Cell from_config = build_cell(cfg);
    from_config.init_state();
    CHECK(from_config.parameter("hh", "ek")[0] == -85.0);
}

TEST_CASE("ion pools in a population: each member equals a single cell with its parameters",
          "[ions][species][population]") {
    auto run = [](CellOptions o, ParamValue d, ParamValue tau) {
        Cell cell(test::ball_and_stick(), o);
        cell.paint(reg::all(), Density{"hh", {}},
                   Density{"SodiumDetailed", {{"d", d}, {"tau", 50.0}, {"T", 6.3}}},
                   Density{"PotassiumDetailed", {{"tau", tau}, {"T", 6.3}}})
            .place(ls::location("soma", 0.5),
                   Point{"IClamp", "stim", {{"delay", 2.0}, {"dur", 30.0}, {"amp", 0.5}}, {}},
                   Probe{"v", "v"}, Probe{"nai", "nai"}, Probe{"ek", "ek"});
        return cell.run(0.025, 40.0);
    };
    CellOptions pop;
    pop.pop_size = {2};
    const Traces both =
        run(pop, ParamValue::per_member({0.1, 0.3}), ParamValue::per_member({20.0, 80.0}));
    const Traces first = run(CellOptions{}, 0.1, 20.0);
    const Traces second = run(CellOptions{}, 0.3, 80.0);
    for (const char* q : {"v", "nai", "ek"}) {
        INFO(q);
        CHECK(both.column(std::string(q) + "#0") == first.column(q));
        CHECK(both.column(std::string(q) + "#1") == second.column(q));
    }
    CHECK(first.column("nai") != second.column("nai"));
}

TEST_CASE("Nernst-at-init ions: E from Ci and Co at their own or the region's temperature",
          "[ions][species]") {
    auto nernst = [](double in, double out, int z, double celsius) {
        return 1000.0 * 8.31446261815324 * (celsius + 273.15) / (z * F) * std::log(out / in);
    };
    CellOptions o;
    o.pop_size = {2};
    Cell cell(test::ball_and_stick(), o);
    cell.paint(reg::all(), Density{"hh", {}}, Density{"CaL_GHK", {}})
        .paint(reg::all(), CableSettings{{}, {}, {}, ParamValue::per_member({10.0, 30.0})})
        .paint(reg::all(), Density{"PotassiumInitNernst", {}},
               Density{"SodiumInitNernst",
                       {{"T", ParamValue::region_temperature()},
                        {"Ci", ParamValue::per_member({12.0, 15.0})}}},
               Density{"CalciumInitNernst", {{"Co", 1.5}}});
    cell.init_state();
    const auto ek = cell.parameter("hh", "ek");
    const auto ena = cell.parameter("hh", "ena");
    // braincell's defaults: K 54.4/2.5 mM at 36 °C (−82.05 mV).
    CHECK(ek[0] == Approx(nernst(54.4, 2.5, 1, 36.0)).epsilon(1e-12));
    CHECK(ek[0] == Approx(-82.05).margin(0.01));
    CHECK(ena[0] == Approx(nernst(12.0, 140.0, 1, 10.0)).epsilon(1e-12));
    CHECK(ena[1] == Approx(nernst(15.0, 140.0, 1, 30.0)).epsilon(1e-12));
    // CaL_GHK reads cai and cao from the calcium setting.
    CHECK(cell.parameter("CaL_GHK", "cai")[0] == 5e-5);
    CHECK(cell.parameter("CaL_GHK", "cao")[0] == 1.5);
    // A later fixed value replaces the Nernst rule on its region.
    Cell later(test::ball_and_stick(), CellOptions{});
    later.paint(reg::all(), Density{"hh", {}}, Density{"PotassiumInitNernst", {}})
        .paint(reg::tag(3), Reversal{"k", -70.0});
    later.init_state();
    const auto ek2 = later.parameter("hh", "ek");
    CHECK(ek2[0] == Approx(nernst(54.4, 2.5, 1, 36.0)));
    CHECK(ek2[ek2.size() - 1] == -70.0);
}
