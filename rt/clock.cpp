#include "rt/clock.hpp"

#include <time.h>

namespace rtcell::rt {

std::int64_t now_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void wait_until(std::int64_t deadline, std::int64_t spin_ns) {
    const std::int64_t wake = deadline - spin_ns;
    if (wake > now_ns()) {
        timespec ts{static_cast<time_t>(wake / 1'000'000'000),
                    static_cast<long>(wake % 1'000'000'000)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) != 0) {
        }
    }
    while (spin_ns > 0 && now_ns() < deadline) {
    }
}

}  // namespace rtcell::rt
