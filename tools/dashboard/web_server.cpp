#include "tools/dashboard/web_server.hpp"

#include "model/util/input_error.hpp"
#include "tools/dashboard/http_session.hpp"
#include "tools/dashboard/web_server_impl.hpp"

namespace rtcell::tools {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void WebServer::Impl::accept() {
    acceptor.async_accept([this](boost::beast::error_code ec, tcp::socket socket) {
        if (ec)
            return;  // the acceptor was closed: the server stops
        std::make_shared<HttpSession>(std::move(socket), *this)->start();
        accept();
    });
}

nlohmann::json WebServer::Impl::stats() const {
    const HubStatus s = hub.status(StreamHub::Clock::now());
    return {{"sessions", counters.sessions.load()},
            {"sessions_total", counters.sessions_total.load()},
            {"sessions_refused", counters.sessions_refused.load()},
            {"updates_sent", counters.updates_sent.load()},
            {"updates_dropped", counters.updates_dropped.load()},
            {"queued_bytes", counters.queued_bytes.load()},
            {"max_queued_bytes_per_session", options.session.max_queued_bytes},
            {"requests_refused", counters.requests_refused.load()},
            {"link",
             {{"state", link_state_name(s.state)},
              {"epoch", s.epoch},
              {"received", s.received},
              {"malformed", s.malformed},
              {"missed", s.missed}}}};
}

WebServer::WebServer(WebOptions options, std::map<std::string, WebFile> files, StreamHub& hub,
                     KernelLink& link)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(files), hub, link)) {
    Impl& s = *impl_;
    boost::beast::error_code ec;
    const auto address = asio::ip::make_address(s.options.address, ec);
    if (ec)
        throw InputError("--listen: '" + s.options.address + "' is not an IP address");
    const tcp::endpoint endpoint(address, s.options.port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        s.acceptor.bind(endpoint, ec);
    if (!ec)
        s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw InputError("--listen " + s.options.address + ":" +
                         std::to_string(s.options.port) + ": cannot listen (" + ec.message() +
                         ")");
    s.accept();
    s.thread = std::thread([&s] { s.context.run(); });
}

WebServer::~WebServer() {
    impl_->context.stop();  // every session's handlers are dropped with the context's queue
    impl_->thread.join();
}

unsigned short WebServer::port() const {
    return impl_->acceptor.local_endpoint().port();
}

const DashboardCounters& WebServer::counters() const {
    return impl_->counters;
}

nlohmann::json WebServer::stats() const {
    return impl_->stats();
}

}  // namespace rtcell::tools
