#pragma once
// Waiting on the IO thread's ZeroMQ sockets with a timeout in nanoseconds. zmq::poll's timeout
// is in whole milliseconds, too coarse for a loop whose period is 25–50 µs, so this waits on
// the sockets' own notification descriptors (ZMQ_FD) with ppoll. Those descriptors only say
// that a socket's state may have changed; whether a message is there is ZMQ_EVENTS, which is
// asked before every wait so that none is slept through.
#include <poll.h>

#include <cstdint>
#include <vector>

namespace rtcell::io {

class SocketWaiter {
  public:
    // sockets: libzmq socket handles (zmq::socket_t::handle()), each read by the IO thread.
    explicit SocketWaiter(std::vector<void*> sockets);

    // True when some socket has a message to read now.
    bool ready() const;
    // Returns when a socket may have a message (true) or after timeout_ns [ns] (false). Returns
    // true at once when one is ready; with no sockets it only sleeps.
    bool wait(std::int64_t timeout_ns);

    // The IO thread says after each look at the sockets whether it found them all empty. A
    // socket found empty (zmq::poll's ZMQ_EVENTS, or a receive that failed with EAGAIN) has
    // taken its notification, and ZeroMQ raises ZMQ_FD again for the next message; so until
    // a socket is read or written again, wait() needs no ZMQ_EVENTS look before it blocks.
    // That look costs two system calls per socket, every period in io.wake schedule.
    void set_drained(bool drained) { drained_ = drained; }
    bool drained() const { return drained_; }

  private:
    std::vector<void*> sockets_;
    std::vector<pollfd> fds_;
    bool drained_ = false;
};

}  // namespace rtcell::io
