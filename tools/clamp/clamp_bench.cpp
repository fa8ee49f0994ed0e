#include "tools/clamp/clamp_bench.hpp"

#include <atomic>
#include <chrono>
#include <iomanip>
#include <ostream>
#include <string>
#include <thread>

#include <unistd.h>

#include "io/clamp_shared_memory.hpp"
#include "model/clamp/dynamic_clamp.hpp"
#include "model/clamp/live_membrane.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/idle_task.hpp"
#include "rt/latency_histogram.hpp"

namespace rtcell::tools {
namespace {

using clk = std::chrono::steady_clock;

std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(clk::now().time_since_epoch())
        .count();
}

void spin_until(std::int64_t t) {
    while (now() < t) {
    }
}

rt::LoopConfig loop_config(double dt_ms, double duration_s) {
    rt::LoopConfig c;
    c.dt_ms = dt_ms;
    c.duration_s = duration_s;
    c.priority = 80;  // where permitted; the report says whether it was
    c.lock_memory = false;
    c.warmup_steps = 0;
    return c;
}

// The live membrane of the bench: HCN and HH on a 3000 µm² cell (the example's, a bit more).
Cell bench_membrane(double dt_ms) {
    CellOptions o;
    o.live = LiveMembraneOptions{2.0};
    o.V_th = -20;
    Cell c(live_membrane_morphology(3000), o);
    c.paint(reg::all(), Density{"HCN_HM1992", {}}, Density{"hh", {}});
    c.set_dt(dt_ms);
    c.init_state();
    return c;
}

// Round trips: a sample at a random phase of the period, then a spin until its command.
rt::LatencyHistogram round_trips(rt::ClampExchange& x, int trips, std::int64_t period_ns,
                                 std::uint64_t& timeouts) {
    rt::LatencyHistogram h;
    std::uint64_t lcg = 12345;
    for (int k = 1; k <= trips; ++k) {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        spin_until(now() +
                   static_cast<std::int64_t>((lcg >> 33) % static_cast<std::uint64_t>(period_ns)));
        const std::int64_t t0 = now();
        rt::write_sample(x, {static_cast<std::uint64_t>(k), -65.0 + (k % 40)});
        rt::ClampCommand c;
        while (!(rt::read_command(x, c) && c.sample_index == static_cast<std::uint64_t>(k))) {
            if (now() - t0 > 1'000'000'000) {
                ++timeouts;
                break;
            }
        }
        h.record(now() - t0);
    }
    return h;
}

// The bare transport: a thread echoes every new sample as a command at once.
rt::LatencyHistogram bare_transport(int trips, std::int64_t period_ns) {
    rt::ClampExchange x;
    std::atomic<bool> stop{false};
    std::thread echo([&] {
        std::uint64_t last = 0;
        rt::ClampSample s;
        while (!stop.load(std::memory_order_relaxed))
            if (rt::read_sample(x, s) && s.index != last) {
                last = s.index;
                rt::write_command(x, {s.index, s.index, 0.0, rt::clamp_flag::on});
            }
    });
    std::uint64_t timeouts = 0;
    rt::LatencyHistogram h = round_trips(x, trips, period_ns, timeouts);
    stop = true;
    echo.join();
    return h;
}

struct ClampFigures {
    rt::LatencyHistogram trip, bare, floor_wake;
    std::uint64_t timeouts = 0, overruns = 0, floor_overruns = 0, steps = 0;
    bool realtime = false;
};

ClampFigures measure_round_trip(double dt_ms, int trips) {
    ClampFigures f;
    const auto period_ns = static_cast<std::int64_t>(dt_ms * 1e6);
    f.bare = bare_transport(trips, period_ns);
    io::ClampSharedMemory shm = io::ClampSharedMemory::create(
        "/rtcell-bench-" + std::to_string(static_cast<long>(::getpid())), dt_ms);
    io::ClampSharedMemory bridge_side = io::ClampSharedMemory::open(shm.name());
    Cell live = bench_membrane(dt_ms);
    DynamicClamp clamp(live, nullptr, {});
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::DeadlineLoop<Cell> loop(live, loop_config(dt_ms, 0));
    loop.attach_clamp(hook, shm.exchange(), rt::ClampSafety{10.0, 0, 0});
    const rt::SetupReport& setup = loop.start();
    for (const auto& item : setup.items)
        if (item.what.find("priority") != std::string::npos ||
            item.what.find("FIFO") != std::string::npos)
            f.realtime = item.ok;
    f.trip = round_trips(bridge_side.exchange(), trips, period_ns, f.timeouts);
    loop.request_stop();
    loop.join();
    f.overruns = loop.final_snapshot().overruns;
    f.steps = loop.final_snapshot().steps;
    // The empty loop for as long, same period and priority.
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> empty(
        idle, loop_config(dt_ms, static_cast<double>(f.steps) * dt_ms * 1e-3));
    empty.start();
    empty.join();
    f.floor_wake = empty.final_snapshot().wake;
    f.floor_overruns = empty.final_snapshot().overruns;
    return f;
}

// A bridge paced by its own clock, half a period out of phase with the kernel's.
std::uint64_t paced_late_samples(double dt_ms, double seconds, std::uint64_t& samples,
                                 std::uint64_t& overruns) {
    io::ClampSharedMemory shm = io::ClampSharedMemory::create(
        "/rtcell-bench-paced-" + std::to_string(static_cast<long>(::getpid())), dt_ms);
    Cell live = bench_membrane(dt_ms);
    DynamicClamp clamp(live, nullptr, {});
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::DeadlineLoop<Cell> loop(live, loop_config(dt_ms, seconds));
    loop.attach_clamp(hook, shm.exchange(), rt::ClampSafety{10.0, 0, 0});
    const auto period_ns = static_cast<std::int64_t>(dt_ms * 1e6);
    std::thread bridge([&] {
        std::int64_t next = now();
        std::uint64_t k = 0;
        while (!loop.finished()) {
            rt::write_sample(shm.exchange(), {++k, -65.0});
            next += period_ns;
            spin_until(next);
        }
        samples = k;
    });
    rt::write_sample(shm.exchange(), {0, -65.0});
    loop.start();
    loop.join();
    bridge.join();
    overruns = loop.final_snapshot().overruns;
    return shm.exchange().late_samples.load();
}

void row(std::ostream& out, const char* what, const rt::LatencyHistogram& h) {
    out << "  " << std::left << std::setw(40) << what << std::right << std::fixed
        << std::setprecision(1) << std::setw(9) << h.percentile(0.5) * 1e-3 << std::setw(9)
        << h.percentile(0.99) * 1e-3 << std::setw(10) << h.max() * 1e-3 << "\n";
}

}  // namespace

