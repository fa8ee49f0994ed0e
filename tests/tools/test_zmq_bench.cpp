// `rtcell bench --zmq`'s difference of two latencies is signed: when the bare round trip is the
// slower one it is negative, not 1.8e13 µs (an unsigned subtraction once printed that). Its
// quantiles are exact, and its interval and verdict say whether the machine can tell.
#include <catch2/catch.hpp>

#include "tools/latency_samples.hpp"
#include "tools/zmq_bench.hpp"

using rtcell::tools::added_latency;
using rtcell::tools::judge;
using rtcell::tools::LatencySamples;
using rtcell::tools::Verdict;

TEST_CASE("the latency rtcell adds is a signed difference", "[bench][zmq]") {
    LatencySamples through, bare;
    for (int k = 0; k < 100; ++k) {
        through.record(100'000);  // 100 µs
        bare.record(150'000);     // 150 µs: slower than through
    }
    const auto added = added_latency(through, bare, 0.99);
    CHECK(added.estimate_us == Approx(-50));
    CHECK(added_latency(bare, through, 0.99).estimate_us == Approx(50));
    CHECK(judge(added, 50) == Verdict::met);
}

TEST_CASE("bench quantiles are exact, not a histogram's buckets", "[bench][zmq]") {
    LatencySamples s;
    for (int k = 1; k <= 1000; ++k)
        s.record(2'000'000 + k * 10);              // 2.00001 … 2.01 ms, 10 ns apart
    CHECK(s.quantile_us(0.5) == Approx(2005.0));   // the 500th
    CHECK(s.quantile_us(0.99) == Approx(2009.9));  // the 990th: a 3 % bucket would be 65 µs wide
    CHECK(s.max_us() == Approx(2010.0));
    CHECK(LatencySamples{}.quantile_us(0.99) == 0);
}

TEST_CASE("a difference the samples cannot resolve is not called met", "[bench][zmq]") {
    // Two sets from the same wide distribution (0.1–10 ms, a heavy tail): the p99 difference's
    // interval is far wider than a 50 µs target, whichever way the estimate falls.
    LatencySamples a, b;
    std::uint64_t x = 88172645463325252ull;  // xorshift: the same samples every run
    const auto draw = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const double u = static_cast<double>(x >> 11) / 9007199254740992.0;
        return static_cast<std::int64_t>(100'000 / (1.0 - 0.99 * u));
    };
    for (int k = 0; k < 2000; ++k) {
        a.record(draw());
        b.record(draw());
    }
    const auto added = added_latency(a, b, 0.99);
    CHECK(added.low_us < added.estimate_us);
    CHECK(added.high_us > added.estimate_us);
    CHECK(added.high_us - added.low_us > 100);
    CHECK(judge(added, 50) == Verdict::unresolved);

    // The same two sets, one shifted by 20 ms: clearly not met.
    LatencySamples slow;
    for (auto ns : a.ns())
        slow.record(ns + 20'000'000);
    CHECK(judge(added_latency(slow, b, 0.99), 50) == Verdict::missed);
    // The same set against itself: the estimate is 0, and the interval holds it.
    const auto self = added_latency(a, a, 0.99);
    CHECK(self.estimate_us == 0);
    CHECK(self.low_us <= 0);
    CHECK(self.high_us >= 0);
    // A row's verdict is its worse quantile's.
    CHECK(rtcell::tools::worse(Verdict::met, Verdict::unresolved) == Verdict::unresolved);
    CHECK(rtcell::tools::worse(Verdict::missed, Verdict::unresolved) == Verdict::missed);
    CHECK(rtcell::tools::worse(Verdict::met, Verdict::met) == Verdict::met);
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
