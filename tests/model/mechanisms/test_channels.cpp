// Channels: the SIMD kernels agree with the channels' published formulas (written out
// independently here) at many voltages, temperatures and rate factors, including the removable
// singularities of the α functions.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <tuple>

#include "model/mechanisms/channel_kernel.hpp"
#include "model/mechanisms/channels/hh.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "support/channel_runner.hpp"

using namespace rtcell;

namespace {

std::vector<double> voltages() {
    std::vector<double> v;
    for (double x = -100; x <= 60; x += 2.5)
        v.push_back(x);
    for (double x : {-40.0, -55.0, -35.0, -50.0, -40.0 + 1e-9})
        v.push_back(x);  // singular points of the α forms
    return v;
}

double inf_ab(double a, double b) {
    return a / (a + b);
}

}  // namespace

TEST_CASE("hh: steady states and current as NEURON's hh.mod", "[channels]") {
    const auto v = voltages();
    for (double celsius : {6.3, 16.3}) {
        const auto r = test::run_gates("hh", v, {}, celsius);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const double x = v[i];
            const double am =
                std::fabs(x + 40) < 1e-6 ? 1.0 : 0.1 * (x + 40) / (1 - std::exp(-(x + 40) / 10));
            const double bm = 4 * std::exp(-(x + 65) / 18);
            const double ah = 0.07 * std::exp(-(x + 65) / 20),
                         bh = 1 / (1 + std::exp(-(x + 35) / 10));
            const double an =
                std::fabs(x + 55) < 1e-6 ? 0.1 : 0.01 * (x + 55) / (1 - std::exp(-(x + 55) / 10));
            const double bn = 0.125 * std::exp(-(x + 65) / 80);
            INFO("v = " << x << " celsius = " << celsius);
            CHECK(r.inf[0][i] == Approx(inf_ab(am, bm)).epsilon(1e-9));
            CHECK(r.inf[1][i] == Approx(inf_ab(ah, bh)).epsilon(1e-9));
            CHECK(r.inf[2][i] == Approx(inf_ab(an, bn)).epsilon(1e-9));
            const double m = r.inf[0][i], h = r.inf[1][i], n = r.inf[2][i];
            const double gna = 0.12 * m * m * m * h, gk = 0.036 * n * n * n * n;
            CHECK(r.i[i] ==
                  Approx(gna * (x - 50) + gk * (x + 77) + 0.0003 * (x + 54.3)).margin(1e-12));
            CHECK(r.g[i] == Approx(gna + gk + 0.0003).epsilon(1e-12));
        }
    }
}

TEST_CASE("Na_HH1952, K_HH1952 and IL as braincell defines them", "[channels]") {
    const auto v = voltages();
    for (double vsh : {-45.0, -50.0}) {
        const auto na = test::run_gates("Na_HH1952", v, {{"V_sh", vsh}}, 6.3);
        const auto k = test::run_gates("K_HH1952", v, {{"V_sh", vsh}}, 6.3);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const double u = v[i] - vsh;
            const double am =
                std::fabs(u - 5) < 1e-6 ? 1.0 : 0.1 * (u - 5) / (1 - std::exp(-(u - 5) / 10));
            const double bm = 4 * std::exp(-(u + 20) / 18);
            const double ah = 0.07 * std::exp(-(u + 20) / 20),
                         bh = 1 / (1 + std::exp(-(u - 10) / 10));
            const double an =
                std::fabs(u + 10) < 1e-6 ? 0.1 : 0.01 * (u + 10) / (1 - std::exp(-(u + 10) / 10));
            const double bn = 0.125 * std::exp(-(u + 20) / 80);
            INFO("v = " << v[i] << " V_sh = " << vsh);
            CHECK(na.inf[0][i] == Approx(inf_ab(am, bm)).epsilon(1e-9));
            CHECK(na.inf[1][i] == Approx(inf_ab(ah, bh)).epsilon(1e-9));
            CHECK(k.inf[0][i] == Approx(inf_ab(an, bn)).epsilon(1e-9));
        }
    }
    const auto il =
        test::run_gates("IL", {-80.0, -70.0, 0.0}, {{"g_max", 2e-4}, {"E", -70.0}}, 6.3);
    CHECK(il.i[0] == Approx(2e-4 * -10));
    CHECK(il.i[1] == 0.0);
    CHECK(il.g[2] == 2e-4);
}

TEST_CASE("time constants: q10 for hh, phi for the braincell channels", "[channels]") {
    // One exponential-Euler step from 0: s = (1 − exp(−dt/τ))·inf with τ = 1/(q·(α + β)).
    for (auto [name, celsius, phi, q] :
         {std::tuple{"hh", 6.3, 1.0, 1.0}, std::tuple{"hh", 26.3, 1.0, 9.0},
          std::tuple{"Na_HH1952", 6.3, 3.0, 3.0}}) {
        auto mech = make_density_runtime(name);
        mech->allocate(1);
        std::vector<int> index(mech->padded());
        for (std::size_t i = 0; i < index.size(); ++i)
            index[i] = static_cast<int>(i);
        mech->set_layout(index, std::vector<double>(mech->padded(), 1.0));
        if (std::string(name) == "Na_HH1952")
            mech->param(2)[0] = phi;
        std::vector<double> v(mech->padded(), -20.0), t(mech->padded(), celsius);
        mech->prepare(t.data());
        for (std::size_t k = 0; k < mech->spec().states.size(); ++k)
            mech->state(k)[0] = 0.0;
        mech->advance(v.data(), 0.01);
        const double x = std::string(name) == "hh" ? -20.0 : -20.0 + 45.0;  // u = v − V_sh
        const double am = std::string(name) == "hh"
                              ? 0.1 * (x + 40) / (1 - std::exp(-(x + 40) / 10))
                              : 0.1 * (x - 5) / (1 - std::exp(-(x - 5) / 10));
        const double bm =
            std::string(name) == "hh" ? 4 * std::exp(-(x + 65) / 18) : 4 * std::exp(-(x + 20) / 18);
        const double expected = (1 - std::exp(-0.01 * q * (am + bm))) * am / (am + bm);
        INFO(name << " at " << celsius << " °C");
        CHECK(mech->state(0)[0] == Approx(expected).epsilon(1e-9));
    }
}

