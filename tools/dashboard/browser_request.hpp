#pragma once
// What a browser may send the dashboard over its WebSocket, one JSON object per message:
//
//   {"type": "view", "window_ms": 2000, "width_px": 900, "columns": [0, 1]}
//       what to show: the window's length [ms], its width in pixels (one min/max bucket per
//       pixel) and which probe columns (indices in the metadata's `probes`);
//   {"type": "control", "id": 7, "request": {"cmd": "set", "target": "stim.amp", "value": 0.2}}
//       a control request for the kernel (io/PROTOCOL.md "Control"), answered by
//       {"type": "reply", "id": 7, "reply": {...}}. Only the commands a rig user steers with are
//       passed on: status, list, metadata, pending, pause, resume, reset_state, set, cancel (not
//       stop: a page does not end a run).
//
// Everything else is refused with an error naming what was wrong; the browser is untrusted.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tools/dashboard/view_feed.hpp"

namespace rtcell::tools {

struct BrowserRequest {
    enum class Kind { view, control, invalid } kind = Kind::invalid;
    ViewChoice view;
    std::int64_t id = 0;  // a control request's id, echoed in its reply
    nlohmann::json control;
    std::string error;
};

BrowserRequest parse_browser_request(std::string_view text);

}  // namespace rtcell::tools
