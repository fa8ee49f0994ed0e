// Samples over ZeroMQ for a dynamic clamp of several rig channels (io/input_path.cpp): a
// record's member names its channel, each channel's exchange gets only its own samples, and a
// member that is no channel is dropped as bad_member.
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <thread>
#include <zmq.hpp>

#include "io/io_thread.hpp"
#include "io/wire_format.hpp"
#include "model/cell/cell.hpp"
#include "model/clamp/live_membrane.hpp"
#include "rt/deadline_loop.hpp"

using namespace rtcell;

namespace {
bool wait_until(const std::function<bool()>& condition) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!condition() && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return condition();
}
}  // namespace

TEST_CASE("a sample's member names its rig channel; other members are dropped",
          "[io][clamp][channels]") {
    CellOptions o;
    o.live = LiveMembraneOptions{};
    o.pop_size = {2};
    Cell live(live_membrane_morphology(1000), o);
    rt::KernelModelOf<Cell> model(live);
    rt::LoopConfig lc;
    lc.dt_ms = 1.0;
    lc.priority = 0;
    lc.lock_memory = false;
    io::KernelLoop loop(model, lc);  // not started: the IO thread alone writes the exchanges
    io::IoConfig c;
    c.enabled = true;
    io::InputBinding samples;
    samples.name = "samples";
    samples.kind = io::InputBinding::Kind::samples;
    samples.endpoint = "tcp://127.0.0.1:*";
    c.inputs = {samples};
    io::IoThread io(loop, model, c, "test");
    rt::ClampExchange channel[2];
    io.clamp_samples_to({&channel[0], &channel[1]});
    io.start();

    zmq::context_t ctx(1);
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.connect(io.input_endpoint("samples"));
    const std::vector<io::WireValue> records{
        {0, -61.0, 7}, {1, -72.0, 9}, {2, -50.0, 3}, {-1, -40.0, 4}, {1, -73.0, 0}};
    const auto payload = io::encode_values(records, 1);
    push.send(zmq::buffer(payload), zmq::send_flags::none);
    REQUIRE(wait_until([&] {
        const auto counters = io.counters();
        return counters.values +
                   counters.dropped[static_cast<std::size_t>(io::DropReason::bad_member)] ==
               records.size();
    }));
    CHECK(io.counters().dropped[static_cast<std::size_t>(io::DropReason::bad_member)] == 2);
    rt::ClampSample s;
    REQUIRE(rt::read_sample(channel[0], s));
    CHECK(s.index == 7);
    CHECK(s.v_mV == -61.0);
    REQUIRE(rt::read_sample(channel[1], s));
    CHECK(s.index == 10);  // no index: the one after that channel's last
    CHECK(s.v_mV == -73.0);
    io.request_stop();
    io.join();
}
