#pragma once
// A loop configuration for tests: no real-time privileges asked for, no memory locking, no
// warm-up, so that counts start at the first step.
#include "rt/loop_config.hpp"

namespace rtcell::rt {

inline LoopConfig quiet(double dt_ms, double duration_s) {
    LoopConfig c;
    c.dt_ms = dt_ms;
    c.duration_s = duration_s;
    c.priority = 0;  // tests do not ask for real-time privileges
    c.lock_memory = false;
    c.warmup_steps = 0;
    return c;
}

}  // namespace rtcell::rt
