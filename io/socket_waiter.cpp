#include "io/socket_waiter.hpp"

#include <time.h>
#include <zmq.h>

namespace rtcell::io {

SocketWaiter::SocketWaiter(std::vector<void*> sockets) : sockets_(std::move(sockets)) {
    for (void* s : sockets_) {
        int fd = -1;
        std::size_t size = sizeof fd;
        if (zmq_getsockopt(s, ZMQ_FD, &fd, &size) == 0)
            fds_.push_back({fd, POLLIN, 0});
    }
}

bool SocketWaiter::ready() const {
    for (void* s : sockets_) {
        int events = 0;
        std::size_t size = sizeof events;
        if (zmq_getsockopt(s, ZMQ_EVENTS, &events, &size) == 0 && (events & ZMQ_POLLIN))
            return true;
    }
    return false;
}

bool SocketWaiter::wait(std::int64_t timeout_ns) {
    if (ready())
        return true;
    if (timeout_ns <= 0)
        return false;
    const timespec ts{static_cast<time_t>(timeout_ns / 1'000'000'000),
                      static_cast<long>(timeout_ns % 1'000'000'000)};
    return ppoll(fds_.data(), fds_.size(), &ts, nullptr) > 0;
}

}  // namespace rtcell::io
