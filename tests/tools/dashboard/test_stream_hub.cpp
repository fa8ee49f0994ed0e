// The dashboard's view of the kernel's stream: connection states, gaps, restarts, bounded
// telemetry history, and frames passed to the browsers' feeds.
#include <catch2/catch.hpp>
#include <chrono>

#include "tools/dashboard/stream_hub.hpp"

using namespace rtcell;
using tools::LinkState;
using tools::StreamHub;
using tools::StreamMessage;

namespace {
StreamMessage json_message(io::MessageType type, std::uint64_t seq, std::string body) {
    StreamMessage m;
    m.kind = StreamMessage::Kind::json;
    m.type = type;
    m.sequence = seq;
    m.json = std::move(body);
    return m;
}

StreamMessage frame_message(std::uint64_t seq, double t0) {
    StreamMessage m;
    m.kind = StreamMessage::Kind::voltage;
    m.type = io::MessageType::voltage;
    m.sequence = seq;
    m.frame = {1, t0, 0.1, 10, 1, std::vector<double>(10, -65.0)};
    return m;
}
}  // namespace

TEST_CASE("the link goes waiting, connected, gone, and a restart is a new stream", "[dashboard]") {
    StreamHub hub(1.0);  // gone after 1 s of silence
    auto t = StreamHub::Clock::now();
    CHECK(hub.status(t).state == LinkState::waiting);
    hub.message("metadata",
                json_message(io::MessageType::metadata, 1,
                             R"({"control_endpoint":"ipc:///tmp/c","probes":["v"]})"),
                t);
    CHECK(hub.status(t).state == LinkState::connected);
    CHECK(hub.control_endpoint() == "ipc:///tmp/c");
    CHECK(hub.wants_list());
    hub.set_list(nlohmann::json{{"ok", true}});
    CHECK_FALSE(hub.wants_list());
    hub.check(t + std::chrono::milliseconds(900));
    CHECK(hub.status(t).state == LinkState::connected);
    hub.check(t + std::chrono::milliseconds(1100));
    CHECK(hub.status(t).state == LinkState::gone);
    // The kernel comes back: a new stream, whose list is asked for again.
    t += std::chrono::seconds(2);
    hub.message("metadata", json_message(io::MessageType::metadata, 1, R"({"probes":["v"]})"), t);
    const auto s = hub.status(t);
    CHECK(s.state == LinkState::connected);
    CHECK(s.epoch == 1);
    CHECK(hub.wants_list());
    // Silent, then heard again with its sequence going on: a stalled kernel, the same stream.
    hub.check(t + std::chrono::milliseconds(1500));
    CHECK(hub.status(t).state == LinkState::gone);
    hub.message("metadata", json_message(io::MessageType::metadata, 2, R"({"probes":["v"]})"), t);
    CHECK(hub.status(t).state == LinkState::connected);
    CHECK(hub.status(t).epoch == 1);
    // Its end message: ended, and a sequence number going back is a new stream too.
    hub.message("end", json_message(io::MessageType::end, 1, R"({"reason":"finished"})"), t);
    CHECK(hub.status(t).state == LinkState::ended);
}

TEST_CASE("sequence gaps are counted per topic; malformed messages too", "[dashboard]") {
    StreamHub hub(3.0);
    const auto t = StreamHub::Clock::now();
    hub.message("voltage", frame_message(1, 0), t);
    hub.message("voltage", frame_message(2, 1), t);
    hub.message("voltage", frame_message(6, 2), t);  // 3, 4 and 5 were lost
    hub.message("voltage", frame_message(3, 3), t);  // back: a restarted kernel
    StreamMessage bad;
    bad.error = "too short";
    hub.message("spikes", bad, t);
    const auto s = hub.status(t);
    CHECK(s.missed.at("voltage") == 3);
    CHECK(s.epoch == 1);
    CHECK(s.malformed == 1);
    CHECK(s.received == 5);
}

TEST_CASE("telemetry history is bounded; readers get only what is new", "[dashboard]") {
    StreamHub hub(3.0);
    const auto t = StreamHub::Clock::now();
    std::uint64_t seen = 0;
    for (std::uint64_t i = 1; i <= StreamHub::kTelemetryHistory + 50; ++i)
        hub.message(
            "telemetry",
            json_message(io::MessageType::telemetry, i, "{\"steps\": " + std::to_string(i) + "}"),
            t);
    auto all = hub.telemetry_since(seen);
    CHECK(all.size() == StreamHub::kTelemetryHistory);
    CHECK(all.back()["steps"] == StreamHub::kTelemetryHistory + 50);
    CHECK(hub.telemetry_since(seen).empty());
    hub.message("telemetry", json_message(io::MessageType::telemetry, 1000, "not json"), t);
    CHECK(hub.status(t).malformed == 1);
    std::uint64_t version = 0;
    CHECK(hub.metadata_if_newer(version).is_null());  // no metadata yet
}

TEST_CASE("frames and spikes reach every live feed", "[dashboard]") {
    StreamHub hub(3.0);
    auto feed = std::make_shared<tools::ViewFeed>();
    feed->choose({10.0, 100, {0}});  // 0.1 ms buckets
    hub.attach(feed);
    {
        auto gone = std::make_shared<tools::ViewFeed>();
        hub.attach(gone);  // a browser that left: its feed expires and is skipped
    }
    const auto t = StreamHub::Clock::now();
    hub.message("voltage", frame_message(1, 0.0), t);  // rows at 0.0 .. 0.9 ms
    StreamMessage spikes;
    spikes.kind = StreamMessage::Kind::spikes;
    spikes.type = io::MessageType::spikes;
    spikes.sequence = 1;
    spikes.spikes = {{10, 0.25, 0, 0}};
    hub.message("spikes", spikes, t);
    const auto u = feed->take();
    CHECK(u.buckets.t.size() == 9);  // the tenth still fills
    REQUIRE(u.spikes.size() == 1);
    CHECK(u.spikes[0].t_ms == 0.25);
}
