#include "rt/loop_config.hpp"

#include <stdexcept>

namespace rtcell::rt {

const char* overrun_policy_name(OverrunPolicy p) {
    switch (p) {
        case OverrunPolicy::catch_up:
            return "catch_up";
        case OverrunPolicy::skip:
            return "skip";
        case OverrunPolicy::stop:
            return "stop";
    }
    return "catch_up";
}

const char* fault_policy_name(FaultPolicy p) {
    return p == FaultPolicy::hold ? "hold" : "stop";
}

void LoopConfig::validate() const {
    // At least 1 µs: the period is whole nanoseconds, and nothing steps faster in real time.
    if (!(dt_ms >= 1e-3) || dt_ms > 1000)
        throw std::invalid_argument("realtime: dt must be in [0.001, 1000] ms");
    if (!(duration_s >= 0))
        throw std::invalid_argument("realtime: duration must not be negative");
    if (priority < 0 || priority > 99)
        throw std::invalid_argument("realtime.priority must be in 0..99");
    if (!(busy_wait_us >= 0) || busy_wait_us > dt_ms * 1000)
        throw std::invalid_argument("realtime.busy_wait must be between 0 and dt");
    if (input_queue < 2 || output_queue < 2 || control_queue < 2)
        throw std::invalid_argument("realtime.queues: every queue needs at least 2 records");
    if (!(snapshot_interval_s > 0))
        throw std::invalid_argument("realtime: snapshot interval must be positive");
}

}  // namespace rtcell::rt
