#pragma once
// Real-time set-up of the calling thread, each step reported: memory locking, a pre-faulted
// stack, a timer slack of 1 ns, SCHED_FIFO at a priority, CPU affinity, and a thread name. Where a
// privilege is missing the loop still runs, and the report says which guarantee is lost.
#include <pthread.h>

#include <string>
#include <vector>

#include "rt/loop_config.hpp"

namespace rtcell::rt {

struct SetupReport {
    struct Item {
        std::string what;
        bool ok;
        std::string detail;  // why not, or what was done
    };
    std::vector<Item> items;
    bool all_ok() const {
        for (const auto& i : items)
            if (!i.ok)
                return false;
        return true;
    }
};

// Sets the calling thread's timer slack to 1 ns (prctl PR_SET_TIMERSLACK), so that its sleeps
// end at their deadline under the normal scheduler too; false if refused.
bool exact_timers_for_this_thread();
// Names the calling thread (visible in ps -L / top -H; at most 15 characters).
void name_this_thread(const char* name);
// SCHED_FIFO at `priority` (when > 0) and affinity to `cpu` (when ≥ 0) for any thread — the IO
// thread's, from the thread that starts it. Never throws; reports instead.
SetupReport schedule_thread(pthread_t thread, int priority, int cpu);
// Applies the configuration to the calling thread. Never throws; reports instead.
SetupReport setup_realtime_thread(const LoopConfig& config);

}  // namespace rtcell::rt
