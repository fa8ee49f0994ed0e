#include "tools/dashboard/browser_session.hpp"

#include <boost/asio/post.hpp>

#include "tools/dashboard/browser_request.hpp"
#include "tools/dashboard/update_message.hpp"

namespace rtcell::tools {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;

BrowserSession::BrowserSession(boost::asio::ip::tcp::socket socket, StreamHub& hub,
                               KernelLink& link, SessionOptions options,
                               DashboardCounters& counters)
    : ws_(std::move(socket)), timer_(ws_.get_executor()), hub_(hub), link_(link),
      options_(options), counters_(counters), feed_(std::make_shared<ViewFeed>()) {
    ++counters_.sessions;
    ++counters_.sessions_total;
}

BrowserSession::~BrowserSession() {
    forget(out_bytes_);
    --counters_.sessions;
}

void BrowserSession::start(Request upgrade) {
    websocket::stream_base::timeout t{};
    t.handshake_timeout = std::chrono::seconds(10);
    t.idle_timeout = options_.idle_timeout;  // a ping at half of it; no answer: closed
    t.keep_alive_pings = true;
    ws_.set_option(t);
    ws_.read_message_max(64 * 1024);  // the browser's requests are small
    ws_.async_accept(upgrade, [self = shared_from_this()](beast::error_code ec) {
        self->on_accept(ec);
    });
}

void BrowserSession::on_accept(beast::error_code ec) {
    if (ec)
        return close();
    hub_.attach(feed_);
    read();
    push();  // the first update at once: metadata, list and the telemetry history
}

void BrowserSession::read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        self->on_read(ec);
    });
}

void BrowserSession::on_read(beast::error_code ec) {
    if (ec)
        return close();  // closed, vanished, or a message over the limit
    const std::string text = beast::buffers_to_string(in_.data());
    in_.consume(in_.size());
    handle(text);
    read();
}

void BrowserSession::handle(const std::string& text) {
    BrowserRequest r = parse_browser_request(text);
    if (r.kind == BrowserRequest::Kind::view) {
        feed_->choose(r.view);
    } else if (r.kind == BrowserRequest::Kind::control) {
        std::weak_ptr<BrowserSession> weak = shared_from_this();
        auto executor = ws_.get_executor();
        link_.request(r.control, [weak, executor, id = r.id](json reply) {
            boost::asio::post(executor, [weak, id, reply = std::move(reply)] {
                if (const auto self = weak.lock())
                    self->send(json{{"type", "reply"}, {"id", id}, {"reply", reply}}.dump(
                                   -1, ' ', false, json::error_handler_t::replace),
                               2 * self->options_.max_queued_bytes);
            });
        });
    } else {
        ++counters_.requests_refused;
        send(json{{"type", "error"}, {"error", r.error}}.dump(-1, ' ', false,
                                                              json::error_handler_t::replace),
             2 * options_.max_queued_bytes);
    }
}

void BrowserSession::schedule_push() {
    timer_.expires_after(options_.push_interval);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec)
            self->push();
    });
}

void BrowserSession::push() {
    if (closed_)
        return;
    const std::uint64_t metadata_before = metadata_version_, list_before = list_version_,
                        telemetry_before = telemetry_seen_;
    UpdateParts parts;
    parts.link = hub_.status(StreamHub::Clock::now());
    parts.view = feed_->take();
    parts.metadata = hub_.metadata_if_newer(metadata_version_);
    parts.list = hub_.list_if_newer(list_version_);
    parts.telemetry = hub_.telemetry_since(telemetry_seen_);
    parts.updates_dropped = updates_dropped_;
    if (send(update_message(parts), options_.max_queued_bytes)) {
        ++counters_.updates_sent;
    } else {
        // Dropped: its data is lost (counted), but what changes rarely goes with the next one.
        metadata_version_ = metadata_before;
        list_version_ = list_before;
        telemetry_seen_ = telemetry_before;
        ++updates_dropped_;
        ++counters_.updates_dropped;
    }
    schedule_push();
}

bool BrowserSession::send(std::string text, std::size_t limit) {
    if (closed_ || out_bytes_ + text.size() > limit)
        return false;
    out_bytes_ += text.size();
    counters_.queued_bytes += text.size();
    out_.push_back(std::move(text));
    if (!writing_)
        write_next();
    return true;
}

void BrowserSession::write_next() {
    if (out_.empty() || closed_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(out_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->forget(self->out_.front().size());
                        self->out_.pop_front();
                        if (ec)
                            self->close();
                        self->write_next();
                    });
}

void BrowserSession::forget(std::size_t bytes) {
    out_bytes_ -= bytes;
    counters_.queued_bytes -= bytes;
}

void BrowserSession::close() {
    if (closed_)
        return;
    closed_ = true;
    timer_.cancel();
    if (!writing_) {  // else the write in flight still reads out_.front(); it ends with an error
        forget(out_bytes_);
        out_.clear();
    }
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace rtcell::tools
