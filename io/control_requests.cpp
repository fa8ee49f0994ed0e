#include "io/control_requests.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "model/mechanisms/param_range.hpp"
#include "model/util/did_you_mean.hpp"

namespace rtcell::io {

using json = nlohmann::json;
using K = rt::ControlMessage::Kind;

namespace {
// A request's numeric field, or `fallback` when absent; std::invalid_argument when not a number.
double number(const json& req, const char* key, double fallback) {
    if (!req.contains(key))
        return fallback;
    if (!req[key].is_number())
        throw std::invalid_argument(std::string("field '") + key + "' must be a number");
    return req[key].get<double>();
}

// A whole number in [lo, hi] or the error naming the field.
double whole_number(const json& req, const char* key, double fallback, double lo, double hi) {
    const double v = number(req, key, fallback);
    if (!(v >= lo && v <= hi) || v != std::floor(v))
        throw std::invalid_argument(std::string("field '") + key + "' must be a whole number in [" +
                                    json(lo).dump() + ", " + json(hi).dump() + "]");
    return v;
}

// Parses a request, refusing nesting deeper than kMaxRequestDepth and a key given twice in
// one object. nlohmann's parser is iterative, so deep input cannot overflow the stack; the
// callback only records what it saw.
json parse_request(std::string_view text) {
    std::vector<std::set<std::string>> keys;
    std::string duplicate;
    bool too_deep = false;
    auto check = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth > kMaxRequestDepth)
            too_deep = true;
        if (event == json::parse_event_t::object_start)
            keys.emplace_back();
        else if (event == json::parse_event_t::object_end && !keys.empty())
            keys.pop_back();
        else if (event == json::parse_event_t::key && !keys.empty() &&
                 !keys.back().insert(parsed.get<std::string>()).second && duplicate.empty())
            duplicate = parsed.get<std::string>();
        return !too_deep;
    };
    json req = json::parse(text.begin(), text.end(), check);
    if (too_deep)
        throw std::invalid_argument("request nested deeper than " +
                                    std::to_string(kMaxRequestDepth) + " levels");
    if (!duplicate.empty())
        throw std::invalid_argument("key '" + duplicate + "' given twice");
    return req;
}

std::string text_of(const json& reply) {
    return reply.dump(-1, ' ', false, json::error_handler_t::replace);
}
}  // namespace

json ControlRequests::refuse(const std::string& error) {
    stats_.update([](IoCounters& c) { ++c.requests_refused; });
    return {{"ok", false}, {"error", error}};
}

std::string ControlRequests::answer(std::string_view request) noexcept {
    try {
        return text_of(handle(request));
    } catch (...) {
        // Only allocation can fail here; a fixed reply needs none.
        return R"({"ok": false, "error": "internal error while answering the request"})";
    }
}

std::string ControlRequests::refuse_frames(std::size_t frames) noexcept {
    try {
        stats_.update([](IoCounters& c) { ++c.requests; });
        return text_of(refuse("a request is one frame, not " + std::to_string(frames)));
    } catch (...) {
        return R"({"ok": false, "error": "a request is one frame"})";
    }
}

json ControlRequests::handle(std::string_view text) {
    stats_.update([](IoCounters& c) { ++c.requests; });
    if (text.size() > kMaxRequestBytes)
        return refuse("request of " + std::to_string(text.size()) + " bytes; the limit is " +
                      std::to_string(kMaxRequestBytes));
    json req;
    try {
        req = parse_request(text);
    } catch (const json::exception& e) {
        return refuse(std::string("request is not JSON: ") + e.what());
    } catch (const std::invalid_argument& e) {
        return refuse(e.what());
    }
    if (!req.is_object() || !req.contains("cmd") || !req["cmd"].is_string())
        return refuse("a request is an object with a string field 'cmd'");
    try {
        return dispatch(req);
    } catch (const std::exception& e) {
        return refuse(e.what());
    }
}

