#pragma once
// The message the dashboard sends each browser every push interval, as JSON text:
//
//   {"type": "update",
//    "link": {"state": "connected", "in_state_s", "quiet_s", "epoch", "received", "malformed",
//             "missed": {topic: n}},                    — the kernel's stream, as the hub sees it
//    "behind": {"updates_dropped", "buckets_dropped", "spikes_dropped"}  — this browser's losses
//    "buckets": {"width_ms", "t": [...], "y": [[...] per column], "restarted"},
//    "spikes": [[t_ms, member, group], ...],
//    "telemetry": [...] (new ones), "metadata": {...}, "list": {...}  (only when new)}
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/dashboard/stream_hub.hpp"
#include "tools/dashboard/view_feed.hpp"

namespace rtcell::tools {

struct UpdateParts {
    HubStatus link;
    ViewUpdate view;
    std::uint64_t updates_dropped = 0;
    std::vector<nlohmann::json> telemetry;
    nlohmann::json metadata, list;  // null: unchanged
};

std::string update_message(const UpdateParts& parts);

}  // namespace rtcell::tools
