#pragma once
// The cyclic real-time loop: one thread runs a task at absolute deadlines t0 + k·dt
// (CLOCK_MONOTONIC; see clock.hpp) and keeps the time. Each tick: wait for the deadline, run
// task.tick(), record wake-up latency and tick time, account overruns by the configured policy,
// and now and then hand a timing snapshot to the reporting thread. The loop knows nothing of
// what the task does; the task knows nothing of the clock.
//
// A task is any type with
//     TickResult tick(std::uint64_t tick, TimingSnapshot& timing) noexcept;
// tick counts loop periods from 1 (paused ones included); the task may add to the snapshot's
// counters (late inputs). ModelTask (model_task.hpp) steps a model; IdleTask (idle_task.hpp)
// does nothing, which measures the platform's floor with the very same loop.
//
// On the thread, the loop makes no heap allocation, takes no lock, throws nothing, logs
// nothing, and makes no system call but the clock's; a task must keep to the same rules.
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>

#include "rt/clock.hpp"
#include "rt/loop_thread.hpp"

namespace rtcell::rt {

struct TickResult {
    bool stop = false;    // end the loop after this tick
    bool paused = false;  // the task is paused (reported in the snapshots)
};

template <class T>
concept LoopTask = requires(T& task, std::uint64_t tick, TimingSnapshot& timing) {
    { task.tick(tick, timing) }
    noexcept->std::same_as<TickResult>;
};

template <LoopTask Task>
class CyclicLoop : public LoopThread {
  public:
    CyclicLoop(Task& task, LoopConfig config) : LoopThread(config), task_(task) {}
    ~CyclicLoop() override {
        request_stop();
        join();  // before the members the thread reads go away
    }
    // Starts the thread and waits until its real-time set-up is done.
    const SetupReport& start() {
        return launch([this] { run(); });
    }

  private:
    void run() noexcept;
    // Counts an overrun of the tick that ended at `end` [ns]; returns the next deadline index.
    std::uint64_t account_overrun(TimingSnapshot& T, std::int64_t end, std::int64_t t0,
                                  std::int64_t period, std::uint64_t k, bool& stop) noexcept;

    Task& task_;
};

template <LoopTask Task>
void CyclicLoop<Task>::run() noexcept {
    TimingSnapshot& T = timing();
    const auto period = static_cast<std::int64_t>(std::llround(config_.dt_ms * 1e6));
    const auto spin = static_cast<std::int64_t>(std::llround(config_.busy_wait_us * 1e3));
    const auto snapshot_every =
        std::max<std::uint64_t>(1, static_cast<std::uint64_t>(config_.snapshot_interval_s * 1e9 /
                                                              static_cast<double>(period)));
    const std::uint64_t last_tick =
        config_.duration_s > 0 ? static_cast<std::uint64_t>(std::llround(
                                     config_.duration_s * 1e9 / static_cast<double>(period)))
                               : UINT64_MAX;
    const std::int64_t t0 = now_ns() + period;
    set_first_deadline(t0);
    std::uint64_t k = 0;  // deadline index
    bool stop = false;
    while (!stop && !stop_requested() && k < last_tick) {
        const std::int64_t deadline = t0 + static_cast<std::int64_t>(k) * period;
        wait_until(deadline, spin);
        const std::int64_t start = now_ns();
        const TickResult r = task_.tick(T.steps + 1, T);
        if (r.stop)
            break;  // a stop control: this tick did no work and is not counted
        const std::int64_t end = now_ns();
        set_tick_done(deadline);  // after the task's outputs are on their queues

        ++T.steps;
        if (T.steps > config_.warmup_steps) {
            ++T.measured_steps;
            T.wake.record(start - deadline);
            T.compute.record(end - start);
            T.total.record(end - deadline);
        }
        const std::int64_t next = deadline + period;
        if (start > next)
            ++T.late_starts;
        ++k;
        if (end > next)
            k = account_overrun(T, end, t0, period, k, stop);
        T.elapsed_s = static_cast<double>(end - t0) * 1e-9;
        T.paused = r.paused;
        if (T.steps % snapshot_every == 0)
            publish(T);
    }
    finish(T);
}

template <LoopTask Task>
std::uint64_t CyclicLoop<Task>::account_overrun(TimingSnapshot& T, std::int64_t end,
                                                std::int64_t t0, std::int64_t period,
                                                std::uint64_t k, bool& stop) noexcept {
    const std::int64_t next = t0 + static_cast<std::int64_t>(k) * period;
    ++T.overruns;
    T.last_overrun_step = T.steps;
    T.last_overrun_ms = static_cast<double>(end - next) * 1e-6;
    T.recent_overruns[(T.overruns - 1) % TimingSnapshot::kRecentOverruns] = {
        T.steps, static_cast<double>(end - t0) * 1e-9, T.last_overrun_ms};
    if (config_.overrun == OverrunPolicy::stop) {
        stop = true;
    } else if (config_.overrun == OverrunPolicy::skip) {
        const auto due = static_cast<std::uint64_t>((end - t0) / period) + 1;  // next future
        if (due > k) {
            T.skipped += due - k;
            return due;
        }
    }
    return k;
}

}  // namespace rtcell::rt