TEST_CASE("the catalogue lists every mechanism with units", "[channels]") {
    std::vector<std::string> names;
    for (const auto& s : density_specs()) {
        names.push_back(s.name);
        for (const auto& p : s.params)
            CHECK(std::string(p.unit).size() > 0);
    }
    CHECK(names == std::vector<std::string>{"hh",
                                            "pas",
                                            "Na_HH1952",
                                            "K_HH1952",
                                            "IL",
                                            "CaT_HM1992",
                                            "AHP_De1994",
                                            "Na_TM1991",
                                            "Na_Ba2002",
                                            "K_TM1991",
                                            "KA1_HM1992",
                                            "KA2_HM1992",
                                            "KK2A_HM1992",
                                            "KK2B_HM1992",
                                            "KNI_Ya1989",
                                            "K_Leak",
                                            "HCN_HM1992",
                                            "KDR_Ba2002",
                                            "CaT_HP1992",
                                            "CaHT_HM1992",
                                            "CaHT_Re1993",
                                            "CaL_IS2008",
                                            "CaN_IS2008",
                                            "CaL_GHK",
                                            "SK2_So2007",
                                            "CalciumDetailed",
                                            "CalciumFirstOrder",
                                            "SodiumDetailed",
                                            "PotassiumDetailed",
                                            "SodiumFixed",
                                            "PotassiumFixed",
                                            "CalciumFixed",
                                            "SodiumInitNernst",
                                            "PotassiumInitNernst",
                                            "CalciumInitNernst"});
    CHECK(make_density_runtime("nope") == nullptr);
}

TEST_CASE("CaT_HM1992 and AHP_De1994 as their equations", "[channels][calcium]") {
    const auto v = voltages();
    // CaT at V_sh = +25 mV: both branches of τ_q are exercised (V' = v − 25 from −125 to 35).
    auto mech = make_density_runtime("CaT_HM1992");
    mech->allocate(v.size());
    std::vector<int> index(mech->padded());
    for (std::size_t i = 0; i < index.size(); ++i)
        index[i] = static_cast<int>(i);
    mech->set_layout(index, std::vector<double>(mech->padded(), 1.0));
    for (std::size_t i = 0; i < v.size(); ++i)
        mech->param(1)[i] = 25.0;  // V_sh
    std::vector<double> vv(mech->padded(), -65.0), t(mech->padded(), 6.3);
    std::copy(v.begin(), v.end(), vv.begin());
    mech->prepare(t.data());
    mech->init_states(vv.data());
    const double phi_p = std::pow(3.55, 1.2), phi_q = std::pow(3.0, 1.2);
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double u = v[i] - 25;
        INFO("v = " << v[i]);
        CHECK(mech->state(0)[i] == Approx(1 / (1 + std::exp(-(u + 59) / 6.2))).epsilon(1e-12));
        CHECK(mech->state(1)[i] == Approx(1 / (1 + std::exp((u + 83) / 4))).epsilon(1e-12));
    }
    // One exponential-Euler step from p = q = 0 at one voltage on each branch of τ_q.
    for (double vm : {-70.0, -120.0}) {
        for (std::size_t i = 0; i < mech->padded(); ++i)
            vv[i] = vm;
        for (std::size_t k = 0; k < 2; ++k)
            std::fill(mech->state(k), mech->state(k) + mech->padded(), 0.0);
        mech->advance(vv.data(), 0.1);
        const double u = vm - 25;
        const double tau_p =
            (1 / (std::exp(-(u + 132) / 16.7) + std::exp((u + 16.8) / 18.2)) + 0.612) / phi_p;
        const double tau_q =
            (u >= -80 ? std::exp(-(u + 22) / 10.5) + 28 : std::exp((u + 467) / 66.6)) / phi_q;
        INFO("v = " << vm);
        CHECK(
            mech->state(0)[0] ==
            Approx((1 - std::exp(-0.1 / tau_p)) / (1 + std::exp(-(u + 59) / 6.2))).epsilon(1e-10));
        CHECK(mech->state(1)[0] ==
              Approx((1 - std::exp(-0.1 / tau_q)) / (1 + std::exp((u + 83) / 4))).epsilon(1e-10));
    }
    CHECK(test::carried_ions(*mech) == "ca");
    // AHP: p_inf = α·c^n / (α·c^n + β) at several concentrations.
    auto ahp = make_density_runtime("AHP_De1994");
    ahp->allocate(3);
    ahp->set_layout({0, 1, 2, 3, 4, 5, 6, 7}, std::vector<double>(ahp->padded(), 1.0));
    const double conc[3] = {2.4e-4, 0.01, 0.05};
    for (int i = 0; i < 3; ++i)
        ahp->param(6)[i] = conc[i];
    std::vector<double> va(ahp->padded(), -65.0), ta(ahp->padded(), 6.3);
    ahp->prepare(ta.data());
    ahp->init_states(va.data());
    for (int i = 0; i < 3; ++i)
        CHECK(ahp->state(0)[i] ==
              Approx(48 * conc[i] * conc[i] / (48 * conc[i] * conc[i] + 0.09)).epsilon(1e-12));
    CHECK(std::string(ahp->concentration()) == "cai");
}
