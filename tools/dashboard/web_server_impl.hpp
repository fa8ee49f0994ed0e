#pragma once
// WebServer's insides, shared by web_server.cpp (the acceptor and its thread) and
// http_session.cpp (what each connection may ask for). Not for other users.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <thread>

#include "tools/dashboard/web_server.hpp"

namespace rtcell::tools {

struct WebServer::Impl {
    WebOptions options;
    std::map<std::string, WebFile> files;
    StreamHub& hub;
    KernelLink& link;
    DashboardCounters counters;
    boost::asio::io_context context{1};
    boost::asio::ip::tcp::acceptor acceptor{context};
    std::thread thread;

    Impl(WebOptions o, std::map<std::string, WebFile> f, StreamHub& h, KernelLink& l)
        : options(std::move(o)), files(std::move(f)), hub(h), link(l) {}
    void accept();
    nlohmann::json stats() const;
};

}  // namespace rtcell::tools