json ControlRequests::dispatch(const json& req) {
    const std::string cmd = req["cmd"];
    const auto step = static_cast<std::uint64_t>(whole_number(req, "step", 0, 0, kMaxRequestStep));
    const std::map<std::string, K> simple = {{"pause", K::pause},
                                             {"resume", K::resume},
                                             {"stop", K::stop},
                                             {"reset_state", K::reset_state}};
    if (auto it = simple.find(cmd); it != simple.end()) {
        std::uint64_t id = 0;
        const bool sent = kernel_.send(rt::ControlMessage{it->second, step, -1, -1, 0}, &id);
        return queued(sent, id);
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
    if (cmd == "pending") {
        const auto now = kernel_.kernel().position();
        return {{"ok", true},
                {"lead_steps", kernel_.lead()},
                {"pending", kernel_.list(info_)},
                {"tick", now.tick},
                {"step", now.step}};
    }
    if (cmd == "cancel")
        return cancel(req);
    return refuse("unknown cmd '" + cmd + "'" +
                  did_you_mean(cmd, std::vector<std::string>{"status", "pause", "resume", "stop",
                                                             "reset_state", "set", "list",
                                                             "metadata", "pending", "cancel"}));
}

// ok only for a request that was queued: at once (the loop's queue), or to wait here for its
// step, with the id that cancels it.
json ControlRequests::queued(bool sent, std::uint64_t pending_id) {
    if (!sent)
        return refuse(kernel_.size() >= kMaxPendingMessages
                          ? "too many requests wait for later steps (" +
                                std::to_string(kMaxPendingMessages) + "); cancel some"
                          : "the control queue is full");
    if (pending_id)
        return {{"ok", true}, {"pending_id", pending_id}};
    return {{"ok", true}};
}

// {"cmd": "cancel", "id": N} or {"cmd": "cancel", "all": true}: what waits for a later step.
json ControlRequests::cancel(const json& req) {
    if (req.contains("all")) {
        if (!req["all"].is_boolean() || !req["all"].get<bool>())
            return refuse("field 'all' must be true");
        return {{"ok", true}, {"cancelled", kernel_.cancel_all()}};
    }
    const auto id = static_cast<std::uint64_t>(whole_number(req, "id", 0, 1, kMaxRequestStep));
    if (!kernel_.cancel(id))
        return refuse("nothing pending has id " + std::to_string(id) +
                      " (it may have been applied; see 'pending')");
    return {{"ok", true}, {"cancelled", 1}};
}

json ControlRequests::set(const json& req, std::uint64_t step) {
    if (!req.contains("target") || !req["target"].is_string())
        return refuse("set needs a string 'target' such as \"stim.amp\" or \"weight:syn\"");
    const std::string target = req["target"];
    const auto it = info_.parameters.find(target);
    if (it == info_.parameters.end() && target.rfind("weight:", 0) == 0 && set_io_weight_) {
        const std::string syn = target.substr(7);
        const auto& io = info_.io_weight_synapses;
        if (std::find(io.begin(), io.end(), syn) != io.end())
            return set_zeromq_weight(req, syn, step);
    }
    if (it == info_.parameters.end()) {
        std::vector<std::string> names;
        for (const auto& [n, h] : info_.parameters)
            names.push_back(n);
        for (const auto& syn : info_.io_weight_synapses)
            names.push_back("weight:" + syn);
        return refuse("unknown target '" + target + "'" + did_you_mean(target, names));
    }
    const double value = number(req, "value", NAN);
    if (!std::isfinite(value))
        return refuse("set needs a finite number 'value'");
    if (const auto u = info_.units.find(target); u != info_.units.end()) {
        try {  // the mechanism's physical range: no negative conductance or time constant
            check_unit_range(u->second.c_str(), value, target);
        } catch (const InputError& e) {
            return refuse(e.what());
        }
    }
    const double member = number(req, "member", -1);
    if (member != -1 && !(member >= 0 && member < static_cast<double>(info_.members) &&
                          member == std::floor(member)))
        return refuse("field 'member' must be -1 (every member) or a member index below " +
                      std::to_string(info_.members));
    const bool weight = target.rfind("weight:", 0) == 0;
    std::uint64_t id = 0;
    const bool sent =
        kernel_.send(rt::ControlMessage{weight ? K::set_weight : K::set_parameter, step, it->second,
                                        static_cast<std::int32_t>(member), value},
                     &id);
    return queued(sent, id);
}

// The weight of a ZeroMQ events binding: it scales events as the IO thread receives them, so it
// takes effect for the next event received, for every member.
json ControlRequests::set_zeromq_weight(const json& req, const std::string& synapse,
                                        std::uint64_t step) {
    const double value = number(req, "value", NAN);
    if (!std::isfinite(value))
        return refuse("set needs a finite number 'value'");
    if (number(req, "member", -1) != -1)
        return refuse("weight:" + synapse +
                      " is a ZeroMQ binding's weight, the same for every member: give member -1");
    if (step != 0)
        return refuse("weight:" + synapse +
                      " is a ZeroMQ binding's weight, applied to events as they arrive: give no "
                      "step");
    set_io_weight_(synapse, value);
    return {{"ok", true}};
}

json ControlRequests::list() const {
    json params = json::array(), units = json::object();
    for (const auto& [n, h] : info_.parameters) {
        params.push_back(n);
        const auto u = info_.units.find(n);
        units[n] = u != info_.units.end() ? u->second : n.rfind("weight:", 0) == 0 ? "uS" : "";
    }
    for (const auto& syn : info_.io_weight_synapses) {
        params.push_back("weight:" + syn);
        units["weight:" + syn] = "uS";
    }
    return {{"ok", true},
            {"synapses", info_.synapse_names},
            {"probes", info_.probe_names},
            {"parameters", params},
            {"parameter_units", units},
            {"bindings", metadata_()["inputs"]}};
}

}  // namespace rtcell::io
