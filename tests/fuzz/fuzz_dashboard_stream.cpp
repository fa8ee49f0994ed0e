// Fuzz target: a kernel's PUB messages as the dashboard takes them (tools/dashboard): decoded,
// fed through the StreamHub into a browser's ViewFeed, and turned into the browser's update,
// which must be JSON whatever the bytes. The first byte picks the topic the message came on.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_target.hpp"
#include "tools/dashboard/stream_hub.hpp"
#include "tools/dashboard/update_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rtcell::tools;
    static StreamHub hub(3.0);
    static const auto feed = [] {
        auto f = std::make_shared<ViewFeed>();
        f->choose({50.0, 64, {0, 1, 2}});
        hub.attach(f);
        return f;
    }();
    if (size == 0)
        return 0;
    static const char* const topics[] = {"spikes", "voltage", "telemetry", "metadata", "end"};
    const std::string topic = topics[data[0] % 5];
    const StreamMessage m = decode_stream_message({data + 1, size - 1});
    hub.message(topic, m, StreamHub::Clock::now());
    UpdateParts parts;
    parts.link = hub.status(StreamHub::Clock::now());
    parts.view = feed->take();
    static std::uint64_t version = 0, seen = 0;  // as a browser's session keeps them
    parts.metadata = hub.metadata_if_newer(version);
    parts.telemetry = hub.telemetry_since(seen);
    const std::string text = update_message(parts);
    if (!nlohmann::json::accept(text))
        rtcell::fuzz::fail("the update is not JSON: " + text.substr(0, 200));
    return 0;
}
