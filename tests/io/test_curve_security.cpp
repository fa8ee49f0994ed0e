// CURVE security of the control socket: beyond loopback only with CURVE; with it, a client
// with an authorized key is answered, an unauthorized key is refused (and counted) and a client
// without CURVE gets nothing.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <zmq.hpp>

#include "io/curve_security.hpp"
#include "io/io_thread.hpp"
#include "model/cell/cell.hpp"
#include "model/util/input_error.hpp"
#include "rt/deadline_loop.hpp"

using namespace rtcell;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {
struct KeyPair {
    std::string public_key, secret;
};
KeyPair keypair() {
    char pub[41], sec[41];
    REQUIRE(zmq_curve_keypair(pub, sec) == 0);
    return {pub, sec};
}

fs::path scratch() {
    const fs::path d = fs::temp_directory_path() / ("rtcell-curve-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

Cell small_cell() {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    CellOptions o;
    o.V_init = -65;
    Cell c(Morphology({soma}, "soma"), o);
    c.paint(reg::all(), Density{"pas", {}});
    return c;
}

rt::LoopConfig loop_config() {
    rt::LoopConfig c;
    c.dt_ms = 0.1;
    c.priority = 0;
    c.lock_memory = false;
    return c;
}

// A REQ client, with CURVE when `server_key` is given; the reply to a status request, or ""
// when none comes within `seconds`.
std::string ask_status(zmq::context_t& ctx, const std::string& endpoint,
                       const std::string& server_key, const KeyPair* client, int seconds) {
    zmq::socket_t req(ctx, zmq::socket_type::req);
    req.set(zmq::sockopt::linger, 0);
    req.set(zmq::sockopt::rcvtimeo, seconds * 1000);
    if (client) {
        req.set(zmq::sockopt::curve_serverkey, server_key);
        req.set(zmq::sockopt::curve_publickey, client->public_key);
        req.set(zmq::sockopt::curve_secretkey, client->secret);
    }
    req.connect(endpoint);
    req.send(zmq::str_buffer(R"({"cmd": "status"})"), zmq::send_flags::none);
    zmq::message_t reply;
    if (!req.recv(reply))
        return "";
    return reply.to_string();
}
}  // namespace

TEST_CASE("local endpoints", "[io][curve]") {
    CHECK(io::is_local_endpoint("tcp://127.0.0.1:5557"));
    CHECK(io::is_local_endpoint("tcp://localhost:*"));
    CHECK(io::is_local_endpoint("tcp://[::1]:5557"));
    CHECK(io::is_local_endpoint("ipc:///tmp/rtcell"));
    CHECK_FALSE(io::is_local_endpoint("tcp://0.0.0.0:5557"));
    CHECK_FALSE(io::is_local_endpoint("tcp://*:5557"));
    CHECK_FALSE(io::is_local_endpoint("tcp://192.168.1.4:5557"));
}

TEST_CASE("key files are checked line by line", "[io][curve]") {
    const fs::path d = scratch();
    write(d / "server.key", "# the server\n" + keypair().secret + "\n");
    write(d / "bad.keys", keypair().public_key + "\nnot a key\n");
    io::CurveConfig c{(d / "server.key").string(), (d / "bad.keys").string()};
    CHECK_THROWS_WITH(io::load_curve_keys(c), Contains("bad.keys:2: not a CURVE key"));
    c.authorized_keys_file = (d / "missing.keys").string();
    CHECK_THROWS_WITH(io::load_curve_keys(c), Contains("missing.keys: cannot open"));
    fs::remove_all(d);
}

TEST_CASE("a control socket beyond loopback needs CURVE, and CURVE admits only listed keys",
          "[io][curve][e2e]") {
    const fs::path d = scratch();
    const KeyPair server = keypair(), friend_ = keypair(), stranger = keypair();
    write(d / "server.key", server.secret + "\n");
    write(d / "clients.keys", "# who may control the kernel\n" + friend_.public_key + "\n");

    Cell cell = small_cell();
    rt::KernelModelOf<Cell> model(cell);
    io::KernelLoop loop(model, loop_config());
    io::IoConfig open;
    open.enabled = true;
    open.control = "tcp://0.0.0.0:*";
    {
        io::IoThread io(loop, model, open, "test");
        CHECK_THROWS_WITH(io.start(), Contains("can be reached from other machines"));
    }
    io::IoConfig secured = open;
    secured.curve = {(d / "server.key").string(), (d / "clients.keys").string()};
    io::IoThread io(loop, model, secured, "test");
    io.start();
    loop.start();
    CHECK(io.curve_public_key() == server.public_key);
    const std::string endpoint =
        "tcp://127.0.0.1:" + io.control_endpoint().substr(io.control_endpoint().rfind(':') + 1);
    zmq::context_t ctx(1);
    // Generous for the admitted client (a loaded machine is slow, not wrong); the refusals are
    // seen as no answer, and the stranger's also in the counter.
    const std::string reply = ask_status(ctx, endpoint, server.public_key, &friend_, 30);
    REQUIRE_FALSE(reply.empty());
    CHECK(nlohmann::json::parse(reply)["ok"] == true);
    CHECK(ask_status(ctx, endpoint, server.public_key, &stranger, 2).empty());
    CHECK(ask_status(ctx, endpoint, "", nullptr, 2).empty());
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (io.counters().clients_refused == 0 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(io.counters().clients_refused >= 1);
    loop.request_stop();
    loop.join();
    io.request_stop();
    io.join();
    fs::remove_all(d);
}
