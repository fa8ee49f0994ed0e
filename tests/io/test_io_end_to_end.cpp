// End to end over real sockets (tcp loopback and ipc): a client drives a synapse of a cell
// stepping in real time, receives the spike and the probe frames it caused, controls the run
// over REQ/REP, and sees malformed messages dropped and counted while the loop keeps going.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <zmq.hpp>

#include "io/io_thread.hpp"
#include "io/wire_format.hpp"
#include "model/cell/cell.hpp"
#include "rt/deadline_loop.hpp"

using namespace rtcell;
using json = nlohmann::json;

namespace {

Cell passive_cell() {
    CellOptions o;
    o.V_init = -65;
    o.V_th = -20;
    o.detector = ls::location(0, 0.5);
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Cell c(Morphology({soma}, "soma"), o);
    c.paint(reg::all(),
            Density{"pas", {{"g", 0.01}, {"e", -65.0}}});  // τ = 0.1 ms: back to rest fast
    c.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 0.2}, {"e", 50.0}}});
    c.place(ls::location(0, 0.5), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.0}}});
    c.place(ls::location(0, 0.5), Probe{"v", "v"}, Probe{"g", "syn.g"});
    return c;
}

struct Rig {
    Cell cell = passive_cell();
    rt::KernelModelOf<Cell> model{cell};
    io::KernelLoop loop;
    io::IoThread io;
    explicit Rig(const std::string& input_endpoint, double metadata_interval_s = 5.0,
                 int io_priority = 0, int io_cpu = -1,
                 io::IoConfig::Wake wake = io::IoConfig::Wake::poll)
        : loop(model,
               [] {
                   rt::LoopConfig c;
                   c.dt_ms = 0.1;
                   c.priority = 0;
                   c.lock_memory = false;
                   c.frame_every = 1;
                   c.snapshot_interval_s = 0.05;
                   return c;
               }()),
          io(
              loop, model,
              [&] {
                  io::IoConfig c;
                  c.enabled = true;
                  c.publish = "tcp://127.0.0.1:*";
                  c.control = "tcp://127.0.0.1:*";
                  c.frame_every = 1;
                  c.rows_per_message = 5;
                  c.telemetry_interval_s = 0.05;
                  c.metadata_interval_s = metadata_interval_s;
                  c.priority = io_priority;
                  c.wake = wake;
                  c.cpu = io_cpu;
                  io::InputBinding drive;
                  drive.name = "drive";
                  drive.target = "syn";
                  drive.endpoint = input_endpoint;
                  io::InputBinding amp;
                  amp.name = "amp";
                  amp.kind = io::InputBinding::Kind::values;
                  amp.target = "stim.amp";
                  amp.endpoint = "tcp://127.0.0.1:*";
                  c.inputs = {drive, amp};
                  return c;
              }(),
              "test") {}
};

json request(zmq::socket_t& req, const json& body) {
    req.send(zmq::buffer(body.dump()), zmq::send_flags::none);
    zmq::message_t reply;
    REQUIRE(req.recv(reply));
    return json::parse(reply.to_string());
}

// Receives until `pred` accepts a (topic, payload) pair or the time is up.
template <class Pred>
bool receive_until(zmq::socket_t& sub, double seconds, Pred pred) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        zmq::message_t topic, payload;
        if (!sub.recv(topic, zmq::recv_flags::dontwait)) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            continue;
        }
        if (!sub.recv(payload))
            continue;
        if (pred(topic.to_string(),
                 std::span<const std::uint8_t>(static_cast<const std::uint8_t*>(payload.data()),
                                               payload.size())))
            return true;
    }
    return false;
}

// A client of a rig whose IO thread has started: SUB to its PUB socket (the given topics),
// REQ to its control socket (replies awaited up to 30 s), PUSH to its "drive" binding.
struct Client {
    zmq::context_t ctx{1};
    zmq::socket_t sub{ctx, zmq::socket_type::sub}, req{ctx, zmq::socket_type::req},
        push{ctx, zmq::socket_type::push};
    Client(Rig& rig, std::initializer_list<const char*> topics) {
        for (auto* s : {&sub, &req, &push})
            s->set(zmq::sockopt::linger, 0);
        req.set(zmq::sockopt::rcvtimeo, 30000);  // generous: a loaded machine is slow
        sub.connect(rig.io.publish_endpoint());
        for (const char* t : topics)
            sub.set(zmq::sockopt::subscribe, t);
        req.connect(rig.io.control_endpoint());
        push.connect(rig.io.input_endpoint("drive"));
    }
};

