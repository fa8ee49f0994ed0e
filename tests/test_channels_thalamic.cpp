// The Traub–Miles, Bazhenov, Huguenard–McCormick, Yamada, leak and Ih channels agree with their
// published formulas (braincell's definitions, written out independently here): steady states
// at many voltages, time constants through one exponential-Euler step from zero, and currents.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "model/density_runtime.hpp"

using namespace rtcell;

namespace {

struct GateRun {
    std::vector<std::vector<double>> inf;   // [state][voltage], steady state
    std::vector<std::vector<double>> step;  // [state][voltage], after one step of dt from 0
    std::vector<double> i;                  // mA/cm², outward, at the steady state
};

GateRun run_gates(const std::string& name, const std::vector<double>& v,
                  std::map<std::string, double> params, double celsius, double dt_ms) {
    auto mech = make_density_runtime(name);
    REQUIRE(mech != nullptr);
    mech->allocate(v.size());
    std::vector<int> index(mech->padded());
    for (std::size_t i = 0; i < index.size(); ++i)
        index[i] = static_cast<int>(i);
    mech->set_layout(index, std::vector<double>(mech->padded(), 1.0));
    const auto& spec = mech->spec();
    for (std::size_t k = 0; k < spec.params.size(); ++k)
        for (std::size_t i = 0; i < mech->padded(); ++i)
            mech->param(k)[i] = params.count(spec.params[k].name) ? params[spec.params[k].name]
                                                                  : spec.params[k].default_value;
    std::vector<double> vv(mech->padded(), -65.0), t(mech->padded(), celsius), ii(mech->padded()),
        gg(mech->padded());
    std::copy(v.begin(), v.end(), vv.begin());
    mech->prepare(t.data());
    mech->init_states(vv.data());
    GateRun out;
    for (std::size_t s = 0; s < spec.states.size(); ++s)
        out.inf.emplace_back(mech->state(s), mech->state(s) + v.size());
    mech->current(vv.data(), ii.data(), gg.data());
    out.i.assign(ii.begin(), ii.begin() + v.size());
    for (std::size_t s = 0; s < spec.states.size(); ++s)
        std::fill(mech->state(s), mech->state(s) + mech->padded(), 0.0);
    mech->advance(vv.data(), dt_ms);
    for (std::size_t s = 0; s < spec.states.size(); ++s)
        out.step.emplace_back(mech->state(s), mech->state(s) + v.size());
    return out;
}

std::vector<double> voltages() {
    std::vector<double> v;
    for (double x = -120; x <= 60; x += 2.5)
        v.push_back(x);
    // Removable singularities of the α/β forms: Na_TM1991 (V_sh −63) at −50 and −23 mV,
    // K_TM1991 (V_sh −60) at −45 mV, Na_Ba2002 (V_sh −50) at −37 and −10 mV.
    for (double x : {-50.0, -23.0, -45.0, -37.0, -10.0, -50.0 + 1e-9})
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

TEST_CASE("Na_TM1991, Na_Ba2002 and K_TM1991 as Traub–Miles/Bazhenov define them",
          "[channels][thalamic]") {
    const auto v = voltages();
    const auto na = run_gates("Na_TM1991", v, {{"phi", 2.0}}, 6.3, dt);
    const auto ba = run_gates("Na_Ba2002", v, {{"T", 46.0}}, 6.3, dt);  // phi = 3
    const auto k = run_gates("K_TM1991", v, {{"phi", 3.0}}, 6.3, dt);
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
    }
}

TEST_CASE("KA1/KA2 and KK2A/KK2B as Huguenard & McCormick define them", "[channels][thalamic]") {
    const auto v = voltages();
    const auto ka1 = run_gates("KA1_HM1992", v, {{"phi_p", 2.0}, {"phi_q", 3.0}}, 6.3, dt);
    const auto ka2 = run_gates("KA2_HM1992", v, {}, 6.3, dt);
    const auto k2a = run_gates("KK2A_HM1992", v, {{"V_sh", 5.0}}, 6.3, 1.0);
    const auto k2b = run_gates("KK2B_HM1992", v, {{"phi_q", 2.0}}, 6.3, 1.0);
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
    const auto kni = run_gates("KNI_Ya1989", v, {{"g_max", 1e-4}, {"phi_p", 2.0}}, 6.3, 10.0);
    const auto leak = run_gates("K_Leak", v, {{"g_max", 1e-5}, {"ek", -95.0}}, 6.3, dt);
    const auto ih = run_gates("HCN_HM1992", v, {{"T", 46.0}, {"q10", 3.0}}, 6.3, 1.0);
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
