#pragma once
// One HTTP connection to the dashboard's web server: reads requests (Beast's parser, with limits
// on header and body size and a time-out), checks access (web_server.hpp), answers with a served
// file or /stats, and hands a WebSocket upgrade at /ws to a BrowserSession.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "tools/dashboard/web_server.hpp"

namespace rtcell::tools {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(boost::asio::ip::tcp::socket socket, WebServer::Impl& server);
    void start();

  private:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;

    void read();
    void on_read(boost::beast::error_code ec);
    Response answer(const Request& req);
    Response plain(boost::beast::http::status status, const std::string& text,
                   const Request& req);
    void write(Response response);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    WebServer::Impl& server_;
};

}  // namespace rtcell::tools
