// The one socket table (io/socket_table.hpp) that configuration, opening, receiving and
// metadata read.
#include <zmq.h>
#include <catch2/catch.hpp>

#include "io/socket_table.hpp"

using namespace rtcell::io;

TEST_CASE("socket table: every input socket by its configuration name, with its frames", "[io]") {
    InputBinding::Socket s{};
    REQUIRE(find_input_socket("sub", s));
    CHECK(s == InputBinding::Socket::sub);
    CHECK(input_socket_kind(s).zmq_type == ZMQ_SUB);
    CHECK(input_socket_kind(s).frames == 2);
    CHECK(input_socket_kind(s).topic);
    REQUIRE(find_input_socket("pull", s));
    CHECK(s == InputBinding::Socket::pull);
    CHECK(input_socket_kind(s).zmq_type == ZMQ_PULL);
    CHECK(input_socket_kind(s).frames == 1);
    CHECK_FALSE(input_socket_kind(s).topic);
    CHECK_FALSE(find_input_socket("push", s));
    CHECK(input_socket_names() == std::vector<std::string>{"sub", "pull"});
    CHECK(socket_kind(SocketRole::publish).zmq_type == ZMQ_XPUB);  // hears subscriptions
    CHECK(socket_kind(SocketRole::control).zmq_type == ZMQ_REP);
}
