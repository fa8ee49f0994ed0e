// The Traub–Miles, Bazhenov, Huguenard–McCormick, Yamada, leak and Ih channels agree with their
// published formulas (braincell's definitions, written out independently here): steady states
// at many voltages, time constants through one exponential-Euler step from zero, and currents.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "model/mechanisms/density_runtime.hpp"
#include "support/channel_runner.hpp"

using namespace rtcell;

namespace {

std::vector<double> voltages() {
    std::vector<double> v;
    for (double x = -120; x <= 60; x += 2.5)
        v.push_back(x);
    // Removable singularities of the α/β forms: Na_TM1991 (V_sh −63) at −50 and −23 mV,
    // K_TM1991 (V_sh −60) at −45 mV, Na_Ba2002 (V_sh −50) at −37 and −10 mV, KDR_Ba2002 at
    // −35 mV, CaHT_Re1993 at −27 mV.
    for (double x : {-50.0, -23.0, -45.0, -37.0, -10.0, -35.0, -27.0, -50.0 + 1e-9})
        v.push_back(x);
    return v;
}

// k·y/(exp(y)−1)·… written as the classic x/(exp(x/k) − 1) with its limit k at x = 0.
double x_over_expm1(double x, double k) {
    return std::fabs(x) < 1e-7 ? k : x / (std::exp(x / k) - 1);
}

// One exponential-Euler step from 0: (1 − exp(−dt/τ))·inf.
double step_from_zero(double inf, double tau, double dt) {
    return (1 - std::exp(-dt / tau)) * inf;
}

constexpr double dt = 0.025;  // ms

}  // namespace

TEST_CASE("Na_TM1991, Na_Ba2002, K_TM1991 and KDR_Ba2002 as Traub–Miles/Bazhenov define them",
          "[channels][thalamic]") {
    const auto v = voltages();
    const auto na = test::run_gates("Na_TM1991", v, {{"phi", 2.0}}, 6.3, dt);
    const auto ba = test::run_gates("Na_Ba2002", v, {{"T", 46.0}}, 6.3, dt);  // phi = 3
    const auto k = test::run_gates("K_TM1991", v, {{"phi", 3.0}}, 6.3, dt);
    const auto kdr = test::run_gates("KDR_Ba2002", v, {{"T", 26.0}}, 6.3, dt);  // phi = 1/3
    for (std::size_t i = 0; i < v.size(); ++i) {
        INFO("v = " << v[i]);
        for (auto [run, vsh, phi] : {std::tuple{&na, -63.0, 2.0}, std::tuple{&ba, -50.0, 3.0}}) {
            const double u = v[i] - vsh;
            const double ap = 0.32 * x_over_expm1(13 - u, 4), bp = 0.28 * x_over_expm1(u - 40, 5);
            const double aq = 0.128 * std::exp((17 - u) / 18),
                         bq = 4 / (1 + std::exp(-(u - 40) / 5));
            CHECK(run->inf[0][i] == Approx(ap / (ap + bp)).epsilon(1e-9));
            CHECK(run->inf[1][i] == Approx(aq / (aq + bq)).epsilon(1e-9));
            CHECK(run->step[0][i] ==
                  Approx(step_from_zero(ap / (ap + bp), 1 / (phi * (ap + bp)), dt)).epsilon(1e-9));
            CHECK(run->step[1][i] ==
                  Approx(step_from_zero(aq / (aq + bq), 1 / (phi * (aq + bq)), dt)).epsilon(1e-9));
        }
        CHECK(na.i[i] ==
              Approx(0.12 * std::pow(na.inf[0][i], 3) * na.inf[1][i] * (v[i] - 50)).epsilon(1e-12));
        const double u = v[i] + 60;
        const double an = 0.032 * x_over_expm1(15 - u, 5), bn = 0.5 * std::exp((10 - u) / 40);
        CHECK(k.inf[0][i] == Approx(an / (an + bn)).epsilon(1e-9));
        CHECK(k.step[0][i] ==
              Approx(step_from_zero(an / (an + bn), 1 / (3 * (an + bn)), dt)).epsilon(1e-9));
        CHECK(k.i[i] == Approx(0.01 * std::pow(k.inf[0][i], 4) * (v[i] + 90)).epsilon(1e-12));
        const double w = v[i] + 50;  // V_sh −50 mV
        const double ad = 0.032 * x_over_expm1(15 - w, 5), bd = 0.5 * std::exp(-(w - 10) / 40);
        CHECK(kdr.inf[0][i] == Approx(ad / (ad + bd)).epsilon(1e-9));
        CHECK(kdr.step[0][i] ==
              Approx(step_from_zero(ad / (ad + bd), 3 / (ad + bd), dt)).epsilon(1e-9));
    }
}

