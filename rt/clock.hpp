#pragma once
// The real-time thread's only system calls: CLOCK_MONOTONIC read (clock_gettime) and an
// absolute sleep on it (clock_nanosleep with TIMER_ABSTIME), with an optional busy-wait tail.
#include <cstdint>

namespace rtcell::rt {

std::int64_t now_ns();  // CLOCK_MONOTONIC [ns]
// Sleeps until `deadline` [ns, CLOCK_MONOTONIC], waking `spin_ns` early and spinning the rest.
void wait_until(std::int64_t deadline, std::int64_t spin_ns);

}  // namespace rtcell::rt
