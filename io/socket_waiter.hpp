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

  private:
    std::vector<void*> sockets_;
    std::vector<pollfd> fds_;
};

}  // namespace rtcell::io
