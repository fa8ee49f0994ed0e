#include "tools/dashboard/update_message.hpp"

#include <cmath>

namespace rtcell::tools {

using nlohmann::json;

namespace {
json link_json(const HubStatus& s) {
    return {{"state", link_state_name(s.state)}, {"in_state_s", s.in_state_s},
            {"quiet_s", s.quiet_s},               {"epoch", s.epoch},
            {"received", s.received},             {"malformed", s.malformed},
            {"missed", s.missed}};
}

// NaN (a column the rows lack) is not JSON: it goes as null, which the page draws as a gap.
json numbers(const std::vector<double>& v) {
    json a = json::array();
    for (double x : v)
        a.push_back(std::isfinite(x) ? json(x) : json(nullptr));
    return a;
}

json buckets_json(const DecimatedBuckets& b) {
    json y = json::array();
    for (const auto& column : b.y)
        y.push_back(numbers(column));
    return {{"width_ms", b.width_ms}, {"t", b.t}, {"y", y}, {"restarted", b.restarted}};
}
}  // namespace

std::string update_message(const UpdateParts& p) {
    json spikes = json::array();
    for (const StreamSpike& s : p.view.spikes)
        spikes.push_back({s.t_ms, s.member, s.group});
    json m = {{"type", "update"},
              {"link", link_json(p.link)},
              {"behind",
               {{"updates_dropped", p.updates_dropped},
                {"buckets_dropped", p.view.buckets_dropped},
                {"spikes_dropped", p.view.spikes_dropped}}},
              {"buckets", buckets_json(p.view.buckets)},
              {"spikes", spikes}};
    if (!p.telemetry.empty())
        m["telemetry"] = p.telemetry;
    if (!p.metadata.is_null())
        m["metadata"] = p.metadata;
    if (!p.list.is_null())
        m["list"] = p.list;
    // Strings from the kernel are checked UTF-8 on arrival, but a malformed one must not throw here.
    return m.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace rtcell::tools
