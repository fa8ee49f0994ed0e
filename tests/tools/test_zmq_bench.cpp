// `rtcell bench --zmq`'s difference of two latencies is signed: when the bare round trip is the
// slower one it is negative, not 1.8e13 µs (an unsigned subtraction once printed that).
#include <catch2/catch.hpp>

#include "tools/zmq_bench.hpp"

TEST_CASE("the latency rtcell adds is a signed difference", "[bench][zmq]") {
    rtcell::rt::LatencyHistogram through, bare;
    for (int k = 0; k < 100; ++k) {
        through.record(100'000);  // 100 µs
        bare.record(150'000);     // 150 µs: slower than through
    }
    const double added = rtcell::tools::added_latency_us(through, bare, 0.99);
    CHECK(added < 0);
    CHECK(added > -100);
    CHECK(rtcell::tools::added_latency_us(bare, through, 0.99) == Approx(-added));
}
