#include "config/io_config_yaml.hpp"

#include <filesystem>

#include "io/socket_table.hpp"

namespace rtcell {
namespace {

std::string at(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
}

void check_endpoint(const yaml::Context& ctx, const YAML::Node& node, const std::string& field) {
    const std::string e = yaml::get_string(ctx, node, field);
    for (const char* scheme : {"tcp://", "ipc://", "inproc://"})
        if (e.rfind(scheme, 0) == 0 && e.size() > std::string(scheme).size())
            return;
    ctx.fail(node, field,
             "'" + e + "' is not a ZeroMQ endpoint (tcp://host:port, ipc://path or inproc://name)");
}

}  // namespace

io::IoConfig parse_io(const yaml::Context& ctx, const YAML::Node& node) {
    io::IoConfig c;
    if (!node)
        return c;
    c.enabled = true;
    const std::string f = "io";
    yaml::check_keys(
        ctx, node, f,
        {"publish", "control", "voltage", "telemetry_interval", "metadata_interval",
         "high_water_mark", "inputs", "busy_poll", "curve", "priority", "cpu", "wake"});
    if (const YAML::Node k = node["curve"]) {
        // Key files relative to the configuration's folder, as morphology files are.
        yaml::check_keys(ctx, k, f + ".curve", {"secret_key", "authorized_keys"});
        auto path = [&](const char* key) {
            std::filesystem::path p = yaml::get_string(ctx, k[key], f + ".curve." + key);
            if (p.is_relative())
                p = std::filesystem::path(ctx.file).parent_path() / p;
            return p.string();
        };
        c.curve.secret_key_file = path("secret_key");
        c.curve.authorized_keys_file = path("authorized_keys");
    }
    if (node["busy_poll"])
        c.busy_poll = yaml::get_bool(ctx, node["busy_poll"], f + ".busy_poll");
    if (node["wake"]) {
        const std::string w = yaml::get_string(ctx, node["wake"], f + ".wake");
        if (w != "poll" && w != "schedule")
            ctx.fail(node["wake"], f + ".wake", "'" + w + "' is not poll or schedule");
        c.wake = w == "schedule" ? io::IoConfig::Wake::schedule : io::IoConfig::Wake::poll;
    }
    if (node["priority"]) {
        c.priority = yaml::get_int(ctx, node["priority"], f + ".priority");
        if (c.priority < 0 || c.priority > 99)
            ctx.fail(node["priority"], f + ".priority",
                     "must be 1-99 (SCHED_FIFO) or 0 (the normal scheduler)");
    }
    if (node["cpu"]) {
        c.cpu = yaml::get_int(ctx, node["cpu"], f + ".cpu");
        if (c.cpu < 0 || c.cpu > 1023)
            ctx.fail(node["cpu"], f + ".cpu", "must be a CPU number 0-1023");
    }
    if (node["publish"]) {
        check_endpoint(ctx, node["publish"], f + ".publish");
        c.publish = node["publish"].Scalar();
    }
    if (node["control"]) {
        check_endpoint(ctx, node["control"], f + ".control");
        c.control = node["control"].Scalar();
    }
    if (const YAML::Node v = node["voltage"]) {
        yaml::check_keys(ctx, v, f + ".voltage", {"every", "rows_per_message"});
        const int every = yaml::get_int(ctx, v["every"], f + ".voltage.every");
        if (every < 1)
            ctx.fail(v["every"], f + ".voltage.every", "must be at least 1 (steps)");
        c.frame_every = static_cast<std::uint32_t>(every);
        if (v["rows_per_message"]) {
            const int rows =
                yaml::get_int(ctx, v["rows_per_message"], f + ".voltage.rows_per_message");
            if (rows < 1 || rows > 100000)
                ctx.fail(v["rows_per_message"], f + ".voltage.rows_per_message",
                         "must be 1 to 100000");
            c.rows_per_message = static_cast<std::uint32_t>(rows);
        }
    }
    auto interval = [&](const char* key, double& into) {
        if (!node[key])
            return;
        into = yaml::get_quantity(ctx, node[key], f + "." + key, units::Dimension::time) * 1e-3;
        if (!(into > 0))
            ctx.fail(node[key], f + "." + key, "must be positive");
    };
    interval("telemetry_interval", c.telemetry_interval_s);
    interval("metadata_interval", c.metadata_interval_s);
    if (const YAML::Node h = node["high_water_mark"]) {
        yaml::check_keys(ctx, h, f + ".high_water_mark", {"send", "receive"});
        if (h["send"])
            c.send_hwm = yaml::get_int(ctx, h["send"], f + ".high_water_mark.send");
        if (h["receive"])
            c.receive_hwm = yaml::get_int(ctx, h["receive"], f + ".high_water_mark.receive");
        if (c.send_hwm < 1 || c.receive_hwm < 1)
            ctx.fail(h, f + ".high_water_mark", "must be at least 1");
    }
    if (const YAML::Node list = node["inputs"]) {
        if (!list.IsSequence())
            ctx.fail(list, f + ".inputs", "expected a list of bindings");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node b = list[i];
            const std::string bf = at(f + ".inputs", i);
            yaml::check_keys(ctx, b, bf,
                             {"name", "kind", "synapse", "target", "socket", "endpoint", "bind",
                              "topic", "weight", "transform"});
            io::InputBinding in;
            in.name = b["name"] ? yaml::get_string(ctx, b["name"], bf + ".name")
                                : "input" + std::to_string(i);
            const std::string kind =
                b["kind"] ? yaml::get_string(ctx, b["kind"], bf + ".kind") : "events";
            if (kind == "events") {
                in.kind = io::InputBinding::Kind::events;
                in.target = yaml::get_string(ctx, b["synapse"], bf + ".synapse");
                if (b["target"])
                    ctx.fail(b["target"], bf + ".target",
                             "events bind a 'synapse'; 'target' is for values");
            } else if (kind == "values") {
                in.kind = io::InputBinding::Kind::values;
                in.target = yaml::get_string(ctx, b["target"], bf + ".target");
                if (b["synapse"])
                    ctx.fail(b["synapse"], bf + ".synapse",
                             "values bind a 'target' such as stim.amp");
            } else if (kind == "samples") {  // a dynamic clamp's samples (README)
                in.kind = io::InputBinding::Kind::samples;
                if (b["synapse"] || b["target"])
                    ctx.fail(b["synapse"] ? b["synapse"] : b["target"], bf,
                             "samples go to the dynamic clamp's live membrane: no synapse or "
                             "target");
            } else {
                ctx.fail(b["kind"], bf + ".kind",
                         "'" + kind + "' is not events, values or samples");
            }
            const std::string socket =
                b["socket"] ? yaml::get_string(ctx, b["socket"], bf + ".socket") : "pull";
            if (!io::find_input_socket(socket, in.socket))
                ctx.fail(b["socket"], bf + ".socket", "'" + socket + "' is not sub or pull");
            check_endpoint(ctx, b["endpoint"], bf + ".endpoint");
            in.endpoint = b["endpoint"].Scalar();
            if (b["bind"])
                in.bind = yaml::get_bool(ctx, b["bind"], bf + ".bind");
            if (b["topic"]) {
                if (!io::input_socket_kind(in.socket).topic)
                    ctx.fail(b["topic"], bf + ".topic", "only a sub socket has a topic");
                in.topic = yaml::get_string(ctx, b["topic"], bf + ".topic");
            }
            if (b["weight"])
                in.weight = yaml::get_number(ctx, b["weight"], bf + ".weight");
            if (const YAML::Node t = b["transform"]) {
                const std::string tf = bf + ".transform";
                yaml::check_keys(ctx, t, tf, {"scale", "offset", "clip", "members"});
                if (t["scale"])
                    in.scale = yaml::get_number(ctx, t["scale"], tf + ".scale");
                if (t["offset"])
                    in.offset = yaml::get_number(ctx, t["offset"], tf + ".offset");
                if (const YAML::Node clip = t["clip"]) {
                    if (!clip.IsSequence() || clip.size() != 2)
                        ctx.fail(clip, tf + ".clip", "expected [low, high]");
                    in.clip_lo = yaml::get_number(ctx, clip[0], tf + ".clip[0]");
                    in.clip_hi = yaml::get_number(ctx, clip[1], tf + ".clip[1]");
                    if (in.clip_lo > in.clip_hi)
                        ctx.fail(clip, tf + ".clip", "low must not exceed high");
                }
                if (const YAML::Node m = t["members"]) {
                    if (!m.IsSequence())
                        ctx.fail(m, tf + ".members", "expected a list of member indices");
                    for (std::size_t k = 0; k < m.size(); ++k)
                        in.members.push_back(yaml::get_int(ctx, m[k], at(tf + ".members", k)));
                }
            }
            c.inputs.push_back(in);
        }
    }
    return c;
}

}  // namespace rtcell
