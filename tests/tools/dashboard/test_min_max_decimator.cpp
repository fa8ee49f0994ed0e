// Min/max decimation keeps every bucket's extremes in the order they occurred, restarts when model
// time goes back, and bounds what waits for take().
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "tools/dashboard/min_max_decimator.hpp"

using rtcell::tools::MinMaxDecimator;

namespace {
void add(MinMaxDecimator& d, double t, std::vector<double> row) {
    d.add(t, row);
}
}  // namespace

TEST_CASE("a spike narrower than a bucket keeps its full height", "[dashboard]") {
    MinMaxDecimator d;
    d.configure(1.0, {0}, 100);  // 1 ms buckets
    // 0.025 ms rows: rest at -65 mV, one row at +40 mV in the second bucket.
    for (int i = 0; i < 120; ++i) {
        const double t = i * 0.025;
        add(d, t, {i == 57 ? 40.0 : -65.0});
    }
    const auto b = d.take();
    REQUIRE(b.t.size() == 2);  // the third bucket is still filling
    CHECK(b.width_ms == 1.0);
    CHECK(b.t[0] == 0.0);
    CHECK(b.t[1] == 1.0);
    CHECK(b.y[0][0] == -65.0);
    CHECK(b.y[0][1] == -65.0);
    CHECK(b.y[0][2] == -65.0);  // min first: the rest came before the peak
    CHECK(b.y[0][3] == 40.0);
    CHECK(b.restarted);  // the first take after configure()
    CHECK_FALSE(d.take().restarted);
}

TEST_CASE("the extremes come out in the order they occurred", "[dashboard]") {
    MinMaxDecimator d;
    d.configure(1.0, {1, 0}, 100);
    add(d, 0.1, {0.0, 5.0});
    add(d, 0.2, {1.0, -3.0});  // column 1 falls: max (5) before min (-3)
    add(d, 0.3, {2.0, 0.0});   // column 0 rises: min (0) before max (2)
    add(d, 1.1, {0.0, 0.0});   // closes the first bucket
    const auto b = d.take();
    REQUIRE(b.y.size() == 2);
    CHECK(b.y[0] == std::vector<double>{5.0, -3.0});  // the chosen column 1 first
    CHECK(b.y[1] == std::vector<double>{0.0, 2.0});
}

TEST_CASE("time going back (reset_state) restarts the buckets", "[dashboard]") {
    MinMaxDecimator d;
    d.configure(1.0, {0}, 100);
    for (int i = 0; i < 50; ++i)
        add(d, i * 0.1, {1.0});
    (void)d.take();
    for (int i = 0; i < 5; ++i)
        add(d, 5.05 + i * 0.1, {1.0});  // past 5 ms: closes bucket 4
    add(d, 0.025, {2.0});               // after a reset, model time starts again
    add(d, 1.5, {3.0});
    const auto b = d.take();
    CHECK(b.restarted);
    REQUIRE(b.t.size() == 1);  // only the new stream's first bucket
    CHECK(b.t[0] == 0.0);
    CHECK(b.y[0] == std::vector<double>{2.0, 2.0});
}

TEST_CASE("buckets nobody takes are bounded and counted", "[dashboard]") {
    MinMaxDecimator d;
    d.configure(0.1, {0}, 10);
    for (int i = 0; i < 1000; ++i)
        add(d, i * 0.1 + 0.05, {static_cast<double>(i)});
    const auto b = d.take();
    CHECK(b.t.size() == 10);
    CHECK(d.dropped() == 999 - 10);  // 999 closed, the newest 10 kept
    CHECK(b.y[0].back() == 998.0);
}

TEST_CASE("a column the rows lack is NaN, not a crash", "[dashboard]") {
    MinMaxDecimator d;
    d.configure(1.0, {0, 7}, 10);
    add(d, 0.5, {1.0});
    add(d, 1.5, {1.0});
    const auto b = d.take();
    REQUIRE(b.y.size() == 2);
    CHECK(std::isnan(b.y[1][0]));
    add(d, NAN, {1.0});    // a non-finite time is ignored
    add(d, 1e300, {1.0});  // so is one beyond any bucket index
    CHECK(d.take().t.empty());
}
