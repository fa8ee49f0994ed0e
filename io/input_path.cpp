#include "io/input_path.hpp"

#include <algorithm>
#include <cmath>

#include "io/socket_table.hpp"
#include "model/cell/event_timing.hpp"
#include "model/mechanisms/param_range.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::io {

bool InputPath::map_member(std::int32_t m, std::size_t members, std::int32_t& out) const {
    if (m == -1) {
        out = -1;
        return true;
    }
    if (m < 0)
        return false;  // only −1 means every member
    if (!binding.members.empty()) {
        if (static_cast<std::size_t>(m) >= binding.members.size())
            return false;
        m = binding.members[static_cast<std::size_t>(m)];
    }
    if (static_cast<std::size_t>(m) >= members)
        return false;
    out = m;
    return true;
}

double InputPath::transform(double x) const {
    const InputBinding& b = binding;
    return std::clamp(b.scale * x + b.offset, b.clip_lo, b.clip_hi) * b.weight;
}

void InputPath::handle(std::span<const std::uint8_t> payload, PendingMessages& kernel,
                       IoStats& stats, const KernelInfo& info) const {
    stats.update([](IoCounters& c) { ++c.received; });
    DropReason reason{};
    bool ok;
    if (binding.kind == InputBinding::Kind::events) {
        ok = decode_events(payload, reason, [&](const WireEvent& e) {
            rt::InputEvent out;
            if (!std::isfinite(e.weight) || !std::isfinite(e.t_ms) || e.t_ms < 0)
                return stats.drop(DropReason::not_finite);
            if (!map_member(e.member, info.members, out.member))
                return stats.drop(DropReason::bad_member);
            if (e.instance < -1 ||
                (e.instance >= 0 && static_cast<std::size_t>(e.instance) >= instances))
                return stats.drop(DropReason::bad_instance);
            const double t_steps = e.t_ms / info.dt_ms;
            if (e.step > kInputHorizonSteps || t_steps > static_cast<double>(kInputHorizonSteps))
                return stats.drop(DropReason::beyond_horizon);
            out.synapse = target;
            out.instance = e.instance;
            out.weight = transform(e.weight);
            // A time: the step NEURON (and a configuration's inputs:) would deliver it in.
            out.step = e.step ? e.step : (e.t_ms > 0 ? delivery_step(e.t_ms, info.dt_ms) : 0);
            // A full loop queue counts its own drops; a full store of later events is ours.
            if (!kernel.send(out) && kernel.size() >= kMaxPendingMessages)
                return stats.drop(DropReason::pending_full);
            stats.update([](IoCounters& c) { ++c.events; });
        });
    } else if (binding.kind == InputBinding::Kind::samples) {
        // In order, each the newest: the clamp takes the newest at the start of a step. The
        // record's step is the rig's sample index, echoed in the clamp's command.
        ok = decode_values(payload, reason, [&](const WireValue& v) {
            if (!std::isfinite(v.value))
                return stats.drop(DropReason::not_finite);
            if (samples.empty())
                return stats.drop(DropReason::wrong_type);
            const std::int64_t channel = v.member == -1 && samples.size() == 1 ? 0 : v.member;
            if (channel < 0 || static_cast<std::size_t>(channel) >= samples.size())
                return stats.drop(DropReason::bad_member);
            rt::ClampExchange& x = *samples[static_cast<std::size_t>(channel)];
            // Without an index (0), the next after the last one written (this thread writes all).
            const std::uint64_t index =
                v.step ? v.step : x.sample_index.load(std::memory_order_relaxed) + 1;
            rt::write_sample(x, {index, v.value});
            stats.update([](IoCounters& c) { ++c.values; });
        });
    } else {
        ok = decode_values(payload, reason, [&](const WireValue& v) {
            rt::ControlMessage out{rt::ControlMessage::Kind::set_parameter, 0, target, -1, 0};
            if (!std::isfinite(v.value))
                return stats.drop(DropReason::not_finite);
            if (!map_member(v.member, info.members, out.member))
                return stats.drop(DropReason::bad_member);
            out.value = transform(v.value);
            if (const auto u = info.units.find(binding.target);
                u != info.units.end() && unit_range_problem(u->second.c_str(), out.value))
                return stats.drop(DropReason::out_of_range);
            if (v.step != 0) {  // named for a model step: it waits for it, as an event does
                if (v.step > kInputHorizonSteps)
                    return stats.drop(DropReason::beyond_horizon);
                rt::InputEvent at{-1, out.member, out.value, v.step, -1, target};
                if (!kernel.send(at) && kernel.size() >= kMaxPendingMessages)
                    return stats.drop(DropReason::pending_full);
            } else {
                out.step = 0;  // latest value wins, applied at the next tick
                kernel.kernel().send(out);
            }
            stats.update([](IoCounters& c) { ++c.values; });
        });
    }
    if (!ok)
        stats.drop(reason);
}

void InputPath::receive(PendingMessages& kernel, IoStats& stats, const KernelInfo& info) {
    const std::size_t frames = static_cast<std::size_t>(input_socket_kind(binding.socket).frames);
    for (int budget = 0; budget < 1000; ++budget) {
        zmq::message_t first;
        try {
            if (!socket->recv(first, zmq::recv_flags::dontwait))
                return;
        } catch (const zmq::error_t&) {
            return;
        }
        std::vector<zmq::message_t> parts;
        parts.push_back(std::move(first));
        while (parts.back().more()) {
            zmq::message_t next;
            if (!socket->recv(next, zmq::recv_flags::dontwait))
                break;
            parts.push_back(std::move(next));
        }
        if (parts.size() != frames) {
            stats.drop(DropReason::bad_frames);
            continue;
        }
        const zmq::message_t& payload = parts.back();
        handle({static_cast<const std::uint8_t*>(payload.data()), payload.size()}, kernel, stats,
               info);
    }
}

InputPath resolve_input(const InputBinding& b, KernelQueues& kernel, const KernelInfo& info,
                        rt::KernelModel& model) {
    InputPath in;
    in.binding = b;
    if (b.kind == InputBinding::Kind::events) {
        const auto& names = info.synapse_names;
        if (std::find(names.begin(), names.end(), b.target) == names.end())
            throw InputError("io input '" + b.name + "': no synapse named '" + b.target + "'" +
                             did_you_mean(b.target, names));
        in.target = kernel.synapse_handle(b.target);
        in.instances = model.synapse_instances(model.synapse_index(b.target));
    } else if (b.kind == InputBinding::Kind::values) {
        const auto it = info.parameters.find(b.target);
        if (it == info.parameters.end()) {
            std::vector<std::string> names;
            for (const auto& [n, h] : info.parameters)
                names.push_back(n);
            throw InputError("io input '" + b.name + "': no parameter '" + b.target + "'" +
                             did_you_mean(b.target, names));
        }
        in.target = it->second;
    }
    for (int m : b.members)
        if (m < 0 || static_cast<std::size_t>(m) >= info.members)
            throw InputError("io input '" + b.name + "': member " + std::to_string(m) +
                             " is outside the population");
    return in;
}

}  // namespace rtcell::io