void drive_and_observe(const std::string& input_endpoint,
                       io::IoConfig::Wake wake = io::IoConfig::Wake::poll) {
    Rig rig(input_endpoint, 5.0, 0, -1, wake);
    rig.io.start();
    Client client(rig, {""});
    auto& sub = client.sub;
    auto& req = client.req;
    auto& push = client.push;
    rig.loop.start();

    // Metadata on request describes the streams.
    const json meta = request(req, {{"cmd", "metadata"}});
    CHECK(meta["ok"] == true);
    CHECK(meta["probes"] == json::array({"v", "g"}));
    CHECK(meta["probe_units"] == json::array({"mV", "uS"}));  // for a client's axes
    CHECK(meta["dt_ms"] == 0.1);
    CHECK(meta["protocol_version"] == 1);

    // Wait until frames flow, then name a step comfortably in the future for the event.
    std::uint64_t now_step = 0;
    REQUIRE(receive_until(sub, 5, [&](const std::string& topic, std::span<const std::uint8_t> p) {
        if (topic != "voltage")
            return false;
        now_step = io::read_le<std::uint64_t>(p.data() + 16);
        return true;
    }));
    const std::uint64_t target = now_step + 300;  // 30 ms ahead
    const auto payload =
        io::encode_events(std::vector<io::WireEvent>{{0, -1, 0.5, target, 0.0}}, 1);
    push.send(zmq::buffer(payload), zmq::send_flags::none);

    // The probe frames show g = 0 at step target − 1 and the decayed event at step target.
    double g_before = -1, g_at = -1;
    bool spike_seen = false;
    std::uint64_t spike_step = 0;
    REQUIRE(receive_until(sub, 10, [&](const std::string& topic, std::span<const std::uint8_t> p) {
        if (topic == "spikes") {
            spike_seen = true;
            spike_step = io::read_le<std::uint64_t>(p.data() + 20);
        }
        if (topic != "voltage")
            return false;
        const auto first = io::read_le<std::uint64_t>(p.data() + 16);
        const auto rows = io::read_le<std::uint32_t>(p.data() + 40),
                   cols = io::read_le<std::uint32_t>(p.data() + 44);
        for (std::uint32_t r = 0; r < rows; ++r) {
            const double g = io::read_le<double>(p.data() + 48 + (r * cols + 1) * 8);
            if (first + r == target - 1)
                g_before = g;
            if (first + r == target)
                g_at = g;
        }
        return g_at >= 0 && spike_seen;
    }));
    CHECK(g_before == 0.0);
    CHECK(g_at == Approx(0.5 * std::exp(-0.1 / 0.2)));
    CHECK(spike_step == target);

    // Malformed input is dropped and counted; the loop goes on.
    push.send(zmq::buffer(std::string("this is not an rtcell message")), zmq::send_flags::none);
    auto nan_event = io::encode_events(std::vector<io::WireEvent>{{0, -1, std::nan(""), 0, 0}}, 2);
    push.send(zmq::buffer(nan_event), zmq::send_flags::none);
    auto bad_member = io::encode_events(std::vector<io::WireEvent>{{7, -1, 0.1, 0, 0}}, 3);
    push.send(zmq::buffer(bad_member), zmq::send_flags::none);
    json status;
    for (int k = 0; k < 100; ++k) {
        status = request(req, {{"cmd", "status"}});
        if (status["input_dropped"]["bad_member"] == 1 &&
            status["input_dropped"]["not_finite"] == 1)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(status["ok"] == true);
    CHECK(status["input_dropped"]["bad_magic"] == 1);
    CHECK(status["input_dropped"]["not_finite"] == 1);
    CHECK(status["input_dropped"]["bad_member"] == 1);

    // Control: bad requests get errors naming the problem; set and stop work.
    CHECK(request(req, {{"cmd", "fly"}})["error"].get<std::string>().find("unknown cmd 'fly'") !=
          std::string::npos);
    CHECK(request(req, {{"cmd", "set"}, {"target", "stim.ampp"}, {"value", 1}})["error"]
              .get<std::string>()
              .find("did you mean 'stim.amp'") != std::string::npos);
    CHECK(request(req, {{"cmd", "set"}, {"target", "stim.amp"}, {"value", "x"}})["ok"] == false);
    req.send(zmq::buffer(std::string("{nope")), zmq::send_flags::none);
    zmq::message_t reply;
    REQUIRE(req.recv(reply));
    CHECK(json::parse(reply.to_string())["ok"] == false);
    const json list = request(req, {{"cmd", "list"}});
    CHECK(list["synapses"] == json::array({"syn"}));
    CHECK(request(req, {{"cmd", "set"}, {"target", "stim.amp"}, {"value", 0.01}})["ok"] == true);
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    rig.loop.join();
    rig.io.join();
    CHECK(rig.cell.parameter("stim", "amp")[0] == 0.01);
    CHECK(rig.io.counters().events == 1);
}

}  // namespace

