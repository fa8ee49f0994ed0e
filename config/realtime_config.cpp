#include "config/realtime_config.hpp"

#include <stdexcept>

#include "model/util/did_you_mean.hpp"

namespace rtcell {

rt::LoopConfig parse_realtime(const yaml::Context& ctx, const YAML::Node& node,
                              const SimulationSettings& sim) {
    rt::LoopConfig c;
    c.dt_ms = sim.dt_ms;
    c.duration_s = sim.duration_ms * 1e-3;
    if (!node)
        return c;
    const std::string f = "realtime";
    yaml::check_keys(ctx, node, f,
                     {"priority", "cpu", "busy_wait", "overrun", "fault", "warmup_steps",
                      "lock_memory", "queues", "floor_first"});
    if (node["priority"])
        c.priority = yaml::get_int(ctx, node["priority"], f + ".priority");
    if (node["cpu"])
        c.cpu = yaml::get_int(ctx, node["cpu"], f + ".cpu");
    if (node["busy_wait"])
        c.busy_wait_us =
            yaml::get_quantity(ctx, node["busy_wait"], f + ".busy_wait", units::Dimension::time) *
            1e3;
    if (node["overrun"]) {
        const std::string p = yaml::get_string(ctx, node["overrun"], f + ".overrun");
        if (p == "catch_up")
            c.overrun = rt::OverrunPolicy::catch_up;
        else if (p == "skip")
            c.overrun = rt::OverrunPolicy::skip;
        else if (p == "stop")
            c.overrun = rt::OverrunPolicy::stop;
        else
            ctx.fail(node["overrun"], f + ".overrun",
                     "unknown policy '" + p + "'" +
                         did_you_mean(p, std::vector<std::string>{"catch_up", "skip", "stop"}) +
                         " (expected catch_up, skip or stop)");
    }
    if (node["fault"]) {
        const std::string p = yaml::get_string(ctx, node["fault"], f + ".fault");
        if (p != "stop" && p != "hold")
            ctx.fail(node["fault"], f + ".fault",
                     "unknown policy '" + p + "'" +
                         did_you_mean(p, std::vector<std::string>{"stop", "hold"}) +
                         " (expected stop or hold)");
        c.fault = p == "hold" ? rt::FaultPolicy::hold : rt::FaultPolicy::stop;
    }
    if (node["warmup_steps"]) {
        const int w = yaml::get_int(ctx, node["warmup_steps"], f + ".warmup_steps");
        if (w < 0)
            ctx.fail(node["warmup_steps"], f + ".warmup_steps", "must not be negative");
        c.warmup_steps = static_cast<std::uint64_t>(w);
    }
    if (node["floor_first"]) {
        c.floor_first_s = yaml::get_quantity(ctx, node["floor_first"], f + ".floor_first",
                                             units::Dimension::time) *
                          1e-3;
        if (c.floor_first_s < 0 || c.floor_first_s > 60)
            ctx.fail(node["floor_first"], f + ".floor_first", "must be between 0 s and 60 s");
    }
    if (node["lock_memory"])
        c.lock_memory = yaml::get_bool(ctx, node["lock_memory"], f + ".lock_memory");
    if (const YAML::Node q = node["queues"]) {
        yaml::check_keys(ctx, q, f + ".queues", {"input", "output", "control"});
        auto size = [&](const char* key, std::size_t& into) {
            if (!q[key])
                return;
            const int n = yaml::get_int(ctx, q[key], f + ".queues." + key);
            if (n < 2 || n > (1 << 24))
                ctx.fail(q[key], f + ".queues." + key, "must be between 2 and 16777216 records");
            into = static_cast<std::size_t>(n);
        };
        size("input", c.input_queue);
        size("output", c.output_queue);
        size("control", c.control_queue);
    }
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {
        ctx.fail(node, f, e.what());
    }
    return c;
}

}  // namespace rtcell
