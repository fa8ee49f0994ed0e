#include "io/loop_pacer.hpp"

#include <algorithm>
#include <cmath>

#include "rt/clock.hpp"
#include "rt/cpu_relax.hpp"

namespace rtcell::io {

std::int64_t LoopPacer::next_deadline(std::int64_t t0, std::int64_t period, std::int64_t done,
                                      std::int64_t served, std::int64_t now) {
    const std::int64_t latest = now < t0 ? t0 : t0 + (now - t0) / period * period;
    return std::max({done ? done + period : t0, served ? served + period : t0, latest});
}

void LoopPacer::wait(const rt::LoopThread& loop, SocketWaiter& sockets) {
    const std::int64_t t0 = loop.first_deadline_ns();
    const auto period = static_cast<std::int64_t>(std::llround(loop.config().dt_ms * 1e6));
    if (t0 == 0 || period <= 0) {  // the loop has not begun
        sockets.wait(100'000);
        return;
    }
    std::int64_t now = rt::now_ns();
    const std::int64_t next = next_deadline(t0, period, loop.last_tick_deadline_ns(), served_, now);
    if (sockets.wait(next - now))
        return;  // a message: a pass now, and the same tick next time
    served_ = next;
    // Up to three quarters of a period: the real-time thread's own wake-up latency comes first.
    const std::int64_t give_up = next + period * 3 / 4;
    while (loop.last_tick_deadline_ns() < next && (now = rt::now_ns()) < give_up)
        rt::cpu_relax();
}

}  // namespace rtcell::io
