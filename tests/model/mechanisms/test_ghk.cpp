// GHK flux and the CaL_GHK permeability channel: the flux against its formula written out
// independently, its small-voltage limit, its zero at the Nernst potential, and the channel
// driving a calcium pool in a spiking cell.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/cell/cell.hpp"
#include "model/mechanisms/channel_math.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "support/channel_runner.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;

namespace {
constexpr double F = 96485.33212331, R = 8.31446261815324;

// i = P·z²F²V/(RT)·(ci − co·e^(−zFV/RT))/(1 − e^(−zFV/RT)) in SI, then to mA/cm² per cm/s.
double ghk_si(double v_mV, double ci_mM, double co_mM, double z, double kelvin) {
    const double V = v_mV * 1e-3, ci = ci_mM, co = co_mM;  // mM = mol/m³
    const double a = z * F * V / (R * kelvin);
    const double amp_per_m2_per_m_s =
        z * z * F * F * V / (R * kelvin) * (ci - co * std::exp(-a)) / (1 - std::exp(-a));
    return amp_per_m2_per_m_s * 1e3 * 1e-4 * 1e-2;  // A→mA, per m²→per cm², per m/s→per cm/s
}
}  // namespace

TEST_CASE("GHK flux: formula, the limit at 0 mV and the zero at the Nernst potential",
          "[channels][ghk]") {
    const double ci = 1e-4, co = 2.0, T = 309.15;
    for (double v = -100; v <= 60; v += 7.5) {
        if (std::fabs(v) < 1e-9)
            continue;
        INFO("v = " << v);
        CHECK(chanmath::ghk(v, ci, co, 2.0, T) == Approx(ghk_si(v, ci, co, 2.0, T)).epsilon(1e-10));
    }
    const double at0 = 2 * F * 1e-3 * (ci - co);  // ξ/(1 − e^−ξ) → 1
    CHECK(chanmath::ghk(0.0, ci, co, 2.0, T) == Approx(at0).epsilon(1e-12));
    CHECK(chanmath::ghk(1e-9, ci, co, 2.0, T) == Approx(at0).epsilon(1e-6));
    CHECK(chanmath::ghk(-1e-9, ci, co, 2.0, T) == Approx(at0).epsilon(1e-6));
    const double e_ca = 1000 * R * T / (2 * F) * std::log(co / ci);
    CHECK(std::fabs(chanmath::ghk(e_ca, ci, co, 2.0, T)) < 1e-12 * std::fabs(at0));
    CHECK(chanmath::ghk(e_ca - 10, ci, co, 2.0, T) < 0);  // inward below E_Ca
    CHECK(chanmath::ghk(e_ca + 10, ci, co, 2.0, T) > 0);
}

TEST_CASE("CaL_GHK: gate, permeability current and its numerical conductance", "[channels][ghk]") {
    auto mech = make_density_runtime("CaL_GHK");
    REQUIRE(mech != nullptr);
    const std::vector<double> v = {-80, -40, -10, 0, 1e-8, 20};
    mech->allocate(v.size());
    std::vector<int> index(mech->padded());
    for (std::size_t i = 0; i < index.size(); ++i)
        index[i] = static_cast<int>(i);
    mech->set_layout(index, std::vector<double>(mech->padded(), 1.0));
    std::vector<double> vv(mech->padded(), -65), t(mech->padded(), 6.3), i(mech->padded()),
        g(mech->padded());
    std::copy(v.begin(), v.end(), vv.begin());
    mech->prepare(t.data());
    mech->init_states(vv.data());
    mech->current(vv.data(), i.data(), g.data());
    for (std::size_t k = 0; k < v.size(); ++k) {
        INFO("v = " << v[k]);
        const double p = 1 / (1 + std::exp(-(v[k] + 10) / 4));
        CHECK(mech->state(0)[k] == Approx(p).epsilon(1e-12));
        const double flux = std::fabs(v[k]) < 1e-6 ? 2 * F * 1e-3 * (2.4e-4 - 2.0)
                                                   : ghk_si(v[k], 2.4e-4, 2.0, 2.0, 309.15);
        CHECK(i[k] == Approx(1e-4 * p * p * flux).epsilon(1e-8));
        const double slope =
            (ghk_si(v[k] + 1e-3 + 1e-7, 2.4e-4, 2.0, 2.0, 309.15) - flux) / 1e-3 * 1e-4 * p * p;
        CHECK(g[k] == Approx(slope).epsilon(1e-3));
    }
    CHECK(test::carried_ions(*mech) == "ca");
}

TEST_CASE("CaL_GHK drives a calcium pool in a spiking cell", "[channels][ghk][calcium]") {
    CellOptions o;
    o.V_init = -65;
    Cell cell(test::cable(20, 10), o);
    cell.paint(reg::all(), Density{"hh", {}}, Density{"CaL_GHK", {{"pcabar", 5e-4}}},
               Density{"CalciumDetailed", {}})
        .place(ls::location("cable", 0.5),
               Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 40.0}, {"amp", 0.3}}, {}},
               Probe{"cai", "cai"}, Probe{"ica", "ica"});
    const Traces out = cell.run(0.025, 50.0);
    REQUIRE(out.spike_times_ms[0].size() >= 3);
    const auto& cai = out.column("cai");
    const auto& ica = out.column("ica");
    CHECK(*std::max_element(cai.begin(), cai.end()) > 2 * 2.4e-4);
    CHECK(*std::min_element(ica.begin(), ica.end()) < 0);
    for (double c : cai)
        REQUIRE(std::isfinite(c));
}
