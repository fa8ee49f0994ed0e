#include "io/sockets.hpp"

#include "model/util/input_error.hpp"

namespace rtcell::io {

std::unique_ptr<zmq::socket_t> open_socket(zmq::context_t& context, const SocketKind& kind,
                                           const std::string& endpoint, bool bind,
                                           const IoConfig& config, const std::string& what,
                                           const CurveKeys* curve) {
    auto s = std::make_unique<zmq::socket_t>(context, kind.zmq_type);
    s->set(zmq::sockopt::linger, 0);
    s->set(zmq::sockopt::sndhwm, config.send_hwm);
    s->set(zmq::sockopt::rcvhwm, config.receive_hwm);
    if (curve)
        make_curve_server(*s, *curve);
    try {
        if (bind)
            s->bind(endpoint);
        else
            s->connect(endpoint);
    } catch (const zmq::error_t& e) {
        throw InputError(what + ": cannot " + (bind ? "bind " : "connect ") + endpoint + ": " +
                         e.what());
    }
    return s;
}

}  // namespace rtcell::io
