// rt/ on its own: this program links rtcell::rt and nothing else of rtcell (tests/CMakeLists),
// so the loop, its timing and its tasks cannot depend on the model. The loop with a task that
// is not a cell, the empty loop (the platform's floor) and the latency histogram.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "rt/cyclic_loop.hpp"
#include "rt/idle_task.hpp"
#include "rt/latency_histogram.hpp"
#include "support/quiet_loop.hpp"

using namespace rtcell::rt;

TEST_CASE("latency histogram: buckets, percentiles and merging", "[rt][histogram]") {
    for (std::uint64_t v : {0ull, 1ull, 63ull, 64ull, 65ull, 1000ull, 123456ull, 1ull << 35}) {
        const int i = LatencyHistogram::index(v);
        INFO(v);
        CHECK(LatencyHistogram::upper_edge(i) >= v);
        CHECK(static_cast<double>(LatencyHistogram::upper_edge(i)) <=
              static_cast<double>(v) * 1.04 + 1);
        if (i > 0)
            CHECK(LatencyHistogram::upper_edge(i - 1) < v);
    }
    LatencyHistogram h;
    for (int v = 1; v <= 10000; ++v)
        h.record(v * 100);  // 100 ns … 1 ms, uniform
    CHECK(h.count() == 10000);
    CHECK(h.max() == 1'000'000);
    CHECK(static_cast<double>(h.percentile(0.5)) == Approx(500'000).epsilon(0.035));
    CHECK(static_cast<double>(h.percentile(0.99)) == Approx(990'000).epsilon(0.035));
    CHECK(h.percentile(1.0) == 1'000'000);
    LatencyHistogram other;
    other.record(5'000'000);
    h.merge(other);
    CHECK(h.max() == 5'000'000);
    CHECK(h.count() == 10001);
    h.clear();
    CHECK(h.percentile(0.99) == 0);
}

TEST_CASE("the empty loop keeps time for the duration", "[rt]") {
    IdleTask idle;
    CyclicLoop<IdleTask> empty(idle, quiet(0.5, 0.05));
    empty.start();
    empty.join();
    CHECK(empty.final_snapshot().steps == 100);
}

namespace {
// A task that is not a cell: counts its ticks, checks they arrive in order, adds to a snapshot
// counter and asks to stop at tick 50.
struct CountingTask {
    std::uint64_t ticks = 0, out_of_order = 0;
    TickResult tick(std::uint64_t tick, TimingSnapshot& timing) noexcept {
        if (tick != ticks + 1)
            ++out_of_order;
        ++ticks;
        ++timing.late_inputs;  // stands for any counter a task keeps in the snapshot
        return {tick == 50, false};
    }
};
}  // namespace

TEST_CASE("the cyclic loop runs any task and stops when the task asks", "[rt]") {
    CountingTask task;
    CyclicLoop<CountingTask> loop(task, quiet(0.2, 0));  // until stopped
    loop.start();
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!loop.finished() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    loop.join();
    CHECK(task.ticks == 50);
    CHECK(task.out_of_order == 0);
    CHECK(loop.final_snapshot().steps == 49);  // the stopping tick is not counted
    CHECK(loop.final_snapshot().late_inputs == 50);
    CHECK(loop.final_snapshot().stopped);
}
