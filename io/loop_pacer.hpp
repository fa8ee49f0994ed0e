#pragma once
// io.wake schedule: the IO thread's passes timed by the real-time loop's schedule instead of
// sleeps of its own. The real-time thread may not make a system call to say that it has an
// output, so the IO thread has to look for one, and this looks once per period at the right
// moment: it blocks on the sockets until the loop's next deadline (a message wakes it at once,
// so an input is on the queue for the next tick), then spins until that tick has finished (at
// most three quarters of a period past its deadline), and the pass that follows sends the
// tick's outputs within microseconds of their making.
#include <cstdint>

#include "io/socket_waiter.hpp"
#include "rt/loop_thread.hpp"

namespace rtcell::io {

class LoopPacer {
  public:
    // Returns when a socket may have a message, or when the tick due next has finished (or
    // three quarters of a period after its deadline, if it has not).
    void wait(const rt::LoopThread& loop, SocketWaiter& sockets);

    // The deadline [ns] of the tick a pass waits for: the one after the last finished (`done`,
    // 0 before the first) and after the last served, but never one more than a period before
    // `now` — a loop running late is waited for, not raced through. t0: the loop's first.
    static std::int64_t next_deadline(std::int64_t t0, std::int64_t period, std::int64_t done,
                                      std::int64_t served, std::int64_t now);

  private:
    std::int64_t served_ = 0;  // the deadline of the last tick a pass was timed for [ns]
};

}  // namespace rtcell::io
