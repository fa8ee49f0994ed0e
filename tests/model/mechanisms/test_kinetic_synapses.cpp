// braincell's kinetic synapses AMPA, GABAa and NMDA, driven through bind_synapse_input:
// the open fraction after a spike against an independent RK4 solution of the same ODE, the
// NMDA magnesium block, the drive scaling (weight × T) and the sign of the response.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "model/cell/cell.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;

namespace {

constexpr double dt = 0.025;  // ms

Traces run_synapse(const std::string& mech, std::map<std::string, ParamValue> params,
                   double weight = 1.0) {
    CellOptions o;
    o.V_init = -65;
    Cell cell(test::cable(20, 10), o);
    cell.paint(reg::all(), Density{"pas", {{"g", 1e-4}, {"e", -65.0}}})
        .place(ls::location("cable", 0.5), Point{mech, "syn", std::move(params), {}},
               Probe{"v", "v"}, Probe{"g", "syn.g"}, Probe{"i", "syn.i"})
        .bind_synapse_input("syn", SpikeTrain{{1.0}, 0, 0, 0}, {weight});
    return cell.run(dt, 40.0);
}

// Classic RK4 of y' = f(t, y) from t0 to t1 in n steps.
std::vector<double> rk4(std::function<std::vector<double>(double, const std::vector<double>&)> f,
                        std::vector<double> y, double t0, double t1, int n) {
    const double h = (t1 - t0) / n;
    auto axpy = [](const std::vector<double>& a, double s, const std::vector<double>& b) {
        std::vector<double> r(a.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            r[i] = a[i] + s * b[i];
        return r;
    };
    for (int k = 0; k < n; ++k) {
        const double t = t0 + k * h;
        const auto k1 = f(t, y), k2 = f(t + h / 2, axpy(y, h / 2, k1)),
                   k3 = f(t + h / 2, axpy(y, h / 2, k2)), k4 = f(t + h, axpy(y, h, k3));
        for (std::size_t i = 0; i < y.size(); ++i)
            y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return y;
}

std::size_t first_open(const Traces& out) {
    const auto& g = out.column("g");
    for (std::size_t k = 0; k < g.size(); ++k)
        if (g[k] > 0)
            return k;
    return g.size();
}

}  // namespace

TEST_CASE("AMPA and GABAa: one spike opens g for one step, then g decays at beta",
          "[synapses][kinetic]") {
    for (const auto& row :
         {std::tuple{"AMPA", 0.98, 0.18, 0.5}, std::tuple{"GABAa", 0.53, 0.18, 1.0}}) {
        // Plain variables, not structured bindings: C++20 lets lambdas capture bindings, but
        // clang 14 does not yet.
        const char* mech = std::get<0>(row);
        const double alpha = std::get<1>(row), beta = std::get<2>(row), T = std::get<3>(row);
        INFO(mech);
        const Traces out = run_synapse(mech, {});
        const auto& g = out.column("g");
        const std::size_t k0 = first_open(out);
        REQUIRE(k0 < g.size());
        CHECK(out.t_ms[k0] == Approx(1.0 + dt));  // delivered in the step that starts at 1 ms
        // Transmitter present for that one step: dg/dt = αT(1 − g) − βg from g = 0, then
        // dg/dt = −βg; both solved independently by RK4.
        auto pulse = [&](double, const std::vector<double>& y) {
            return std::vector<double>{alpha * T * (1 - y[0]) - beta * y[0]};
        };
        auto decay = [&](double, const std::vector<double>& y) {
            return std::vector<double>{-beta * y[0]};
        };
        std::vector<double> y = rk4(pulse, {0.0}, 0, dt, 100);
        CHECK(g[k0] == Approx(y[0]).epsilon(1e-10));
        for (std::size_t k = k0 + 1; k < g.size(); ++k) {
            y = rk4(decay, y, 0, dt, 4);
            REQUIRE(g[k] == Approx(y[0]).epsilon(1e-9));
        }
    }
}

TEST_CASE("kinetic synapses: drive = weight × T; AMPA depolarizes, GABAa hyperpolarizes",
          "[synapses][kinetic]") {
    const Traces a = run_synapse("AMPA", {{"T", 1.0}}, 1.0);
    const Traces b = run_synapse("AMPA", {{"T", 0.5}}, 2.0);
    for (std::size_t k = 0; k < a.t_ms.size(); ++k)
        REQUIRE(a.column("g")[k] == Approx(b.column("g")[k]).epsilon(1e-14));
    const Traces ampa = run_synapse("AMPA", {{"g_max", 0.01}});
    const Traces gaba = run_synapse("GABAa", {{"g_max", 0.01}});
    const auto& va = ampa.column("v");
    const auto& vg = gaba.column("v");
    CHECK(*std::max_element(va.begin(), va.end()) > -64.0);
    CHECK(*std::min_element(vg.begin(), vg.end()) < -65.2);
}

TEST_CASE("NMDA: x then g as braincell orders them, and the magnesium block",
          "[synapses][kinetic]") {
    const double a1 = 2, b1 = 0.01, a2 = 1, b2 = 0.5, T = 1;
    const Traces out = run_synapse("NMDA", {{"g_max", 0.005}});
    const Traces free = run_synapse("NMDA", {{"g_max", 0.005}, {"mg", 0.0}});
    const auto& g = out.column("g");
    // The recurrence, independently: each step g moves with the x of the step's start (exact
    // for fixed x), then x with the drive of that step.
    auto exact = [](double s, double a, double b, double h) {
        const double inf = a / (a + b);
        return inf + (s - inf) * std::exp(-(a + b) * h);
    };
    double gg = 0, x = 0;
    double peak = 0;
    for (std::size_t k = 1; k < g.size(); ++k) {
        const bool spike_step = std::fabs(out.t_ms[k - 1] - 1.0) < 1e-9;
        gg = exact(gg, a1 * x, b1, dt);
        x = exact(x, spike_step ? a2 * T : 0.0, b2, dt);
        INFO("t = " << out.t_ms[k]);
        REQUIRE(g[k] == Approx(gg).margin(1e-15).epsilon(1e-10));
        peak = std::max(peak, g[k]);
    }
    CHECK(peak > 0.01);
    // The same model integrated by RK4 (x's pulse for one step) agrees to the scheme's
    // first-order splitting error.
    auto f = [&](double t, const std::vector<double>& y) {
        const double drive = t < dt ? a2 * T : 0.0;
        return std::vector<double>{a1 * y[1] * (1 - y[0]) - b1 * y[0],
                                   drive * (1 - y[1]) - b2 * y[1]};
    };
    const auto ref = rk4(f, {0.0, 0.0}, 0, 20.0, 20000);
    const std::size_t k20 = first_open(out) - 1 + static_cast<std::size_t>(std::lround(20.0 / dt));
    CHECK(g[k20] == Approx(ref[0]).epsilon(0.03));
    // Block: i = g_max·g·B(v)·(v − E) with B = 1/(1 + mg/3.57·exp(−0.062 v)), on the g and v
    // at the start of each step; mg = 0 leaves it unblocked.
    const auto &v = out.column("v"), &i = out.column("i");
    const auto &gf = free.column("g"), &vf = free.column("v"), &i_free = free.column("i");
    for (std::size_t k = 1; k < g.size(); ++k) {
        const double block = 1 / (1 + 1.2 / 3.57 * std::exp(-0.062 * v[k - 1]));
        REQUIRE(i[k] == Approx(0.005 * g[k - 1] * block * v[k - 1]).margin(1e-15));
        REQUIRE(i_free[k] == Approx(0.005 * gf[k - 1] * vf[k - 1]).margin(1e-15));
    }
    // Near rest the block passes about 5 % of the current (B(−65 mV) ≈ 0.05).
    CHECK(std::fabs(*std::min_element(i.begin(), i.end())) <
          0.2 * std::fabs(*std::min_element(i_free.begin(), i_free.end())));
}