TEST_CASE("KA1/KA2 and KK2A/KK2B as Huguenard & McCormick define them", "[channels][thalamic]") {
    const auto v = voltages();
    const auto ka1 = test::run_gates("KA1_HM1992", v, {{"phi_p", 2.0}, {"phi_q", 3.0}}, 6.3, dt);
    const auto ka2 = test::run_gates("KA2_HM1992", v, {}, 6.3, dt);
    const auto k2a = test::run_gates("KK2A_HM1992", v, {{"V_sh", 5.0}}, 6.3, 1.0);
    const auto k2b = test::run_gates("KK2B_HM1992", v, {{"phi_q", 2.0}}, 6.3, 1.0);
    for (std::size_t i = 0; i < v.size(); ++i) {
        INFO("v = " << v[i]);
        const double u = v[i];
        const double tau_p =
            1 / (std::exp((u + 35.8) / 19.7) + std::exp(-(u + 79.7) / 12.7)) + 0.37;
        const double tau_q =
            u < -63 ? 1 / (std::exp((u + 46) / 5) + std::exp(-(u + 238) / 37.5)) : 19.0;
        const double q_inf = 1 / (1 + std::exp((u + 78) / 6));
        const double p1 = 1 / (1 + std::exp(-(u + 60) / 8.5)),
                     p2 = 1 / (1 + std::exp(-(u + 36) / 20));
        CHECK(ka1.inf[0][i] == Approx(p1).epsilon(1e-12));
        CHECK(ka2.inf[0][i] == Approx(p2).epsilon(1e-12));
        CHECK(ka1.inf[1][i] == Approx(q_inf).epsilon(1e-12));
        CHECK(ka1.step[0][i] == Approx(step_from_zero(p1, tau_p / 2, dt)).epsilon(1e-10));
        CHECK(ka1.step[1][i] == Approx(step_from_zero(q_inf, tau_q / 3, dt)).epsilon(1e-10));
        CHECK(ka2.step[1][i] == Approx(step_from_zero(q_inf, tau_q, dt)).epsilon(1e-10));
        CHECK(ka2.i[i] == Approx(0.02 * std::pow(p2, 4) * q_inf * (u + 90)).epsilon(1e-10));

        for (auto [run, vsh, phi_q, b] :
             {std::tuple{&k2a, 5.0, 1.0, false}, std::tuple{&k2b, 0.0, 2.0, true}}) {
            const double w = v[i] - vsh;
            const double p_inf = 1 / (1 + std::exp(-(w + 43) / 17));
            const double tp = 1 / (std::exp((w - 81) / 25.6) + std::exp(-(w + 132) / 18)) + 9.9;
            const double q_inf2 = 1 / (1 + std::exp((w + 58) / 10.6));
            const double slow = 1 / (std::exp((w - 1329) / 200) + std::exp(-(w + 130) / 7.1));
            const double tq = (b && w >= -70) ? 8.9 : slow;
            CHECK(run->inf[0][i] == Approx(p_inf).epsilon(1e-12));
            CHECK(run->inf[1][i] == Approx(q_inf2).epsilon(1e-12));
            CHECK(run->step[0][i] == Approx(step_from_zero(p_inf, tp, 1.0)).epsilon(1e-10));
            CHECK(run->step[1][i] ==
                  Approx(step_from_zero(q_inf2, tq / phi_q, 1.0)).epsilon(1e-10));
            CHECK(run->i[i] == Approx(0.01 * p_inf * q_inf2 * (v[i] + 90)).epsilon(1e-10));
        }
    }
}

