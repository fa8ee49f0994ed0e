// The Markov template on its SK2 channel: the steady state against a long independent RK4
// run of the full six-state scheme, a calcium step against RK4 with the error shrinking as
// the step does (first-order backward Euler), and stability on a stiff step.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "model/mechanisms/density_runtime.hpp"

using namespace rtcell;

namespace {

// SK2_So2007's scheme written out again: states c1 c2 c3 o1 o2 c4, rates at 23 °C (q = 1).
std::vector<double> sk2_derivative(const std::vector<double>& s, double cai) {
    const double ca = cai / 3.0;
    const double k12 = 200 * ca, k21 = 0.08, k23 = 160 * ca, k32 = 0.08, k34 = 80 * ca, k43 = 0.2,
                 k3o1 = 0.16, ko13 = 1.0, k4o2 = 1.2, ko24 = 0.1;
    const double c1 = s[0], c2 = s[1], c3 = s[2], o1 = s[3], o2 = s[4], c4 = s[5];
    return {-k12 * c1 + k21 * c2,
            k12 * c1 - (k21 + k23) * c2 + k32 * c3,
            k23 * c2 - (k32 + k34 + k3o1) * c3 + k43 * c4 + ko13 * o1,
            k3o1 * c3 - ko13 * o1,
            k4o2 * c4 - ko24 * o2,
            k34 * c3 - (k43 + k4o2) * c4 + ko24 * o2};
}

std::vector<double> rk4(std::vector<double> s, double cai, double duration, int n) {
    const double h = duration / n;
    auto axpy = [](const std::vector<double>& a, double f, const std::vector<double>& b) {
        std::vector<double> r(a.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            r[i] = a[i] + f * b[i];
        return r;
    };
    for (int k = 0; k < n; ++k) {
        const auto k1 = sk2_derivative(s, cai), k2 = sk2_derivative(axpy(s, h / 2, k1), cai),
                   k3 = sk2_derivative(axpy(s, h / 2, k2), cai),
                   k4 = sk2_derivative(axpy(s, h, k3), cai);
        for (std::size_t i = 0; i < s.size(); ++i)
            s[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return s;
}

struct Sk2 {
    std::unique_ptr<DensityRuntime> mech = make_density_runtime("SK2_So2007");
    std::vector<double> v, t;
    std::size_t cai_param = 0;
    explicit Sk2(double cai) {
        REQUIRE(mech != nullptr);
        mech->allocate(1);
        std::vector<int> index(mech->padded(), 0);
        mech->set_layout(index, std::vector<double>(mech->padded(), 1.0));
        const auto& params = mech->spec().params;
        for (std::size_t k = 0; k < params.size(); ++k)
            if (std::string(params[k].name) == "cai")
                cai_param = k;
        set_cai(cai);
        v.assign(mech->padded(), -60.0);
        t.assign(mech->padded(), 23.0);
        mech->prepare(t.data());
        mech->init_states(v.data());
    }
    void set_cai(double cai) { std::fill_n(mech->param(cai_param), mech->padded(), cai); }
    std::vector<double> states() const {
        std::vector<double> s;
        for (std::size_t k = 0; k < 6; ++k)
            s.push_back(mech->state(k)[0]);
        return s;
    }
};

}  // namespace

TEST_CASE("Markov template: SK2 steady state equals the long-run solution of its scheme",
          "[channels][markov]") {
    for (double cai : {5e-5, 5e-4, 5e-3}) {
        INFO("cai = " << cai);
        const Sk2 sk(cai);
        const auto ref = rk4({1, 0, 0, 0, 0, 0}, cai, 2000.0, 400000);
        const auto s = sk.states();
        double sum = 0;
        for (std::size_t k = 0; k < 6; ++k) {
            CHECK(s[k] == Approx(ref[k]).margin(1e-9));
            sum += s[k];
        }
        CHECK(sum == Approx(1.0).epsilon(1e-14));
    }
    // More calcium opens more channels.
    CHECK(Sk2(5e-3).states()[3] + Sk2(5e-3).states()[4] >
          10 * (Sk2(5e-5).states()[3] + Sk2(5e-5).states()[4]));
}

TEST_CASE("Markov template: a calcium step follows RK4, converging at first order in dt",
          "[channels][markov]") {
    auto max_error = [](double dt) {
        Sk2 sk(5e-5);
        sk.set_cai(2e-3);
        std::vector<double> ref = sk.states();
        double worst = 0;
        const int steps = static_cast<int>(std::lround(20.0 / dt));
        for (int k = 0; k < steps; ++k) {
            sk.mech->advance(sk.v.data(), dt);
            ref = rk4(ref, 2e-3, dt, 20);
            const auto s = sk.states();
            worst = std::max(worst, std::fabs((s[3] + s[4]) - (ref[3] + ref[4])));
        }
        return worst;
    };
    const double coarse = max_error(0.05), fine = max_error(0.025);
    INFO("max |Δ open| at dt 0.05: " << coarse << ", at dt 0.025: " << fine);
    CHECK(fine < 5e-5);
    CHECK(coarse / fine == Approx(2.0).epsilon(0.1));
}

TEST_CASE("Markov template: implicit sub-steps stay stable and conservative when stiff",
          "[channels][markov]") {
    Sk2 sk(5e-5);
    sk.set_cai(0.5);  // binding at 33 /ms against dt = 1 ms
    for (int k = 0; k < 50; ++k) {
        sk.mech->advance(sk.v.data(), 1.0);
        double sum = 0;
        for (double x : sk.states()) {
            REQUIRE(x >= -1e-12);
            REQUIRE(x <= 1 + 1e-12);
            sum += x;
        }
        REQUIRE(sum == Approx(1.0).epsilon(1e-12));
    }
    const auto ref = rk4(Sk2(5e-5).states(), 0.5, 50.0, 200000);
    CHECK(sk.states()[4] == Approx(ref[4]).margin(1e-3));  // both near the new steady state
}
