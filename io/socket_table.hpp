#pragma once
// Every kind of socket the IO thread opens, one row each: the name configuration uses, the
// ZeroMQ type, whether it binds by default, how many frames a message has and whether it takes
// a topic. Configuration (config/io_config_yaml.cpp), opening (sockets.cpp), receiving
// (input_path.cpp) and metadata (publisher.cpp) all read this table.
#include <string>
#include <vector>

#include "io/io_config.hpp"

namespace rtcell::io {

struct SocketKind {
    const char* name;  // "pub", "rep", "sub", "pull"
    int zmq_type;      // ZMQ_PUB, ...
    const char* role;  // what it carries
    int frames;        // frames per incoming message (0: sends only)
    bool topic;        // subscribes to a topic
};

enum class SocketRole { publish, control, input_sub, input_pull };

const SocketKind& socket_kind(SocketRole role);
const SocketKind& input_socket_kind(InputBinding::Socket socket);
// The input sockets by configuration name; nullptr if there is none of that name.
const SocketKind* find_input_socket(const std::string& name, InputBinding::Socket& socket);
std::vector<std::string> input_socket_names();

}  // namespace rtcell::io
