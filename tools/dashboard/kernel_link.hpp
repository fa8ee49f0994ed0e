#pragma once
// The dashboard's one ZeroMQ thread: a SUB socket on the kernel's PUB stream, whose messages go to
// the StreamHub, and a REQ socket on its control socket, for the browsers' requests. A request
// waits at most `reply_timeout` for its reply; then the REQ socket is closed and opened afresh
// (REQ allows no second request before the first reply) and the browser is told. ZeroMQ
// reconnects both sockets by itself when a kernel restarts on the same endpoints.
//
// The dashboard is not real-time and the kernel never waits for it: the SUB socket's receive
// high-water mark bounds what queues here, and a slow dashboard loses messages, which the
// sequence numbers show as gaps (HubStatus::missed).
#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "tools/dashboard/stream_hub.hpp"

namespace rtcell::tools {

struct LinkOptions {
    std::string publish = "tcp://127.0.0.1:5556";
    std::string control;  // "" : the endpoint the kernel's metadata names
    double reply_timeout_s = 1;
};

class KernelLink {
  public:
    using Reply = std::function<void(nlohmann::json)>;
    static constexpr std::size_t kMaxWaitingRequests = 64;

    KernelLink(LinkOptions options, StreamHub& hub);
    ~KernelLink();  // stop()
    // Stops the thread; requests still waiting, and any made later, are answered at once with
    // an error. Call it while whoever receives replies still exists (the web server).
    void stop();
    KernelLink(const KernelLink&) = delete;
    KernelLink& operator=(const KernelLink&) = delete;

    // Queues a control request; `reply` is called on the link thread with the kernel's reply, or
    // with {"ok": false, "error": ...} when it cannot be sent or none comes in time.
    void request(nlohmann::json request, Reply reply);

  private:
    struct Waiting {
        nlohmann::json request;
        Reply reply;
    };
    void run();

    LinkOptions options_;
    StreamHub& hub_;
    std::mutex mutex_;
    std::deque<Waiting> waiting_;
    std::atomic<bool> stop_{false};
    bool stopped_ = false;  // under mutex_: requests are refused
    std::thread thread_;
};

}  // namespace rtcell::tools
