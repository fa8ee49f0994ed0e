#pragma once
// Opening a socket of the socket table (socket_table.hpp) with rtcell's options: no linger,
// the configured high-water marks; InputError names what the socket is for and the endpoint.
#include <memory>
#include <string>
#include <zmq.hpp>

#include "io/io_config.hpp"
#include "io/socket_table.hpp"

namespace rtcell::io {

std::unique_ptr<zmq::socket_t> open_socket(zmq::context_t& context, const SocketKind& kind,
                                           const std::string& endpoint, bool bind,
                                           const IoConfig& config, const std::string& what,
                                           const CurveKeys* curve = nullptr);

}  // namespace rtcell::io
