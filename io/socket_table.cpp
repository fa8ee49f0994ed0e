#include "io/socket_table.hpp"

#include <zmq.h>

namespace rtcell::io {

namespace {
const SocketKind kSockets[] = {
    // An XPUB, which SUB clients see as a PUB: it also hears their subscriptions, so that a
    // client subscribing to metadata gets it at once instead of at the next interval.
    {"pub", ZMQ_XPUB, "outputs: spikes, voltage frames, telemetry, metadata", 0, false},
    {"rep", ZMQ_REP, "control: JSON requests and replies", 1, false},
    {"sub", ZMQ_SUB, "an input binding subscribed to one topic: [topic][payload]", 2, true},
    {"pull", ZMQ_PULL, "an input binding fed by PUSH senders: [payload]", 1, false},
};
}  // namespace

const SocketKind& socket_kind(SocketRole role) {
    return kSockets[static_cast<int>(role)];
}

const SocketKind& input_socket_kind(InputBinding::Socket socket) {
    return socket_kind(socket == InputBinding::Socket::sub ? SocketRole::input_sub
                                                           : SocketRole::input_pull);
}

const SocketKind* find_input_socket(const std::string& name, InputBinding::Socket& socket) {
    for (auto s : {InputBinding::Socket::sub, InputBinding::Socket::pull})
        if (name == input_socket_kind(s).name) {
            socket = s;
            return &input_socket_kind(s);
        }
    return nullptr;
}

std::vector<std::string> input_socket_names() {
    return {input_socket_kind(InputBinding::Socket::sub).name,
            input_socket_kind(InputBinding::Socket::pull).name};
}

}  // namespace rtcell::io