TEST_CASE("a client drives a synapse over tcp and sees the spike at the promised step",
          "[io][e2e]") {
    drive_and_observe("tcp://127.0.0.1:*");
}

TEST_CASE("the same with the IO thread waking on the loop's schedule", "[io][e2e]") {
    drive_and_observe("tcp://127.0.0.1:*", io::IoConfig::Wake::schedule);
}

TEST_CASE("the same over ipc", "[io][e2e]") {
    const auto path =
        std::filesystem::temp_directory_path() / ("rtcell-test-" + std::to_string(::getpid()));
    drive_and_observe("ipc://" + path.string());
    std::filesystem::remove(path);
}

TEST_CASE("hostile control requests get an error reply and the kernel steps on", "[io][e2e]") {
    Rig rig("tcp://127.0.0.1:*");
    rig.io.start();
    rig.loop.start();
    zmq::context_t ctx(1);
    zmq::socket_t req(ctx, zmq::socket_type::req);
    req.set(zmq::sockopt::linger, 0);
    req.set(zmq::sockopt::rcvtimeo, 30000);  // generous: a loaded machine is slow, not wrong
    req.connect(rig.io.control_endpoint());
    auto raw = [&](const std::vector<std::string>& frames) {
        for (std::size_t i = 0; i < frames.size(); ++i)
            req.send(zmq::buffer(frames[i]),
                     i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
        zmq::message_t reply;
        REQUIRE(req.recv(reply));
        const json j = json::parse(reply.to_string());  // valid UTF-8 JSON, always
        CHECK(j["ok"] == false);
        return j["error"].get<std::string>();
    };
    const std::uint64_t steps_before = request(req, {{"cmd", "status"}})["steps"];
    CHECK_THAT(raw({"\xff"}), Catch::Contains("not JSON"));
    CHECK_THAT(raw({"{\"cmd\": \"stat\xe9s\"}"}), Catch::Contains("not JSON"));
    CHECK_THAT(raw({R"({"cmd": "set", "value": 1e999})"}), Catch::Contains("not JSON"));
    CHECK_THAT(raw({R"({"cmd": "status"})", "second frame"}),
               Catch::Contains("a request is one frame, not 2"));
    CHECK_THAT(raw({std::string(4 << 20, '[')}), Catch::Contains("the limit is 65536"));
    CHECK_THAT(raw({R"({"cmd": "set", "target": "stim.amp", "value": 1, "member": -7})"}),
               Catch::Contains("field 'member'"));
    // Still answering, still stepping, and the refusals are counted.
    json status;
    for (int k = 0; k < 500; ++k) {
        status = request(req, {{"cmd", "status"}});
        if (status["steps"].get<std::uint64_t>() > steps_before)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(status["steps"].get<std::uint64_t>() > steps_before);
    CHECK(status["requests_refused"] == 6);
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    rig.loop.join();
    rig.io.join();
}

TEST_CASE("a client that subscribes to metadata gets it at once, not at the next interval",
          "[io][e2e]") {
    Rig rig("tcp://127.0.0.1:*", 3600.0);  // the periodic metadata comes once, at start
    rig.io.start();
    rig.loop.start();
    zmq::context_t ctx(1);
    auto metadata_arrives = [&](const std::string& subscription) {
        zmq::socket_t sub(ctx, zmq::socket_type::sub);
        sub.set(zmq::sockopt::linger, 0);
        sub.connect(rig.io.publish_endpoint());
        sub.set(zmq::sockopt::subscribe, subscription);
        return receive_until(sub, 30.0, [](const std::string& topic, auto payload) {
            return topic == "metadata" &&
                   json::parse(payload.begin() + io::kHeaderSize, payload.end())["probes"] ==
                       json::array({"v", "g"});
        });
    };
    CHECK(metadata_arrives("metadata"));
    // Every later client too, long before the next interval: only its subscription can have
    // caused the message it receives.
    CHECK(metadata_arrives(""));
    CHECK(metadata_arrives("meta"));
    rig.loop.request_stop();
    rig.loop.join();
    rig.io.join();
}

TEST_CASE("status carries the step now: never behind a frame the client already has", "[io][e2e]") {
    Rig rig("tcp://127.0.0.1:*");
    rig.io.start();
    Client client(rig, {"voltage"});
    auto& sub = client.sub;
    auto& req = client.req;
    rig.loop.start();
    for (int round = 0; round < 5; ++round) {
        std::uint64_t frame_step = 0;
        REQUIRE(receive_until(sub, 30.0, [&](const std::string&, auto payload) {
            frame_step = io::read_le<std::uint64_t>(payload.data() + 16);  // first row's step
            return frame_step > 0;
        }));
        const json status = request(req, {{"cmd", "status"}});
        // The frame's rows were stepped before it was sent, so the live step is at least its
        // first row's; the tick counts every period (at least as many as steps).
        CHECK(status["step"].get<std::uint64_t>() >= frame_step);
        CHECK(status["tick"].get<std::uint64_t>() >= status["step"].get<std::uint64_t>());
    }
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    rig.loop.join();
    rig.io.join();
}

TEST_CASE("the stream ends with an end message; metadata names the bound endpoints", "[io][e2e]") {
    Rig rig("tcp://127.0.0.1:*");
    rig.io.start();
    Client client(rig, {"metadata", "end"});
    auto& sub = client.sub;
    auto& req = client.req;
    rig.loop.start();
    json meta;
    REQUIRE(receive_until(sub, 30.0, [&](const std::string& topic, auto payload) {
        if (topic != "metadata")
            return false;
        meta = json::parse(payload.begin() + io::kHeaderSize, payload.end());
        return true;
    }));
    // The wildcard ports as bound.
    CHECK(meta["publish_endpoint"] == rig.io.publish_endpoint());
    CHECK(meta["control_endpoint"] == rig.io.control_endpoint());
    CHECK(meta["publish_endpoint"].get<std::string>().find('*') == std::string::npos);
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    rig.loop.join();
    rig.io.join();
    json end;
    REQUIRE(receive_until(sub, 30.0, [&](const std::string& topic, auto payload) {
        if (topic != "end")
            return false;
        io::Header h{};
        io::DropReason reason{};
        REQUIRE(io::decode_header(payload, h, reason));
        CHECK(h.type == io::MessageType::end);
        end = json::parse(payload.begin() + io::kHeaderSize, payload.end());
        return true;
    }));
    CHECK(end["reason"] == "finished");
    CHECK(end["step"].get<std::uint64_t>() > 0);
}

TEST_CASE("a second kernel cannot take over an ipc endpoint that is in use", "[io][e2e]") {
    const auto path =
        std::filesystem::temp_directory_path() / ("rtcell-in-use-" + std::to_string(::getpid()));
    const std::string ep = "ipc://" + path.string();
    Rig first(ep);
    first.io.start();
    Rig second(ep);
    CHECK_THROWS_WITH(second.io.start(), Catch::Contains("cannot bind " + ep) &&
                                             Catch::Contains("another process is listening"));
    // The first still owns it: a sender reaches it.
    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 0);
    push.connect(ep);
    first.loop.start();
    bool counted = false;
    for (int k = 0; k < 3000 && !counted; ++k) {  // up to 30 s on a loaded machine
        push.send(zmq::buffer(std::string("junk")), zmq::send_flags::dontwait);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        counted = first.io.counters().received > 0;
    }
    CHECK(counted);
    first.loop.request_stop();
    first.loop.join();
    first.io.join();
    std::filesystem::remove(path);
}

TEST_CASE("io.priority and io.cpu apply to the IO thread and are reported", "[io][e2e]") {
    Rig plain("tcp://127.0.0.1:*");
    plain.io.start();
    CHECK(plain.io.setup_report().items.empty());  // nothing asked, nothing done
    plain.io.request_stop();
    plain.io.join();
    Rig rig("tcp://127.0.0.1:*", 5.0, 1, 0);
    rig.io.start();
    const auto& items = rig.io.setup_report().items;
    REQUIRE(items.size() == 2);
    CHECK(items[0].what == "SCHED_FIFO priority 1");  // granted or not, as privileges allow
    CHECK(items[1].what == "pinned to CPU 0");
    CHECK(items[1].ok);
    rig.io.request_stop();
    rig.io.join();
}

TEST_CASE("a reset restarts the steps; no voltage message spans it", "[io][e2e]") {
    Rig rig("tcp://127.0.0.1:*");
    rig.io.start();
    Client client(rig, {"voltage"});
    auto& sub = client.sub;
    auto& req = client.req;
    rig.loop.start();
    // A reset at a tick a little ahead whose step count (tick − 1) is not a whole number of
    // messages (5 rows each): the message holding the last steps before it would straddle.
    std::uint64_t at = request(req, {{"cmd", "status"}})["tick"].get<std::uint64_t>() + 200;
    at += (at % 5 == 1) ? 1 : 0;  // messages start at steps 1, 6, 11, ...: before % 5 != 0
    REQUIRE(request(req, {{"cmd", "reset_state"}, {"step", at}})["ok"] == true);
    const std::uint64_t before = at - 1;  // model steps taken before the reset
    std::uint64_t last_end = 0;
    bool reset_seen = false;
    REQUIRE(receive_until(sub, 60.0, [&](const std::string&, auto p) {
        const auto first = io::read_le<std::uint64_t>(p.data() + 16);
        const auto rows = io::read_le<std::uint32_t>(p.data() + 40);
        if (first < last_end) {  // the steps restarted: the reset
            CHECK(last_end == before);
            CHECK(first == 1);
            reset_seen = true;
        } else if (!reset_seen) {
            CHECK(first + rows - 1 <= before);
        }
        last_end = first + rows - 1;
        return reset_seen && last_end > 50;
    }));
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    rig.loop.join();
    rig.io.join();
}

TEST_CASE("weight:<syn> of a synapse driven over ZeroMQ is settable", "[io][e2e]") {
    Rig rig("tcp://127.0.0.1:*");
    rig.io.start();
    Client client(rig, {"voltage"});
    auto& sub = client.sub;
    auto& req = client.req;
    auto& push = client.push;
    rig.loop.start();
    const json list = request(req, {{"cmd", "list"}});
    CHECK(std::find(list["parameters"].begin(), list["parameters"].end(), "weight:syn") !=
          list["parameters"].end());
    CHECK(list["parameter_units"]["weight:syn"] == "uS");
    const json per_member =
        request(req, {{"cmd", "set"}, {"target", "weight:syn"}, {"value", 2}, {"member", 0}});
    CHECK(per_member["ok"] == false);
    CHECK_THAT(per_member["error"].get<std::string>(), Catch::Contains("give member -1"));
    REQUIRE(request(req, {{"cmd", "set"}, {"target", "weight:syn"}, {"value", 2}})["ok"] == true);
    // An event of 0.05 µS now arrives as 0.1 µS: the first row with g shows it, decayed once.
    std::uint64_t now_step = 0;
    REQUIRE(receive_until(sub, 30, [&](const std::string&, auto p) {
        now_step = io::read_le<std::uint64_t>(p.data() + 16);
        return true;
    }));
    const std::uint64_t target = now_step + 300;
    push.send(
        zmq::buffer(io::encode_events(std::vector<io::WireEvent>{{0, -1, 0.05, target, 0}}, 1)),
        zmq::send_flags::none);
    double g_at = -1;
    REQUIRE(receive_until(sub, 30, [&](const std::string&, auto p) {
        const auto first = io::read_le<std::uint64_t>(p.data() + 16);
        const auto rows = io::read_le<std::uint32_t>(p.data() + 40),
                   cols = io::read_le<std::uint32_t>(p.data() + 44);
        for (std::uint32_t r = 0; r < rows; ++r)
            if (first + r == target)
                g_at = io::read_le<double>(p.data() + 48 + (r * cols + 1) * 8);
        return g_at >= 0;
    }));
    CHECK(g_at == Approx(2 * 0.05 * std::exp(-0.1 / 0.2)));
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    rig.loop.join();
    rig.io.join();
}

// ---- A network over ZeroMQ: names with their group, members of the whole network ----
#include "support/network_fixtures.hpp"
#include "tools/network/realtime_network.hpp"

TEST_CASE(
    "a network over ZeroMQ: metadata lists the groups, an event reaches one member of "
    "one group and its spike comes back with its network member",
    "[io][e2e][network]") {
    Cell quiet = test::neuron_compartment(1);
    Cell targets = test::neuron_compartment(2);
    targets.place(ls::location(0, 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}, {"e", 0.0}}, {}});
    Network net;
    net.add_group("Q", std::move(quiet));
    net.add_group("T", std::move(targets));
    tools::RealtimeNetwork rn(std::move(net), 2);
    rt::KernelModelOf<tools::RealtimeNetwork> model(rn);
    rt::LoopConfig lc;
    lc.dt_ms = 0.025;
    lc.priority = 0;
    lc.lock_memory = false;
    lc.frame_every = 4;
    lc.snapshot_interval_s = 0.05;
    io::KernelLoop loop(model, lc);
    io::IoConfig c;
    c.enabled = true;
    c.publish = "tcp://127.0.0.1:*";
    c.control = "tcp://127.0.0.1:*";
    c.telemetry_interval_s = 0.05;
    io::InputBinding drive;
    drive.name = "drive";
    drive.target = "T.exc";
    drive.endpoint = "tcp://127.0.0.1:*";
    c.inputs = {drive};
    io::IoThread io(loop, model, c, "network test");
    io.start();
    zmq::context_t ctx{1};
    zmq::socket_t sub{ctx, zmq::socket_type::sub}, req{ctx, zmq::socket_type::req},
        push{ctx, zmq::socket_type::push};
    for (auto* s : {&sub, &req, &push})
        s->set(zmq::sockopt::linger, 0);
    req.set(zmq::sockopt::rcvtimeo, 30000);
    sub.connect(io.publish_endpoint());
    sub.set(zmq::sockopt::subscribe, "");
    req.connect(io.control_endpoint());
    push.connect(io.input_endpoint("drive"));
    loop.start();

    const json meta = request(req, {{"cmd", "metadata"}});
    CHECK(meta["members"] == 3);
    CHECK(meta["groups"] == json::array({{{"name", "Q"}, {"first_member", 0}, {"members", 1}},
                                         {{"name", "T"}, {"first_member", 1}, {"members", 2}}}));
    CHECK(meta["synapses"] == json::array({"T.exc"}));
    CHECK(meta["probes"] == json::array({"Q.v_soma", "T.v_soma#0", "T.v_soma#1"}));

    std::uint64_t now_step = 0;
    REQUIRE(receive_until(sub, 30, [&](const std::string& topic, std::span<const std::uint8_t> p) {
        if (topic != "voltage")
            return false;
        now_step = io::read_le<std::uint64_t>(p.data() + 16);
        return now_step > 0;
    }));
    // Network member 2 is T:1: a strong event makes it fire; T:0 and Q:0 stay quiet.
    const std::uint64_t target = now_step + 400;
    push.send(
        zmq::buffer(io::encode_events(std::vector<io::WireEvent>{{2, -1, 0.1, target, 0.0}}, 1)),
        zmq::send_flags::none);
    std::vector<std::int32_t> members, groups;
    REQUIRE(receive_until(sub, 30, [&](const std::string& topic, std::span<const std::uint8_t> p) {
        if (topic != "spikes")
            return false;
        const auto n = io::read_le<std::uint32_t>(p.data() + 16);
        for (std::uint32_t i = 0; i < n; ++i) {
            members.push_back(io::read_le<std::int32_t>(p.data() + 20 + 24 * i + 16));
            groups.push_back(io::read_le<std::int32_t>(p.data() + 20 + 24 * i + 20));
        }
        return !members.empty();
    }));
    CHECK(members == std::vector<std::int32_t>{2});
    CHECK(groups == std::vector<std::int32_t>{1});  // T
    // A parameter of one group, set for one network member by name.
    const json set = request(req, {{"cmd", "set"}, {"target", "T.exc.tau"}, {"value", 3.0}});
    CHECK(set["ok"] == true);
    CHECK(request(req, {{"cmd", "stop"}})["ok"] == true);
    loop.join();
    io.join();
    // T's two cells are stepped in parts on the two threads: the set reaches both.
    Network& stepped = rn.network();
    for (std::size_t k = 0; k < stepped.parts(1); ++k)
        CHECK(stepped.part(1, k).parameter("exc", "tau")[0] == 3.0);
}
