// Random spike sources: NetStim's noise, Poisson and inhomogeneous Poisson trains. Their
// statistics (mean and spread of the intervals, counts against the rate, bins of a ramp), a
// seed that reproduces them, independent members and sources, delivery to the synapse of
// each member, and errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "config/model_config.hpp"
#include "model/cell/cell.hpp"
#include "model/cell/spike_trains.hpp"

using namespace rtcell;
using Catch::Contains;

namespace {

struct IntervalStats {
    double mean, cv;
};
IntervalStats intervals(const std::vector<double>& t) {
    std::vector<double> isi;
    for (std::size_t k = 1; k < t.size(); ++k)
        isi.push_back(t[k] - t[k - 1]);
    const double mean = std::accumulate(isi.begin(), isi.end(), 0.0) / isi.size();
    double var = 0;
    for (double x : isi)
        var += (x - mean) * (x - mean);
    return {mean, std::sqrt(var / isi.size()) / mean};
}

std::size_t in_range(const std::vector<double>& t, double lo, double hi) {
    return std::count_if(t.begin(), t.end(), [&](double x) { return x >= lo && x < hi; });
}

// Pearson correlation of two members' counts in 100 ms bins over [0, T).
double count_correlation(const std::vector<double>& a, const std::vector<double>& b, double T) {
    const std::size_t n = static_cast<std::size_t>(T / 100);
    std::vector<double> x(n), y(n);
    for (double t : a)
        if (t < T)
            ++x[static_cast<std::size_t>(t / 100)];
    for (double t : b)
        if (t < T)
            ++y[static_cast<std::size_t>(t / 100)];
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n,
                 my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t k = 0; k < n; ++k) {
        sxy += (x[k] - mx) * (y[k] - my);
        sxx += (x[k] - mx) * (x[k] - mx);
        syy += (y[k] - my) * (y[k] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TEST_CASE("NetStim noise: mean interval kept, spread noise × interval", "[inputs][random]") {
    for (double noise : {0.25, 0.5, 1.0}) {
        INFO("noise " << noise);
        SpikeTrain s;
        s.start_ms = 10;
        s.interval_ms = 10;
        s.number = 40000;
        s.noise = noise;
        const auto t = train_times(s, 0, 0, 1, "test");
        REQUIRE(t.size() == 40000);
        const IntervalStats st = intervals(t);
        // Interval = (1 − noise)·10 + noise·10·E: mean 10 ms, standard deviation noise·10 ms.
        // 40 000 samples: the sample mean is within 0.5 % and the CV within 2 % (> 4 σ).
        CHECK(st.mean == Approx(10).epsilon(0.005 * noise + 1e-12));
        CHECK(st.cv == Approx(noise).epsilon(0.02));
        CHECK(*std::min_element(t.begin(), t.end()) >= 0);
    }
    // noise 0 is NetStim's regular train, exactly.
    SpikeTrain r;
    r.start_ms = 5;
    r.interval_ms = 2;
    r.number = 3;
    CHECK(train_times(r, 0, 0, 1, "test") == std::vector<double>{5, 7, 9});
}

TEST_CASE("Poisson trains: counts as the rate says; the ramp of an inhomogeneous rate",
          "[inputs][random]") {
    PoissonTrain p;
    p.rate_hz = 50;
    p.start_ms = 1000;
    p.stop_ms = 201000;  // 200 s: 10 000 events expected, σ = 100
    const auto t = train_times(p, 0, 0, 1, "test");
    CHECK(std::fabs(static_cast<double>(t.size()) - 10000) < 500);
    CHECK(t.front() >= 1000);
    CHECK(t.back() < 201000);
    CHECK(intervals(t).cv == Approx(1).epsilon(0.04));
    // A ramp from 0 to 100 Hz over 100 s: 5000 events, 1250 in the first half, 3750 in the
    // second (σ ≈ 35 and 61).
    PoissonTrain ramp;
    ramp.rate = {{0, 0}, {100000, 100}};
    const auto r = train_times(ramp, 0, 0, 1, "test");
    CHECK(std::fabs(static_cast<double>(in_range(r, 0, 50000)) - 1250) < 250);
    CHECK(std::fabs(static_cast<double>(in_range(r, 50000, 100000)) - 3750) < 400);
    // Zero outside the profile: a step of 20 Hz from 10 to 20 s only.
    PoissonTrain step;
    step.rate = {{10000, 20}, {20000, 20}};
    const auto s = train_times(step, 0, 0, 1, "test");
    CHECK(in_range(s, 0, 10000) == 0);
    CHECK(std::fabs(static_cast<double>(s.size()) - 200) < 75);
}

TEST_CASE("a seed reproduces a train; members and sources are independent", "[inputs][random]") {
    PoissonTrain p;
    p.rate_hz = 40;
    p.stop_ms = 100000;
    p.seed = 7;
    const auto a0 = train_times(p, 0, 0, 4, "test"), a0_again = train_times(p, 0, 0, 4, "test");
    CHECK(a0 == a0_again);
    const auto a1 = train_times(p, 0, 1, 4, "test");  // another member
    const auto b0 = train_times(p, 1, 0, 4, "test");  // another source
    PoissonTrain q = p;
    q.seed = 8;
    const auto c0 = train_times(q, 0, 0, 4, "test");  // another seed
    for (const auto* other : {&a1, &b0, &c0}) {
        CHECK(*other != a0);
        CHECK(std::fabs(count_correlation(a0, *other, 100000)) < 0.15);  // 1000 bins
    }
    // NetStim's noise uses the same streams.
    SpikeTrain n;
    n.interval_ms = 5;
    n.number = 100;
    n.noise = 1;
    CHECK(train_times(n, 2, 3, 4, "x") == train_times(n, 2, 3, 4, "x"));
    CHECK(train_times(n, 2, 3, 4, "x") != train_times(n, 2, 2, 4, "x"));
}

TEST_CASE("every member of a population gets its own train, delivered event by event",
          "[inputs][random]") {
    CellOptions o;
    o.pop_size = {3};
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Cell cell(Morphology({soma}, "soma"), o);
    cell.paint(reg::all(), Density{"pas", {}});
    cell.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}}, {}});
    cell.place(ls::location(0, 0.5), Probe{"g", "syn.g"});
    PoissonTrain p;
    p.rate_hz = 30;
    p.stop_ms = 2000;
    p.seed = 11;
    const double w = 0.001;  // µS per event
    cell.bind_synapse_input("syn", p, {w});
    const double dt = 0.025, T = 1000;
    const Traces out = cell.run(dt, T);
    const double decay = std::exp(-dt / 2.0);
    std::vector<std::size_t> counts;
    for (std::size_t m = 0; m < 3; ++m) {
        const auto& g = out.column("g#" + std::to_string(m));
        // g after a step = (g before + n·w)·decay: n events in that step, a whole number.
        double n = 0;
        for (std::size_t k = 1; k < g.size(); ++k) {
            const double events = (g[k] / decay - g[k - 1]) / w;
            CHECK(std::fabs(events - std::round(events)) < 1e-6);
            n += std::round(events);
        }
        // The events due by the last step's middle (T − dt/2).
        const auto t = train_times(p, 0, m, 3, "test");
        CHECK(n == Approx(static_cast<double>(in_range(t, 0, T - dt / 2))));
        counts.push_back(static_cast<std::size_t>(n));
    }
    CHECK((counts[0] != counts[1] || counts[1] != counts[2]));
    // reset_state() replays the same trains.
    cell.reset_state();
    CHECK(cell.run(dt, T).column("g#2") == out.column("g#2"));
}

