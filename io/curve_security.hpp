#pragma once
// ZeroMQ CURVE security for the control socket (libzmq's own CURVE mechanism, RFC 26, with a
// ZAP handler, RFC 27, that admits only listed client keys).
//
// A control socket bound beyond this machine (tcp on an address other than loopback) must be
// secured: the IO thread refuses to start otherwise. With io.curve set, the control socket is a
// CURVE server with the secret key read from `secret_key_file`, and a client is admitted only
// when its public key is one of the lines of `authorized_keys_file`. Keys are ZeroMQ's Z85 text
// form (40 characters), as zmq_curve_keypair() and Python's zmq.curve_keypair() give them.
#include <cstdint>
#include <set>
#include <string>
#include <zmq.hpp>

#include "io/io_counters.hpp"

namespace rtcell::io {

struct CurveConfig {
    std::string secret_key_file;  // the server's secret key (Z85, one line)
    // Client public keys (Z85), one per line; lines starting with '#' are comments.
    std::string authorized_keys_file;
    bool enabled() const { return !secret_key_file.empty(); }
};

struct CurveKeys {
    std::string secret, public_key;  // the server's, Z85
    std::set<std::string> authorized;
};

// True for endpoints that only this machine can reach: tcp on 127.0.0.0/8, localhost or ::1,
// and ipc and inproc (whose access the file system and the process decide).
bool is_local_endpoint(const std::string& endpoint);

// Reads and checks the key files; InputError naming the file and line.
CurveKeys load_curve_keys(const CurveConfig& config);

// Makes `s` a CURVE server with the keys; call before bind.
void make_curve_server(zmq::socket_t& s, const CurveKeys& keys);

// Answers libzmq's authentication requests (ZAP) for every CURVE socket of a context: bound to
// inproc://zeromq.zap.01 before any such socket binds. The IO thread polls socket() and calls
// answer() when it is readable; a refused client is counted (IoCounters::clients_refused).
class ZapHandler {
  public:
    ZapHandler(zmq::context_t& context, std::set<std::string> authorized, IoStats& stats);
    zmq::socket_t& socket() { return socket_; }
    void answer();

  private:
    zmq::socket_t socket_;
    std::set<std::string> authorized_;
    IoStats& stats_;
};

}  // namespace rtcell::io
