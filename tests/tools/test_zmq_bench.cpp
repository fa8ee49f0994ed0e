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

// The benchmark's trips through a real kernel: each is answered (the value by the first frame
// whose stim.i carries it), over tcp and ipc, and so are the bare trips between them. Generous
// answer time-outs: the figures are the benchmark's business, not this test's.
TEST_CASE("bench --zmq's round trips through the kernel are answered", "[bench][zmq]") {
    using rtcell::tools::TripKind;
    for (const char* transport : {"tcp", "ipc"})
        for (TripKind kind : {TripKind::event_to_spike, TripKind::value_to_frame}) {
            rtcell::tools::KernelTrips s;
            s.kind = kind;
            s.transport = transport;
            s.trips = 20;
            s.answer_timeout_s = 30;
            const auto r = rtcell::tools::kernel_round_trips(s);
            INFO(transport << (kind == TripKind::event_to_spike ? " event" : " value"));
            CHECK(r.kernel.lost == 0);
            CHECK(r.kernel.latency.count() == 20);
            CHECK(r.bare.latency.count() == 20);  // the bare trips interleaved with them
        }
}
