#include "tools/dashboard/browser_request.hpp"

#include <array>

namespace rtcell::tools {

using nlohmann::json;

namespace {
constexpr std::array kPassedCommands = {"status", "list",  "metadata",    "pending", "pause",
                                        "resume", "reset_state", "set", "cancel"};

BrowserRequest invalid(std::string why) {
    BrowserRequest r;
    r.error = std::move(why);
    return r;
}

BrowserRequest parse_view(const json& m) {
    BrowserRequest r;
    const auto window = m.find("window_ms"), width = m.find("width_px"), cols = m.find("columns");
    if (window == m.end() || !window->is_number() || !(window->get<double>() > 0))
        return invalid("view: 'window_ms' must be a positive number");
    if (width == m.end() || !width->is_number_unsigned())
        return invalid("view: 'width_px' must be a whole number of pixels");
    if (cols == m.end() || !cols->is_array())
        return invalid("view: 'columns' must be a list of probe column indices");
    r.view.window_ms = window->get<double>();
    r.view.width_px = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(width->get<std::uint64_t>(), ViewFeed::kMaxWidth));
    for (const json& c : *cols) {
        if (!c.is_number_unsigned() || c.get<std::uint64_t>() > 1u << 20)
            return invalid("view: a column is not a probe column index");
        r.view.columns.push_back(c.get<std::uint32_t>());
    }
    r.kind = BrowserRequest::Kind::view;
    return r;
}

BrowserRequest parse_control(const json& m) {
    BrowserRequest r;
    const auto id = m.find("id"), req = m.find("request");
    if (id == m.end() || !id->is_number_integer())
        return invalid("control: 'id' must be a whole number");
    if (req == m.end() || !req->is_object() || !req->contains("cmd") || !(*req)["cmd"].is_string())
        return invalid("control: 'request' must be an object with a string 'cmd'");
    const std::string cmd = (*req)["cmd"];
    bool passed = false;
    for (const char* c : kPassedCommands)
        passed = passed || cmd == c;
    if (!passed)
        return invalid("control: the dashboard does not pass on '" + cmd +
                       "' (it passes status, list, metadata, pending, pause, resume, "
                       "reset_state, set and cancel)");
    r.id = id->get<std::int64_t>();
    r.control = *req;
    r.kind = BrowserRequest::Kind::control;
    return r;
}
}  // namespace

BrowserRequest parse_browser_request(std::string_view text) {
    const json m = json::parse(text, nullptr, false);
    if (!m.is_object() || !m.contains("type") || !m["type"].is_string())
        return invalid("a message must be a JSON object with a string 'type'");
    const std::string type = m["type"];
    if (type == "view")
        return parse_view(m);
    if (type == "control")
        return parse_control(m);
    return invalid("unknown message type '" + type + "' (view or control)");
}

}  // namespace rtcell::tools
