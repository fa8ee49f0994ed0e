#include "tools/dashboard/kernel_link.hpp"

#include <zmq.hpp>

#include "tools/dashboard/control_client.hpp"

namespace rtcell::tools {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
constexpr int kMaxMessagesPerPass = 2000;  // then the control queue gets its turn
constexpr auto kListRetry = std::chrono::seconds(1);

// Every message waiting on the SUB socket (up to a pass's worth), into the hub.
void drain(zmq::socket_t& sub, StreamHub& hub) {
    for (int i = 0; i < kMaxMessagesPerPass; ++i) {
        zmq::message_t topic, payload;
        if (!sub.recv(topic, zmq::recv_flags::dontwait))
            return;
        StreamMessage m;
        if (topic.more() && sub.recv(payload, zmq::recv_flags::dontwait) && !payload.more())
            m = decode_stream_message(std::span<const std::uint8_t>(
                static_cast<const std::uint8_t*>(payload.data()), payload.size()));
        else
            m.error = "not two frames";
        while (payload.more() && sub.recv(payload, zmq::recv_flags::dontwait)) {
        }
        hub.message(topic.to_string(), m, Clock::now());
    }
}
}  // namespace

KernelLink::KernelLink(LinkOptions options, StreamHub& hub)
    : options_(std::move(options)), hub_(hub), thread_([this] { run(); }) {}

KernelLink::~KernelLink() {
    stop();
}

void KernelLink::stop() {
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
    std::deque<Waiting> left;
    {
        const std::lock_guard lock(mutex_);
        stopped_ = true;
        left.swap(waiting_);
    }
    for (auto& w : left)  // outside the lock: a reply may make another request
        w.reply({{"ok", false}, {"error", "the dashboard stopped"}});
}

void KernelLink::request(json request, Reply reply) {
    const char* refused = nullptr;
    {
        const std::lock_guard lock(mutex_);
        if (stopped_)
            refused = "the dashboard stopped";
        else if (waiting_.size() >= kMaxWaitingRequests)
            refused = "the dashboard has too many requests waiting";
        else
            waiting_.push_back({std::move(request), std::move(reply)});
    }
    if (refused)
        reply({{"ok", false}, {"error", refused}});
}

void KernelLink::run() {
    zmq::context_t context(1);
    zmq::socket_t sub(context, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::rcvhwm, 10000);
    sub.set(zmq::sockopt::subscribe, "");  // everything; the kernel answers with its metadata
    sub.connect(options_.publish);
    ControlClient control(
        context, std::chrono::milliseconds(static_cast<long>(options_.reply_timeout_s * 1000)));
    auto endpoint = [&] {
        return options_.control.empty() ? hub_.control_endpoint() : options_.control;
    };
    Clock::time_point last_list{};
    while (!stop_) {
        zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(20));
        drain(sub, hub_);
        const auto now = Clock::now();
        hub_.check(now);
        if (hub_.wants_list() && now - last_list > kListRetry) {
            last_list = now;
            json list = control.ask(endpoint(), {{"cmd", "list"}});
            if (list.value("ok", false))
                hub_.set_list(std::move(list));
        }
        std::optional<Waiting> next;
        {
            const std::lock_guard lock(mutex_);
            if (!waiting_.empty()) {
                next = std::move(waiting_.front());
                waiting_.pop_front();
            }
        }
        if (next)
            next->reply(hub_.status(now).state == LinkState::connected
                            ? control.ask(endpoint(), next->request)
                            : json{{"ok", false}, {"error", "the kernel is not connected"}});
    }
}

}  // namespace rtcell::tools
