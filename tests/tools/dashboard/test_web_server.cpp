// The dashboard's web server in-process: what it serves and refuses, the WebSocket's messages,
// and its memory under a browser that stops reading or vanishes. Every wait is for a condition
// with a generous time-out.
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "tools/dashboard/kernel_link.hpp"
#include "tools/dashboard/web_files.hpp"
#include "tools/dashboard/web_server.hpp"

using namespace rtcell;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;
using nlohmann::json;

namespace {
bool eventually(const std::function<bool()>& condition, double seconds = 60) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

// A dashboard with no kernel behind it (its link subscribes to an endpoint nobody binds).
struct Dashboard {
    tools::StreamHub hub{3.0};
    tools::KernelLink link;
    tools::WebServer server;

    ~Dashboard() { link.stop(); }  // while the server still takes its replies
    explicit Dashboard(tools::WebOptions o = {})
        : link({"ipc:///tmp/rtcell-dashboard-test-" + std::to_string(getpid()), "", 0.2}, hub),
          server(with_any_port(o), tools::load_web_files(tools::default_web_dir()), hub, link) {}
    static tools::WebOptions with_any_port(tools::WebOptions o) {
        o.port = 0;
        return o;
    }
    std::string host() const { return "127.0.0.1:" + std::to_string(server.port()); }
};

struct Reply {
    int status;
    std::string body;
};

Reply get(const Dashboard& d, const std::string& target, const std::string& host = "",
          http::verb verb = http::verb::get, const std::string& cookie = "") {
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), d.server.port()));
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, host.empty() ? d.host() : host);
    if (!cookie.empty())
        req.set(http::field::cookie, cookie);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return {static_cast<int>(res.result_int()), res.body()};
}

using Socket = websocket::stream<tcp::socket>;
std::unique_ptr<Socket> open_ws(boost::asio::io_context& io, const Dashboard& d,
                                const std::string& origin = "") {
    auto ws = std::make_unique<Socket>(io);
    ws->next_layer().connect(
        tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), d.server.port()));
    ws->set_option(websocket::stream_base::decorator([origin](websocket::request_type& r) {
        if (!origin.empty())
            r.set(http::field::origin, origin);
    }));
    ws->handshake(d.host(), "/ws");
    return ws;
}

json read_json(Socket& ws) {
    beast::flat_buffer b;
    ws.read(b);
    return json::parse(beast::buffers_to_string(b.data()));
}

json next_of_type(Socket& ws, const std::string& type) {
    for (;;) {
        json m = read_json(ws);
        if (m["type"] == type)
            return m;
    }
}
}  // namespace

TEST_CASE("the dashboard serves its page and /stats, and nothing else", "[dashboard]") {
    Dashboard d;
    const Reply page = get(d, "/");
    CHECK(page.status == 200);
    CHECK(page.body.find("rtcell dashboard") != std::string::npos);
    CHECK(get(d, "/uPlot.iife.min.js").status == 200);
    const Reply stats = get(d, "/stats");
    REQUIRE(stats.status == 200);
    CHECK(json::parse(stats.body)["link"]["state"] == "waiting");
    CHECK(get(d, "/../../etc/passwd").status == 404);
    CHECK(get(d, "/index.html/..").status == 404);
    CHECK(get(d, "/", "", http::verb::post).status == 405);
}

TEST_CASE("only this machine's browsers, or the token's holders, are answered", "[dashboard]") {
    Dashboard d;
    CHECK(get(d, "/", "evil.example:8080").status == 403);  // DNS rebinding
    CHECK(get(d, "/", "localhost:1").status == 200);
    boost::asio::io_context io;
    CHECK_THROWS(open_ws(io, d, "http://evil.example"));  // another site's page
    CHECK_NOTHROW(open_ws(io, d, "http://" + d.host()));

    tools::WebOptions o;
    o.token = "s3cret";
    Dashboard guarded(o);
    CHECK(get(guarded, "/").status == 403);
    CHECK(get(guarded, "/?token=wrong").status == 403);
    CHECK(get(guarded, "/?token=s3cret").status == 200);
    CHECK(get(guarded, "/stats?x=1&token=s3cret").status == 200);
    // The page's scripts come without ?token=: the cookie the page set carries it.
    CHECK(get(guarded, "/dashboard.js", "", http::verb::get, "a=1; rtcell_token=s3cret").status ==
          200);
    CHECK(get(guarded, "/dashboard.js", "", http::verb::get, "rtcell_token=s3cre").status == 403);
}

