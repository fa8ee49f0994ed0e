#pragma once
// A REQ client of a kernel's control socket that never blocks longer than its time-out: a request
// without a reply in time closes the socket, so the next request starts on a fresh one (REQ
// refuses a second send before the first reply), and the caller gets an error reply.
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <zmq.hpp>

namespace rtcell::tools {

class ControlClient {
  public:
    ControlClient(zmq::context_t& context, std::chrono::milliseconds timeout);
    // The kernel's reply, or {"ok": false, "error": "..."} naming the endpoint and what failed.
    nlohmann::json ask(const std::string& endpoint, const nlohmann::json& request);

  private:
    nlohmann::json failed(const std::string& why);

    zmq::context_t& context_;
    std::chrono::milliseconds timeout_;
    std::unique_ptr<zmq::socket_t> socket_;
    std::string endpoint_;
};

}  // namespace rtcell::tools
