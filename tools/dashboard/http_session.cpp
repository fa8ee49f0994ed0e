#include "tools/dashboard/http_session.hpp"

#include <boost/beast/websocket.hpp>

#include "tools/dashboard/web_server_impl.hpp"

namespace rtcell::tools {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {
constexpr std::size_t kHeaderLimit = 16 * 1024, kBodyLimit = 16 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(15);

std::string_view view(beast::string_view s) {  // Boost 1.74's string_view is its own
    return {s.data(), s.size()};
}

bool same_secret(std::string_view a, std::string_view b) {  // time independent of where they differ
    unsigned diff = a.size() != b.size();
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]);
    return diff == 0;
}

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

std::string query_value(std::string_view target, std::string_view key) {
    const auto q = target.find('?');
    if (q == std::string_view::npos)
        return "";
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        if (pair.substr(0, key.size()) == key && pair.size() > key.size() &&
            pair[key.size()] == '=')
            return std::string(pair.substr(key.size() + 1));
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
    return "";
}

// The value of cookie `key` in a Cookie header ("a=1; rtcell_token=…").
std::string cookie_value(std::string_view header, std::string_view key) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        std::string_view pair = header.substr(0, semi);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        if (pair.size() > key.size() && pair.substr(0, key.size()) == key &&
            pair[key.size()] == '=')
            return std::string(pair.substr(key.size() + 1));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    }
    return "";
}

// Host names a browser on this machine uses for a loopback server, with or without the port.
bool loopback_host(std::string_view host) {
    std::string_view name = host;
    if (!name.empty() && name.front() == '[')
        name = name.substr(0, name.find(']') + 1);
    else
        name = name.substr(0, name.find(':'));
    return name == "127.0.0.1" || name == "localhost" || name == "[::1]";
}

// Why a request may not be answered ("" when it may).
std::string refusal(const http::request<http::string_body>& req, const WebOptions& o) {
    const std::string_view host = view(req[http::field::host]);
    if (!o.token.empty()) {  // the printed address's ?token=, or the cookie its page set
        const bool ok =
            same_secret(query_value(view(req.target()), "token"), o.token) ||
            same_secret(cookie_value(view(req[http::field::cookie]), "rtcell_token"), o.token);
        if (!ok)
            return "this dashboard needs its access token: open the address it printed";
    } else if (!loopback_host(host)) {
        return "this dashboard serves this machine only: open http://127.0.0.1:" +
               std::to_string(o.port) + "/";
    }
    const std::string_view origin = view(req[http::field::origin]);
    if (beast::websocket::is_upgrade(req) && !origin.empty() &&
        origin != "http://" + std::string(host))
        return "a WebSocket from another site's page is refused";
    return "";
}
}  // namespace

HttpSession::HttpSession(boost::asio::ip::tcp::socket socket, WebServer::Impl& server)
    : stream_(std::move(socket)), server_(server) {}

void HttpSession::start() {
    read();
}

void HttpSession::read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    stream_.expires_after(kRequestTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void HttpSession::on_read(beast::error_code ec) {
    if (ec) {  // closed, timed out, or not HTTP: nothing to answer
        beast::error_code ignored;
        stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        return;
    }
    Request req = parser_->release();
    const bool upgrade = beast::websocket::is_upgrade(req) && path_of(view(req.target())) == "/ws";
    if (upgrade && refusal(req, server_.options).empty()) {
        if (server_.counters.sessions >= server_.options.max_sessions) {
            ++server_.counters.sessions_refused;
            return write(plain(http::status::service_unavailable,
                               "too many browsers watch this dashboard", req));
        }
        stream_.expires_never();  // the WebSocket keeps its own time-outs
        std::make_shared<BrowserSession>(stream_.release_socket(), server_.hub, server_.link,
                                         server_.options.session, server_.counters)
            ->start(std::move(req));
        return;
    }
    write(answer(req));
}

HttpSession::Response HttpSession::answer(const Request& req) {
    if (const std::string why = refusal(req, server_.options); !why.empty()) {
        ++server_.counters.requests_refused;
        return plain(http::status::forbidden, why, req);
    }
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return plain(http::status::method_not_allowed, "only GET", req);
    const std::string path(path_of(view(req.target())));
    if (path == "/stats") {
        Response r = plain(http::status::ok, server_.stats().dump(), req);
        r.set(http::field::content_type, "application/json");
        return r;
    }
    const auto file = server_.files.find(path);
    if (file == server_.files.end())
        return plain(http::status::not_found, "no such page: " + path, req);
    Response r = plain(http::status::ok, file->second.body, req);
    r.set(http::field::content_type, file->second.content_type);
    if (!server_.options.token.empty())  // so the page's scripts and styles need no ?token=
        r.set(http::field::set_cookie,
              "rtcell_token=" + server_.options.token + "; HttpOnly; SameSite=Strict; Path=/");
    return r;
}

HttpSession::Response HttpSession::plain(http::status status, const std::string& text,
                                         const Request& req) {
    Response r{status, req.version()};
    r.set(http::field::server, "rtcell-dashboard");
    r.set(http::field::content_type, "text/plain; charset=utf-8");
    r.set(http::field::cache_control, "no-store");
    r.keep_alive(req.keep_alive());
    r.body() = req.method() == http::verb::head ? "" : text;
    r.prepare_payload();
    return r;
}

void HttpSession::write(Response response) {
    auto r = std::make_shared<Response>(std::move(response));
    http::async_write(stream_, *r,
                      [self = shared_from_this(), r](beast::error_code ec, std::size_t) {
                          if (ec || !r->keep_alive()) {
                              beast::error_code ignored;
                              self->stream_.socket().shutdown(
                                  boost::asio::ip::tcp::socket::shutdown_send, ignored);
                              return;
                          }
                          self->read();
                      });
}

}  // namespace rtcell::tools