TEST_CASE("KNI_Ya1989, K_Leak and HCN_HM1992 as their equations", "[channels][thalamic]") {
    const auto v = voltages();
    const auto kni = test::run_gates("KNI_Ya1989", v, {{"g_max", 1e-4}, {"phi_p", 2.0}}, 6.3, 10.0);
    const auto leak = test::run_gates("K_Leak", v, {{"g_max", 1e-5}, {"ek", -95.0}}, 6.3, dt);
    const auto ih = test::run_gates("HCN_HM1992", v, {{"T", 46.0}, {"q10", 3.0}}, 6.3, 1.0);
    for (std::size_t i = 0; i < v.size(); ++i) {
        INFO("v = " << v[i]);
        const double w = v[i] + 35;
        const double p_inf = 1 / (1 + std::exp(-w / 10));
        const double tau = 4000 / (3.3 * std::exp(w / 20) + std::exp(-w / 20)) / 2;
        CHECK(kni.inf[0][i] == Approx(p_inf).epsilon(1e-12));
        CHECK(kni.step[0][i] == Approx(step_from_zero(p_inf, tau, 10.0)).epsilon(1e-10));
        CHECK(kni.i[i] == Approx(1e-4 * p_inf * (v[i] + 90)).epsilon(1e-10));
        CHECK(leak.i[i] == Approx(1e-5 * (v[i] + 95)).epsilon(1e-12));
        const double h_inf = 1 / (1 + std::exp((v[i] + 75) / 5.5));
        const double h_tau =
            1 / (std::exp(-0.086 * v[i] - 14.59) + std::exp(0.0701 * v[i] - 1.87)) / 3;
        CHECK(ih.inf[0][i] == Approx(h_inf).epsilon(1e-12));
        CHECK(ih.step[0][i] == Approx(step_from_zero(h_inf, h_tau, 1.0)).epsilon(1e-10));
        CHECK(ih.i[i] == Approx(0.01 * h_inf * (v[i] - 43)).epsilon(1e-10));
    }
}

