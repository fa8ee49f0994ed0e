#include "io/curve_security.hpp"

#include <fstream>
#include <vector>

#include "model/util/input_error.hpp"

namespace rtcell::io {

bool is_local_endpoint(const std::string& endpoint) {
    if (endpoint.rfind("ipc://", 0) == 0 || endpoint.rfind("inproc://", 0) == 0)
        return true;
    if (endpoint.rfind("tcp://", 0) != 0)
        return false;
    const std::string host = endpoint.substr(6, endpoint.rfind(':') - 6);
    return host.rfind("127.", 0) == 0 || host == "localhost" || host == "[::1]";
}

namespace {
// The lines of a key file that are not blank or comments, with their line numbers.
std::vector<std::pair<int, std::string>> key_lines(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open key file");
    std::vector<std::pair<int, std::string>> out;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        // Only whole lines are comments: '#' is one of Z85's characters.
        const auto b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#')
            continue;
        std::string key = line.substr(b, e - b + 1);
        std::uint8_t bytes[32];
        if (key.size() != 40 || !zmq_z85_decode(bytes, key.c_str()))
            throw InputError(path + ":" + std::to_string(n) +
                             ": not a CURVE key (40 characters of ZeroMQ's Z85 text)");
        out.emplace_back(n, std::move(key));
    }
    return out;
}
}  // namespace

CurveKeys load_curve_keys(const CurveConfig& config) {
    if (zmq_has("curve") == 0)
        throw InputError("io.curve: this libzmq was built without CURVE security");
    CurveKeys keys;
    const auto secret = key_lines(config.secret_key_file);
    if (secret.size() != 1)
        throw InputError(config.secret_key_file + ": expected exactly one key (the secret key)");
    keys.secret = secret[0].second;
    char pub[41];
    if (zmq_curve_public(pub, keys.secret.c_str()) != 0)
        throw InputError(config.secret_key_file + ": cannot derive the public key");
    keys.public_key = pub;
    if (config.authorized_keys_file.empty())
        throw InputError("io.curve.authorized_keys: a file of client public keys is required");
    for (auto& [line, key] : key_lines(config.authorized_keys_file))
        keys.authorized.insert(std::move(key));
    if (keys.authorized.empty())
        throw InputError(config.authorized_keys_file + ": no client keys (no one could connect)");
    return keys;
}

void make_curve_server(zmq::socket_t& s, const CurveKeys& keys) {
    s.set(zmq::sockopt::curve_server, true);
    s.set(zmq::sockopt::curve_secretkey, keys.secret);
    s.set(zmq::sockopt::zap_domain, "rtcell");
}

ZapHandler::ZapHandler(zmq::context_t& context, std::set<std::string> authorized, IoStats& stats)
    : socket_(context, zmq::socket_type::rep), authorized_(std::move(authorized)), stats_(stats) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.bind("inproc://zeromq.zap.01");
}

// A request is version, request id, domain, address, identity, mechanism and credentials (for
// CURVE: the client's 32-byte public key); the reply is version, request id, status code and
// text, user id and metadata.
void ZapHandler::answer() {
    std::vector<zmq::message_t> frames;
    do {
        frames.emplace_back();
        if (!socket_.recv(frames.back(), zmq::recv_flags::dontwait)) {
            frames.pop_back();
            break;
        }
    } while (frames.back().more());
    if (frames.empty())
        return;
    bool ok = false;
    if (frames.size() >= 7 && frames[0].to_string_view() == "1.0" &&
        frames[5].to_string_view() == "CURVE" && frames[6].size() == 32) {
        char z85[41];
        zmq_z85_encode(z85, static_cast<const std::uint8_t*>(frames[6].data()), 32);
        ok = authorized_.count(z85) > 0;
    }
    if (!ok)
        stats_.update([](IoCounters& c) { ++c.clients_refused; });
    const std::string id = frames.size() > 1 ? frames[1].to_string() : "";
    socket_.send(zmq::str_buffer("1.0"), zmq::send_flags::sndmore);
    socket_.send(zmq::buffer(id), zmq::send_flags::sndmore);
    socket_.send(zmq::buffer(std::string(ok ? "200" : "400")), zmq::send_flags::sndmore);
    socket_.send(zmq::buffer(std::string(ok ? "OK" : "client key not authorized")),
                 zmq::send_flags::sndmore);
    socket_.send(zmq::str_buffer(""), zmq::send_flags::sndmore);
    socket_.send(zmq::str_buffer(""), zmq::send_flags::none);
}

}  // namespace rtcell::io
