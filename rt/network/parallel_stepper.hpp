#pragma once
// ParallelStepper: steps something made of independent partitions (a Network: its partitions
// are whole groups of cells, independent within a step) on several threads at once. The
// calling thread steps partition 0; one worker thread per further partition, started here,
// pinned and scheduled as asked, spins until the next step begins, steps its partition and
// reports it done. step() returns when every partition has finished the step: a barrier per
// step, made of two atomic counters — no locks, no allocation, no system call on the step path.
// The workers spin between steps too (that is what keeps the barrier in the microseconds); they
// stop when the stepper is destroyed.
//
// Stepped needs `std::size_t partitions() const` and `void step_partition(std::size_t)`, the
// latter safe to call for different partitions at once, the next step only after this one.
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "rt/cpu_relax.hpp"
#include "rt/realtime_setup.hpp"

namespace rtcell::rt {

struct StepperOptions {
    std::vector<int> cpus;  // worker k (partition k + 1) is pinned to cpus[k] when given
    int priority = 0;       // SCHED_FIFO priority of the workers, 0 for the normal scheduler
};

template <class Stepped>
class ParallelStepper {
  public:
    explicit ParallelStepper(Stepped& s, const StepperOptions& o = {}) : s_(s) {
        for (std::size_t p = 1; p < s_.partitions(); ++p) {
            workers_.emplace_back([this, p] { work(p); });
            const int cpu = p - 1 < o.cpus.size() ? o.cpus[p - 1] : -1;
            if (cpu >= 0 || o.priority > 0)
                setup_.push_back(schedule_thread(workers_.back().native_handle(), o.priority, cpu));
        }
    }
    ~ParallelStepper() {
        stop_.store(true, std::memory_order_release);
        for (auto& w : workers_)
            w.join();
    }
    ParallelStepper(const ParallelStepper&) = delete;
    ParallelStepper& operator=(const ParallelStepper&) = delete;

    // One step of every partition.
    void step() noexcept {
        done_.store(0, std::memory_order_relaxed);
        generation_.fetch_add(1, std::memory_order_release);
        s_.step_partition(0);
        while (done_.load(std::memory_order_acquire) < workers_.size())
            cpu_relax();
    }
    std::size_t threads() const { return workers_.size() + 1; }
    // What pinning and scheduling the workers gave (one report per worker asked for either).
    const std::vector<SetupReport>& setup() const { return setup_; }

  private:
    void work(std::size_t p) noexcept {
        std::uint64_t seen = 0;
        for (;;) {
            while (generation_.load(std::memory_order_acquire) == seen) {
                if (stop_.load(std::memory_order_acquire))
                    return;
                cpu_relax();
            }
            ++seen;
            s_.step_partition(p);
            done_.fetch_add(1, std::memory_order_release);
        }
    }

    Stepped& s_;
    std::vector<std::thread> workers_;
    std::vector<SetupReport> setup_;
    alignas(64) std::atomic<std::uint64_t> generation_{0};
    alignas(64) std::atomic<std::size_t> done_{0};
    alignas(64) std::atomic<bool> stop_{false};
};

}  // namespace rtcell::rt
