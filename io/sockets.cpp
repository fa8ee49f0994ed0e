#include "io/sockets.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "model/util/input_error.hpp"

namespace rtcell::io {

namespace {

// ZeroMQ binds an ipc:// path by removing any socket file there, so a second kernel would
// silently take the endpoint over from the first. A path something answers on is in use.
bool ipc_in_use(const std::string& endpoint) {
    const std::string prefix = "ipc://";
    if (endpoint.rfind(prefix, 0) != 0)
        return false;
    const std::string path = endpoint.substr(prefix.size());
    sockaddr_un addr{};
    if (path.empty() || path[0] == '@' || path.size() >= sizeof(addr.sun_path))
        return false;  // abstract or too long: ZeroMQ reports it
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    const bool answered =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return answered;  // a stale file (nobody listening) may be reused
}

}  // namespace

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
    if (bind && ipc_in_use(endpoint))
        throw InputError(what + ": cannot bind " + endpoint +
                         ": another process is listening there (a kernel already running?); "
                         "stop it or choose another path");
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
