#pragma once
// One browser's WebSocket on the dashboard's web-server thread. Every push interval it takes the
// browser's ViewFeed and what is new in the StreamHub, and queues one update (update_message); it
// reads the browser's requests (browser_request) and passes control requests to the KernelLink,
// whose replies come back through the session's executor.
//
// A browser that reads slowly or not at all cannot grow the dashboard's memory: at most
// `max_queued_bytes` of updates wait for it, later updates are dropped and counted (the page shows
// "dashboard behind"), and one that answers no ping within `idle_timeout` is closed.
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "tools/dashboard/kernel_link.hpp"
#include "tools/dashboard/stream_hub.hpp"
#include "tools/dashboard/view_feed.hpp"

namespace rtcell::tools {

// The web server's counters, for its /stats page and the tests.
struct DashboardCounters {
    std::atomic<std::uint64_t> sessions{0};  // open now
    std::atomic<std::uint64_t> sessions_total{0}, sessions_refused{0};
    std::atomic<std::uint64_t> updates_sent{0}, updates_dropped{0};
    std::atomic<std::uint64_t> queued_bytes{0};  // waiting for their browsers now, all sessions
    std::atomic<std::uint64_t> requests_refused{0};
};

struct SessionOptions {
    std::size_t max_queued_bytes = 4u << 20;
    std::chrono::milliseconds push_interval{50};
    std::chrono::seconds idle_timeout{10};
};

class BrowserSession : public std::enable_shared_from_this<BrowserSession> {
  public:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;

    BrowserSession(boost::asio::ip::tcp::socket socket, StreamHub& hub, KernelLink& link,
                   SessionOptions options, DashboardCounters& counters);
    ~BrowserSession();
    void start(Request upgrade);

  private:
    void on_accept(boost::beast::error_code ec);
    void read();
    void on_read(boost::beast::error_code ec);
    void handle(const std::string& text);
    void schedule_push();
    void push();
    // Queues a message; false (and nothing queued) when `limit` bytes already wait.
    bool send(std::string text, std::size_t limit);
    void write_next();
    void forget(std::size_t bytes);  // no longer waiting to be written
    void close();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer in_;
    boost::asio::steady_timer timer_;
    StreamHub& hub_;
    KernelLink& link_;
    SessionOptions options_;
    DashboardCounters& counters_;
    std::shared_ptr<ViewFeed> feed_;
    std::deque<std::string> out_;
    std::size_t out_bytes_ = 0;
    bool writing_ = false, closed_ = false;
    std::uint64_t metadata_version_ = 0, list_version_ = 0, telemetry_seen_ = 0;
    std::uint64_t updates_dropped_ = 0;
};

}  // namespace rtcell::tools