int bench_clamp(bool quick, double paced_seconds, std::ostream& out, std::ostream&) {
    const int trips = quick ? 2000 : 20000;
    for (const double dt_ms : {0.05, 0.025}) {
        const ClampFigures f = measure_round_trip(dt_ms, trips);
        const double period_us = dt_ms * 1e3;
        out << std::defaultfloat << std::setprecision(6)
            << "dynamic clamp over shared memory, period " << period_us << " us (" << 1.0 / dt_ms
            << " kHz), " << trips << " round trips, SCHED_FIFO "
            << (f.realtime ? "granted" : "NOT granted (normal scheduler)") << "\n"
            << "  " << std::left << std::setw(40) << "[us]" << std::right << std::setw(9) << "p50"
            << std::setw(9) << "p99" << std::setw(10) << "max"
            << "\n";
        row(out, "sample in -> command out (rtcell)", f.trip);
        row(out, "bare transport (echo thread)", f.bare);
        row(out, "empty loop wake-up latency", f.floor_wake);
        const double bound = period_us + static_cast<double>(f.floor_wake.percentile(0.99)) * 1e-3;
        const double p99 = static_cast<double>(f.trip.percentile(0.99)) * 1e-3;
        out << std::setprecision(1) << "  target p99 <= period + floor wake-up p99 = " << bound
            << " us: " << (p99 <= bound ? "met" : "NOT met") << " (p99 " << p99 << " us); "
            << f.timeouts << " time-outs, overruns " << f.overruns << " (empty loop "
            << f.floor_overruns << ")\n";
    }
    std::uint64_t samples = 0, overruns = 0;
    const std::uint64_t late = paced_late_samples(0.05, paced_seconds, samples, overruns);
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> empty(idle, loop_config(0.05, paced_seconds));
    empty.start();
    empty.join();
    out << std::defaultfloat << std::setprecision(6) << "paced bridge at 20 kHz for "
        << paced_seconds << " s: " << samples << " samples, " << late
        << " late samples, kernel overruns " << overruns << "; empty loop overruns "
        << empty.final_snapshot().overruns << " over the same time\n";
    return 0;
}

}  // namespace rtcell::tools
