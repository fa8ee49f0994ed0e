#pragma once
// How the deadline loop runs: a plain struct, checked once before the thread starts.
#include <cstdint>
#include <string>

namespace rtcell::rt {

enum class OverrunPolicy {
    catch_up,  // keep the schedule t0 + k·dt: late steps run back to back until caught up
    skip,      // jump to the next future deadline, counting the deadlines skipped
    stop,      // stop the loop at the first overrun
};
const char* overrun_policy_name(OverrunPolicy p);

// What the loop does when the model's numbers stop being finite (a model with `faulted()`).
enum class FaultPolicy {
    stop,  // stop the loop, as a stop request would
    hold,  // keep the schedule and answer control, but stop stepping the model: no spikes or
           // frames go out until a reset_state request clears the fault
};
const char* fault_policy_name(FaultPolicy p);

struct LoopConfig {
    double dt_ms = 0.025;     // period = the cell's time step
    double duration_s = 0;    // 0: until stopped
    int priority = 80;        // SCHED_FIFO priority (1–99); 0: leave the scheduler alone
    int cpu = -1;             // pin the real-time thread to this CPU; −1: no pinning
    double busy_wait_us = 0;  // spin for the last part of each wait instead of sleeping
    OverrunPolicy overrun = OverrunPolicy::catch_up;
    FaultPolicy fault = FaultPolicy::stop;
    std::size_t input_queue = 4096;  // records
    std::size_t output_queue = 8192;
    std::size_t control_queue = 256;
    std::uint64_t warmup_steps = 400;  // excluded from the timing statistics
    bool lock_memory = true;           // mlockall(MCL_CURRENT | MCL_FUTURE)
    double snapshot_interval_s = 0.5;  // how often timing figures go to the reporting thread
    std::uint32_t frame_every = 0;     // probe frames out every this many steps; 0: none
    // rtcell run: measure the empty loop (the platform's floor) this long before the run, and
    // publish it in the metadata; 0: after the run only. The loop itself does not read it.
    double floor_first_s = 0;

    // Throws std::invalid_argument naming the bad field.
    void validate() const;
};

}  // namespace rtcell::rt
