#include "io/control_requests.hpp"

#include <cmath>
#include <map>

#include "model/util/did_you_mean.hpp"

namespace rtcell::io {

using json = nlohmann::json;
using K = rt::ControlMessage::Kind;

namespace {
json refuse(const std::string& error) {
    return {{"ok", false}, {"error", error}};
}
// A request's numeric field, or `fallback` when absent; std::invalid_argument when not a number.
double number(const json& req, const char* key, double fallback) {
    if (!req.contains(key))
        return fallback;
    if (!req[key].is_number())
        throw std::invalid_argument(std::string("field '") + key + "' must be a number");
    return req[key].get<double>();
}
}  // namespace

json ControlRequests::handle(const std::string& text) {
    stats_.update([](IoCounters& c) { ++c.requests; });
    json req;
    try {
        req = json::parse(text);
    } catch (const json::parse_error& e) {
        return refuse(std::string("request is not JSON: ") + e.what());
    }
    if (!req.is_object() || !req.contains("cmd") || !req["cmd"].is_string())
        return refuse("a request is an object with a string field 'cmd'");
    const std::string cmd = req["cmd"];
    try {
        const auto step = static_cast<std::uint64_t>(std::max(0.0, number(req, "step", 0)));
        const std::map<std::string, K> simple = {{"pause", K::pause},
                                                 {"resume", K::resume},
                                                 {"stop", K::stop},
                                                 {"reset_state", K::reset_state}};
        if (auto it = simple.find(cmd); it != simple.end()) {
            if (!kernel_.send(rt::ControlMessage{it->second, step, -1, -1, 0}))
                return refuse("the control queue is full");
            return {{"ok", true}};
        }
        if (cmd == "set")
            return set(req, step);
        if (cmd == "status" || cmd == "metadata") {
            json r = cmd == "status" ? status_() : metadata_();
            r["ok"] = true;
            return r;
        }
        if (cmd == "list")
            return list();
        return refuse(
            "unknown cmd '" + cmd + "'" +
            did_you_mean(cmd, std::vector<std::string>{"status", "pause", "resume", "stop",
                                                       "reset_state", "set", "list", "metadata"}));
    } catch (const std::exception& e) {
        return refuse(e.what());
    }
}

json ControlRequests::set(const json& req, std::uint64_t step) {
    if (!req.contains("target") || !req["target"].is_string())
        return refuse("set needs a string 'target' such as \"stim.amp\" or \"weight:syn\"");
    const std::string target = req["target"];
    const auto it = info_.parameters.find(target);
    if (it == info_.parameters.end()) {
        std::vector<std::string> names;
        for (const auto& [n, h] : info_.parameters)
            names.push_back(n);
        return refuse("unknown target '" + target + "'" + did_you_mean(target, names));
    }
    const double value = number(req, "value", NAN);
    if (!std::isfinite(value))
        return refuse("set needs a finite number 'value'");
    const double member = number(req, "member", -1);
    if (member >= static_cast<double>(info_.members) || member != std::floor(member))
        return refuse("member out of range (the population has " + std::to_string(info_.members) +
                      ")");
    const bool weight = target.rfind("weight:", 0) == 0;
    if (!kernel_.send(rt::ControlMessage{weight ? K::set_weight : K::set_parameter, step,
                                         it->second, static_cast<std::int32_t>(member), value}))
        return refuse("the control queue is full");
    return {{"ok", true}};
}

json ControlRequests::list() const {
    json params = json::array();
    for (const auto& [n, h] : info_.parameters)
        params.push_back(n);
    return {{"ok", true},
            {"synapses", info_.synapse_names},
            {"probes", info_.probe_names},
            {"parameters", params},
            {"bindings", metadata_()["inputs"]}};
}

}  // namespace rtcell::io