TEST_CASE("a browser gets updates and answers to its requests", "[dashboard]") {
    Dashboard d;
    boost::asio::io_context io;
    auto ws = open_ws(io, d);
    const json first = next_of_type(*ws, "update");
    CHECK(first["link"]["state"] == "waiting");
    CHECK(first["buckets"]["t"].empty());
    ws->write(
        boost::asio::buffer(std::string(R"({"type":"control","id":9,"request":{"cmd":"pause"}})")));
    const json reply = next_of_type(*ws, "reply");
    CHECK(reply["id"] == 9);
    CHECK(reply["reply"]["ok"] == false);  // no kernel: said, not hung
    CHECK(reply["reply"]["error"] == "the kernel is not connected");
    ws->write(
        boost::asio::buffer(std::string(R"({"type":"control","id":1,"request":{"cmd":"stop"}})")));
    CHECK(next_of_type(*ws, "error")["error"].get<std::string>().find("stop") != std::string::npos);
    ws->write(boost::asio::buffer(std::string("{not json")));
    CHECK_FALSE(next_of_type(*ws, "error")["error"].get<std::string>().empty());
    CHECK(eventually([&] { return d.server.counters().requests_refused.load() == 2; }));
    // A text message that is not UTF-8 breaks the WebSocket protocol: the connection is closed.
    ws->write(boost::asio::buffer(std::string("\xff\xfe")));
    CHECK(eventually([&] { return d.server.counters().sessions == 0; }));
}

TEST_CASE("a browser that stops reading keeps the dashboard's memory bounded", "[dashboard]") {
    tools::WebOptions o;
    o.session.max_queued_bytes = 1u << 20;
    o.session.push_interval = std::chrono::milliseconds(5);
    o.session.idle_timeout = std::chrono::seconds(2);
    Dashboard d(o);
    boost::asio::io_context io;
    auto stalled = open_ws(io, d);
    stalled->write(boost::asio::buffer(std::string(
        R"({"type":"view","window_ms":100,"width_px":8192,"columns":[0,1,2,3,4,5,6,7]})")));
    // The kernel's side: 100 rows of 8 probes every millisecond, into the hub.
    std::atomic<bool> feeding{true};
    std::atomic<std::uint64_t> most_queued{0};
    std::thread feeder([&] {
        tools::StreamMessage m;
        m.kind = tools::StreamMessage::Kind::voltage;
        m.type = io::MessageType::voltage;
        for (std::uint64_t seq = 1; feeding; ++seq) {
            m.sequence = seq;
            m.frame = {seq * 100, seq * 2.5, 0.025, 100, 8, std::vector<double>(800, -65.0)};
            d.hub.message("voltage", m, tools::StreamHub::Clock::now());
            most_queued = std::max(most_queued.load(), d.server.counters().queued_bytes.load());
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    const bool dropped = eventually([&] { return d.server.counters().updates_dropped > 0; });
    // Never answering the server's pings, it is closed after the idle time-out.
    const bool closed = eventually([&] { return d.server.counters().sessions == 0; });
    feeding = false;
    feeder.join();
    CHECK(dropped);
    CHECK(closed);
    CHECK(most_queued <= o.session.max_queued_bytes);
    CHECK(d.server.counters().queued_bytes == 0);
}

TEST_CASE("a browser that vanishes is forgotten", "[dashboard]") {
    Dashboard d;
    boost::asio::io_context io;
    {
        auto ws = open_ws(io, d);
        (void)next_of_type(*ws, "update");
        CHECK(d.server.counters().sessions == 1);
        ws->next_layer().close();  // no closing handshake: the tab was killed
    }
    CHECK(eventually([&] { return d.server.counters().sessions == 0; }));
    // Beyond the limit of browsers, a new one is refused with 503, not queued without bound.
    tools::WebOptions o;
    o.max_sessions = 1;
    Dashboard one(o);
    auto first = open_ws(io, one);
    CHECK(eventually([&] { return one.server.counters().sessions == 1; }));
    CHECK_THROWS(open_ws(io, one));
    CHECK(one.server.counters().sessions_refused == 1);
}