TEST_CASE("CaT_HP1992, CaHT_HM1992, CaL_IS2008, CaHT_Re1993 and CaN_IS2008 as their equations",
          "[channels][thalamic][calcium]") {
    const auto v = voltages();
    // Own temperature 30 °C: phi = q10^((30 − T_ref)/10) per gate.
    const auto hp = test::run_gates("CaT_HP1992", v, {{"T", 30.0}, {"eca", 110.0}}, 6.3, 1.0);
    const auto ht = test::run_gates("CaHT_HM1992", v, {}, 6.3, 1.0);
    const auto cal = test::run_gates("CaL_IS2008", v, {{"V_sh", 5.0}}, 6.3, 1.0);
    const auto re = test::run_gates("CaHT_Re1993", v, {{"T", 30.0}}, 6.3, 1.0);
    const auto can = test::run_gates("CaN_IS2008", v, {{"cai", 0.05}, {"phi", 2.0}}, 6.3, 1.0);
    const double hp_phi_p = std::pow(5.0, 0.6), hp_phi_q = std::pow(3.0, 0.6);
    const double hm_phi_p = std::pow(3.55, 1.2), hm_phi_q = std::pow(3.0, 1.2);
    const double re_phi = std::pow(2.3, 0.7);
    for (std::size_t i = 0; i < v.size(); ++i) {
        INFO("v = " << v[i]);
        {  // Huguenard & Prince 1992, V_sh −3 mV
            const double u = v[i] + 3;
            const double p_inf = 1 / (1 + std::exp(-(u + 52) / 7.4));
            const double tp = 3 + 1 / (std::exp((u + 27) / 10) + std::exp(-(u + 102) / 15));
            const double q_inf = 1 / (1 + std::exp((u + 80) / 5));
            const double tq = 85 + 1 / (std::exp((u + 48) / 4) + std::exp(-(u + 407) / 50));
            CHECK(hp.inf[0][i] == Approx(p_inf).epsilon(1e-12));
            CHECK(hp.inf[1][i] == Approx(q_inf).epsilon(1e-12));
            CHECK(hp.step[0][i] ==
                  Approx(step_from_zero(p_inf, tp / hp_phi_p, 1.0)).epsilon(1e-10));
            CHECK(hp.step[1][i] ==
                  Approx(step_from_zero(q_inf, tq / hp_phi_q, 1.0)).epsilon(1e-10));
            CHECK(hp.i[i] == Approx(0.00175 * p_inf * p_inf * q_inf * (v[i] - 110)).epsilon(1e-10));
        }
        {  // Huguenard & McCormick 1992 high threshold, V_sh +25 mV
            const double u = v[i] - 25;
            const double p_inf = 1 / (1 + std::exp(-(u + 59) / 6.2));
            const double tq =
                u >= -80 ? std::exp(-(u + 22) / 10.5) + 28 : std::exp((u + 467) / 66.6);
            const double q_inf = 1 / (1 + std::exp((u + 83) / 4));
            CHECK(ht.inf[0][i] == Approx(p_inf).epsilon(1e-12));
            CHECK(ht.step[1][i] ==
                  Approx(step_from_zero(q_inf, tq / hm_phi_q, 1.0)).epsilon(1e-10));
        }
        {  // Inoue & Strowbridge 2008 L-type, V_sh +5 mV
            const double u = v[i] - 5;
            const double p_inf = 1 / (1 + std::exp(-(u + 10) / 4));
            const double tp = 0.4 + 0.7 / (std::exp(-(u + 5) / 15) + std::exp((u + 5) / 15));
            const double q_inf = 1 / (1 + std::exp((u + 25) / 2));
            const double tq = 300 + 100 / (std::exp((u + 40) / 9.5) + std::exp(-(u + 40) / 9.5));
            CHECK(cal.inf[0][i] == Approx(p_inf).epsilon(1e-12));
            CHECK(cal.inf[1][i] == Approx(q_inf).epsilon(1e-12));
            CHECK(cal.step[0][i] ==
                  Approx(step_from_zero(p_inf, tp / hm_phi_p, 1.0)).epsilon(1e-10));
            CHECK(cal.step[1][i] ==
                  Approx(step_from_zero(q_inf, tq / hm_phi_q, 1.0)).epsilon(1e-10));
        }
        {  // Reuveni et al. 1993, W = V_sh − v
            const double w = -v[i];
            const double ap = 0.055 * x_over_expm1(w - 27, 3.8),
                         bp = 0.94 * std::exp((w - 75) / 17);
            const double aq = 0.000457 * std::exp((w - 13) / 50),
                         bq = 0.0065 / (std::exp((w - 15) / 28) + 1);
            CHECK(re.inf[0][i] == Approx(ap / (ap + bp)).epsilon(1e-9));
            CHECK(re.inf[1][i] == Approx(aq / (aq + bq)).epsilon(1e-9));
            CHECK(re.step[0][i] ==
                  Approx(step_from_zero(ap / (ap + bp), 1 / (re_phi * (ap + bp)), 1.0))
                      .epsilon(1e-9));
            CHECK(re.step[1][i] ==
                  Approx(step_from_zero(aq / (aq + bq), 1 / (re_phi * (aq + bq)), 1.0))
                      .epsilon(1e-9));
        }
        {  // CAN: gated by cai through M = cai/(cai + 0.2 mM)
            const double p_inf = 1 / (1 + std::exp(-(v[i] + 43) / 5.2));
            const double tp =
                2.7 / (std::exp(-(v[i] + 55) / 15) + std::exp((v[i] + 55) / 15)) + 1.6;
            CHECK(can.inf[0][i] == Approx(p_inf).epsilon(1e-12));
            CHECK(can.step[0][i] == Approx(step_from_zero(p_inf, tp / 2, 1.0)).epsilon(1e-10));
            CHECK(can.i[i] == Approx(0.001 * 0.05 / 0.25 * p_inf * (v[i] - 10)).epsilon(1e-10));
        }
    }
    for (const char* name : {"CaT_HP1992", "CaHT_HM1992", "CaL_IS2008", "CaHT_Re1993"})
        CHECK(test::carried_ions(*make_density_runtime(name)) == "ca");
    CHECK(std::string(make_density_runtime("CaN_IS2008")->concentration()) == "cai");
}