TEST_CASE("random trains in configuration, and their errors", "[inputs][random][config]") {
    const std::string base = R"(
morphology: {branches: [{name: soma, type: soma, points_um: [[0, 0, 0, 10], [10, 0, 0, 10]]}]}
population: {size: 2}
place: [{locset: (location "soma" 0.5), mechanism: ExpSyn, name: syn}]
)";
    auto with = [&](const std::string& input) {
        return parse_model_config(base + "inputs: [" + input + "]\n", "in.yaml");
    };
    const ModelConfig a = with(
        "{synapse: syn, weight: 1 nS, spike_train: {start: 0 ms, interval: 10 ms, number: 5, "
        "noise: 0.5, seed: 3}}");
    const auto& s = std::get<SpikeTrain>(a.dynamics.inputs[0].source);
    CHECK(s.noise == 0.5);
    CHECK(s.seed == 3);
    const ModelConfig b = with("{synapse: syn, poisson: {rate: 20 Hz, start: 1 s, stop: 2 s}}");
    const auto& p = std::get<PoissonTrain>(b.dynamics.inputs[0].source);
    CHECK(p.rate_hz == 20);
    CHECK(p.start_ms == 1000);
    CHECK(p.stop_ms == 2000);
    CHECK(p.seed == 1);
    const ModelConfig c =
        with("{synapse: syn, poisson: {rate: [[0 ms, 0 Hz], [1 s, 40 Hz]], seed: 9}}");
    CHECK(std::get<PoissonTrain>(c.dynamics.inputs[0].source).rate.size() == 2);
    Cell cell = build_cell(c);
    CHECK_NOTHROW(cell.init_state());
    CHECK_THROWS_WITH(with("{synapse: syn, spike_train: {start: 0 ms, interval: 1 ms, number: 1, "
                           "noise: 1.5}}"),
                      Contains("in.yaml:5") && Contains("noise: must be in [0, 1]"));
    CHECK_THROWS_WITH(with("{synapse: syn, poisson: {rate: [[1 s, 5 Hz], [0 s, 5 Hz]]}}"),
                      Contains("is earlier than the point before it"));
    CHECK_THROWS_WITH(with("{synapse: syn, poisson: {rate: 5 Hz}}"),
                      Contains("stop") && Contains("required"));
    CHECK_THROWS_WITH(with("{synapse: syn, poisson: {rate: 5, stop: 1 s}}"),
                      Contains("has no unit"));
    CHECK_THROWS_WITH(with("{synapse: syn, poisson: {rate: 5 Hz, stop: 1 s, seed: -1}}"),
                      Contains("a seed is a whole number"));
    // Far more events than can be drawn in advance.
    Cell huge = build_cell(with("{synapse: syn, poisson: {rate: 1 kHz, stop: 1000 h}}"));
    CHECK_THROWS_WITH(huge.init_state(), Contains("drawn in advance"));
}
