#pragma once
// The dashboard's web server: HTTP and WebSocket from Boost.Beast on one thread of its own.
// It serves the page (web_files), /stats (its own counters and the link's state, as JSON), and
// /ws, each browser's BrowserSession.
//
// Access: bound to 127.0.0.1 by default. Without a token a request must name this machine in its
// Host header (127.0.0.1, localhost or [::1]: no DNS rebinding) and a WebSocket's Origin must be
// the page's own (no other site's page may steer the kernel). With a token (required off
// loopback, see dashboard_command), every request carries it as ?token=… .
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tools/dashboard/browser_session.hpp"
#include "tools/dashboard/web_files.hpp"

namespace rtcell::tools {

struct WebOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  // 0: any free port (port() tells which)
    std::string token;           // "": none required
    std::size_t max_sessions = 16;
    SessionOptions session;
};

class WebServer {
  public:
    // Binds and starts serving; throws InputError naming the address when it cannot bind.
    WebServer(WebOptions options, std::map<std::string, WebFile> files, StreamHub& hub,
              KernelLink& link);
    ~WebServer();  // stops serving and closes every session
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    unsigned short port() const;
    const DashboardCounters& counters() const;
    nlohmann::json stats() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace rtcell::tools
