#include "tools/dashboard/control_client.hpp"

namespace rtcell::tools {

using nlohmann::json;

ControlClient::ControlClient(zmq::context_t& context, std::chrono::milliseconds timeout)
    : context_(context), timeout_(timeout) {}

json ControlClient::failed(const std::string& why) {
    socket_.reset();  // linger 0: whatever was queued is discarded with it
    return {{"ok", false}, {"error", endpoint_ + ": " + why}};
}

json ControlClient::ask(const std::string& endpoint, const json& request) {
    if (endpoint.empty())
        return {{"ok", false},
                {"error", "the kernel's control endpoint is not known yet (no metadata)"}};
    try {
        if (!socket_ || endpoint != endpoint_) {
            endpoint_ = endpoint;
            socket_ = std::make_unique<zmq::socket_t>(context_, zmq::socket_type::req);
            socket_->set(zmq::sockopt::linger, 0);
            socket_->connect(endpoint);
        }
        const std::string text = request.dump();
        if (!socket_->send(zmq::buffer(text), zmq::send_flags::dontwait))
            return failed("the control socket is not connected");
        zmq::pollitem_t item{socket_->handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, timeout_) <= 0)
            return failed("no reply within " + std::to_string(timeout_.count()) + " ms");
        zmq::message_t reply;
        if (!socket_->recv(reply, zmq::recv_flags::dontwait))
            return failed("no reply");
        json body = json::parse(reply.to_string(), nullptr, false);
        if (!body.is_object())
            return failed("the reply is not a JSON object");
        return body;
    } catch (const zmq::error_t& e) {
        return failed(e.what());
    }
}

}  // namespace rtcell::tools
