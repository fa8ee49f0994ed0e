#pragma once
// What every cyclic loop has, whatever its task: the thread ("rtcell-rt") with its real-time
// set-up, the stop flags, and the timing figures it hands out — snapshots through an SPSC queue
// while it runs, the final figures after it ends. CyclicLoop<Task> (cyclic_loop.hpp) supplies
// the loop body.
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "rt/loop_config.hpp"
#include "rt/realtime_setup.hpp"
#include "rt/records.hpp"
#include "rt/spsc_ring.hpp"

namespace rtcell::rt {

class LoopThread {
  public:
    explicit LoopThread(LoopConfig config);  // validates the configuration (std::invalid_argument)
    virtual ~LoopThread();
    LoopThread(const LoopThread&) = delete;
    LoopThread& operator=(const LoopThread&) = delete;

    void request_stop() { stop_requested_.store(true, std::memory_order_relaxed); }
    void join();
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    // The loop's schedule: deadline k is first_deadline_ns() + k·dt [ns, CLOCK_MONOTONIC];
    // 0 until the thread has begun (another thread may wake on it: io.wake schedule).
    std::int64_t first_deadline_ns() const {
        return first_deadline_.load(std::memory_order_acquire);
    }

    // The deadline [ns, CLOCK_MONOTONIC] of the last tick that has finished (0 before the first):
    // a thread that waits for a tick's outputs spins on it (io.wake schedule).
    std::int64_t last_tick_deadline_ns() const {
        return last_tick_deadline_.load(std::memory_order_acquire);
    }

    bool poll(TimingSnapshot& t) { return snapshots_.pop(t); }
    std::uint64_t dropped_snapshots() const { return snapshots_.dropped(); }
    // The figures at the end of the run (valid after join()).
    const TimingSnapshot& final_snapshot() const { return *final_; }
    const LoopConfig& config() const { return config_; }
    const SetupReport& setup_report() const { return setup_; }

  protected:
    // Starts the thread: real-time set-up, then `body`; returns when the set-up is done.
    const SetupReport& launch(std::function<void()> body);
    bool stop_requested() const { return stop_requested_.load(std::memory_order_relaxed); }
    void set_first_deadline(std::int64_t t0) {
        first_deadline_.store(t0, std::memory_order_release);
    }
    void set_tick_done(std::int64_t deadline) {
        last_tick_deadline_.store(deadline, std::memory_order_release);
    }
    TimingSnapshot& timing() { return *timing_; }
    void publish(const TimingSnapshot& t) { snapshots_.push(t); }
    void finish(const TimingSnapshot& t);  // the final figures; finished() becomes true

    LoopConfig config_;

  private:
    SetupReport setup_;
    SpscRing<TimingSnapshot> snapshots_;
    std::unique_ptr<TimingSnapshot> timing_, final_;
    std::thread thread_;
    std::atomic<bool> stop_requested_{false}, finished_{false}, ready_{false};
    std::atomic<std::int64_t> first_deadline_{0}, last_tick_deadline_{0};
};

}  // namespace rtcell::rt
