#include "io/io_thread.hpp"

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "rt/realtime_setup.hpp"

namespace rtcell::io {
namespace {
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t) {
    return std::chrono::duration<double>(clock_type::now() - t).count();
}
}  // namespace

struct IoThread::Impl {
    rt::DeadlineLoop<Cell>& loop;
    IoConfig config;
    std::string source;
    zmq::context_t context{1};
    std::unique_ptr<zmq::socket_t> pub, rep;
    struct Input {
        InputBinding binding;
        std::unique_ptr<zmq::socket_t> socket;
        std::string endpoint;  // as bound
        int target = -1;       // synapse handle (events) or parameter handle (values)
        std::size_t instances = 1;
    };
    std::vector<Input> inputs;

    // What the cell offers, resolved before start.
    std::size_t members = 1;
    double dt_ms = 0.025;
    std::vector<std::string> probe_names, synapse_names;
    std::map<std::string, int> parameters;  // "mechanism.param" / "weight:syn" → loop handle

    // Output assembly.
    std::vector<std::uint8_t> spikes_out, frame_out;
    std::uint32_t spike_count = 0, frame_rows = 0;
    std::vector<double> row;  // one step of probe values
    std::uint64_t row_step = 0, frame_first_step = 0;
    double row_t = 0, frame_t0 = 0;
    std::uint64_t seq_spikes = 0, seq_voltage = 0, seq_telemetry = 0, seq_metadata = 0;

    mutable std::mutex mutex;  // guards the fields below, shared with the reporting thread
    rt::TimingSnapshot latest;
    bool have_latest = false;
    IoCounters counters;

    explicit Impl(rt::DeadlineLoop<Cell>& l) : loop(l) {}

    void drop(DropReason r) {
        std::lock_guard lock(mutex);
        ++counters.dropped[static_cast<std::size_t>(r)];
    }

    bool publish(const char* topic, const std::vector<std::uint8_t>& payload) {
        if (!pub)
            return false;
        const std::string t(topic);
        bool ok = false;
        try {
            if (pub->send(zmq::buffer(t), zmq::send_flags::sndmore | zmq::send_flags::dontwait))
                ok = pub->send(zmq::buffer(payload), zmq::send_flags::dontwait).has_value();
        } catch (const zmq::error_t&) {
            ok = false;
        }
        std::lock_guard lock(mutex);
        if (ok)
            ++counters.published;
        else
            ++counters.publish_dropped;
        return ok;
    }

    bool publish_json(const char* topic, MessageType type, std::uint64_t& seq, const json& body) {
        std::vector<std::uint8_t> out;
        put_header(out, type, ++seq);
        const std::string text = body.dump();
        out.insert(out.end(), text.begin(), text.end());
        return publish(topic, out);
    }

    json metadata() const {
        json m;
        m["protocol_version"] = kVersion;
        m["source"] = source;
        m["dt_ms"] = dt_ms;
        m["members"] = members;
        m["frame_every_steps"] = config.frame_every;
        m["rows_per_message"] = config.rows_per_message;
        m["probes"] = probe_names;
        m["units"] = {{"voltage", "mV"}, {"time", "ms"}, {"current", "nA"}, {"conductance", "uS"}};
        m["synapses"] = synapse_names;
        json inputs_json = json::array();
        for (const auto& in : inputs)
            inputs_json.push_back(
                {{"name", in.binding.name},
                 {"kind", in.binding.kind == InputBinding::Kind::events ? "events" : "values"},
                 {"target", in.binding.target},
                 {"socket", in.binding.socket == InputBinding::Socket::sub ? "sub" : "pull"},
                 {"endpoint", in.endpoint},
                 {"topic", in.binding.topic}});
        m["inputs"] = inputs_json;
        m["topics"] = {"spikes", "voltage", "telemetry", "metadata"};
        return m;
    }

    json telemetry() const {
        std::lock_guard lock(mutex);
        json t;
        const auto& s = latest;
        t["steps"] = s.steps;
        t["elapsed_s"] = s.elapsed_s;
        t["overruns"] = s.overruns;
        t["late_starts"] = s.late_starts;
        t["skipped"] = s.skipped;
        t["late_inputs"] = s.late_inputs;
        t["paused"] = s.paused;
        auto hist = [](const rt::LatencyHistogram& h) {
            return json{{"p50_us", h.percentile(0.5) * 1e-3},
                        {"p99_us", h.percentile(0.99) * 1e-3},
                        {"p999_us", h.percentile(0.999) * 1e-3},
                        {"max_us", h.max() * 1e-3}};
        };
        t["wake"] = hist(s.wake);
        t["compute"] = hist(s.compute);
        t["total"] = hist(s.total);
        json dropped;
        for (std::size_t i = 0; i < counters.dropped.size(); ++i)
            dropped[drop_reason_name(static_cast<DropReason>(i))] = counters.dropped[i];
        t["input_dropped"] = dropped;
        t["received"] = counters.received;
        t["published"] = counters.published;
        t["publish_dropped"] = counters.publish_dropped;
        t["queue_dropped"] = {{"inputs", loop.dropped_inputs()},
                              {"controls", loop.dropped_controls()},
                              {"spikes", loop.dropped_spikes()},
                              {"frames", loop.dropped_frames()}};
        return t;
    }

    // ---- inputs ----
    void handle_input(Input& in, std::span<const std::uint8_t> payload) {
        {
            std::lock_guard lock(mutex);
            ++counters.received;
        }
        DropReason reason{};
        const InputBinding& b = in.binding;
        auto map_member = [&](std::int32_t m, std::int32_t& out) {
            if (m < 0) {
                out = -1;
                return true;
            }
            if (!b.members.empty()) {
                if (static_cast<std::size_t>(m) >= b.members.size())
                    return false;
                m = b.members[static_cast<std::size_t>(m)];
            }
            if (static_cast<std::size_t>(m) >= members)
                return false;
            out = m;
            return true;
        };
        auto transform = [&](double x) {
            return std::clamp(b.scale * x + b.offset, b.clip_lo, b.clip_hi) * b.weight;
        };
        bool ok;
        if (b.kind == InputBinding::Kind::events) {
            ok = decode_events(payload, reason, [&](const WireEvent& e) {
                rt::InputEvent out;
                if (!std::isfinite(e.weight) || !std::isfinite(e.t_ms) || e.t_ms < 0)
                    return drop(DropReason::not_finite);
                if (!map_member(e.member, out.member))
                    return drop(DropReason::bad_member);
                if (e.instance >= 0 && static_cast<std::size_t>(e.instance) >= in.instances)
                    return drop(DropReason::bad_instance);
                out.synapse = in.target;
                out.instance = e.instance < 0 ? -1 : e.instance;
                out.weight = transform(e.weight);
                out.step =
                    e.step ? e.step
                           : (e.t_ms > 0 ? static_cast<std::uint64_t>(std::llround(e.t_ms / dt_ms))
                                         : 0);
                loop.send(out);
                std::lock_guard lock(mutex);
                ++counters.events;
            });
        } else {
            ok = decode_values(payload, reason, [&](const WireValue& v) {
                rt::ControlMessage out{rt::ControlMessage::Kind::set_parameter, 0, in.target, -1,
                                       0};
                if (!std::isfinite(v.value))
                    return drop(DropReason::not_finite);
                if (!map_member(v.member, out.member))
                    return drop(DropReason::bad_member);
                out.value = transform(v.value);
                out.step = 0;  // latest value wins, applied at the next tick
                loop.send(out);
                std::lock_guard lock(mutex);
                ++counters.values;
            });
        }
        if (!ok)
            drop(reason);
    }

    void receive_inputs(Input& in) {
        for (int budget = 0; budget < 1000; ++budget) {
            zmq::message_t first;
            try {
                if (!in.socket->recv(first, zmq::recv_flags::dontwait))
                    return;
            } catch (const zmq::error_t&) {
                return;
            }
            std::vector<zmq::message_t> parts;
            parts.push_back(std::move(first));
            while (parts.back().more()) {
                zmq::message_t next;
                if (!in.socket->recv(next, zmq::recv_flags::dontwait))
                    break;
                parts.push_back(std::move(next));
            }
            const bool sub = in.binding.socket == InputBinding::Socket::sub;
            if (parts.size() != (sub ? 2u : 1u)) {
                drop(DropReason::bad_frames);
                continue;
            }
            const zmq::message_t& payload = parts.back();
            handle_input(in, {static_cast<const std::uint8_t*>(payload.data()), payload.size()});
        }
    }

    // ---- control ----
    json handle_request(const std::string& text) {
        {
            std::lock_guard lock(mutex);
            ++counters.requests;
        }
        json req;
        try {
            req = json::parse(text);
        } catch (const json::parse_error& e) {
            return {{"ok", false}, {"error", std::string("request is not JSON: ") + e.what()}};
        }
        if (!req.is_object() || !req.contains("cmd") || !req["cmd"].is_string())
            return {{"ok", false}, {"error", "a request is an object with a string field 'cmd'"}};
        const std::string cmd = req["cmd"];
        auto number = [&](const char* key, double fallback) -> double {
            if (!req.contains(key))
                return fallback;
            if (!req[key].is_number())
                throw std::invalid_argument(std::string("field '") + key + "' must be a number");
            return req[key].get<double>();
        };
        try {
            const auto step = static_cast<std::uint64_t>(std::max(0.0, number("step", 0)));
            using K = rt::ControlMessage::Kind;
            const std::map<std::string, K> simple = {{"pause", K::pause},
                                                     {"resume", K::resume},
                                                     {"stop", K::stop},
                                                     {"reset_state", K::reset_state}};
            if (auto it = simple.find(cmd); it != simple.end()) {
                if (!loop.send(rt::ControlMessage{it->second, step, -1, -1, 0}))
                    return {{"ok", false}, {"error", "the control queue is full"}};
                return {{"ok", true}};
            }
            if (cmd == "set") {
                if (!req.contains("target") || !req["target"].is_string())
                    return {{"ok", false},
                            {"error",
                             "set needs a string 'target' such as \"stim.amp\" or \"weight:syn\""}};
                const std::string target = req["target"];
                const auto it = parameters.find(target);
                if (it == parameters.end()) {
                    std::vector<std::string> names;
                    for (const auto& [n, h] : parameters)
                        names.push_back(n);
                    return {
                        {"ok", false},
                        {"error", "unknown target '" + target + "'" + did_you_mean(target, names)}};
                }
                const double value = number("value", NAN);
                if (!std::isfinite(value))
                    return {{"ok", false}, {"error", "set needs a finite number 'value'"}};
                const double member = number("member", -1);
                if (member >= static_cast<double>(members) || member != std::floor(member))
                    return {{"ok", false},
                            {"error", "member out of range (the population has " +
                                          std::to_string(members) + ")"}};
                const bool weight = target.rfind("weight:", 0) == 0;
                if (!loop.send(rt::ControlMessage{weight ? K::set_weight : K::set_parameter, step,
                                                  it->second, static_cast<std::int32_t>(member),
                                                  value}))
                    return {{"ok", false}, {"error", "the control queue is full"}};
                return {{"ok", true}};
            }
            if (cmd == "status") {
                json t = telemetry();
                t["ok"] = true;
                return t;
            }
            if (cmd == "metadata") {
                json m = metadata();
                m["ok"] = true;
                return m;
            }
            if (cmd == "list") {
                json params = json::array();
                for (const auto& [n, h] : parameters)
                    params.push_back(n);
                return {{"ok", true},
                        {"synapses", synapse_names},
                        {"probes", probe_names},
                        {"parameters", params},
                        {"bindings", metadata()["inputs"]}};
            }
            return {
                {"ok", false},
                {"error", "unknown cmd '" + cmd + "'" +
                              did_you_mean(cmd, std::vector<std::string>{
                                                    "status", "pause", "resume", "stop",
                                                    "reset_state", "set", "list", "metadata"})}};
        } catch (const std::exception& e) {
            return {{"ok", false}, {"error", e.what()}};
        }
    }

    // ---- outputs ----
    void flush_spikes() {
        if (spike_count == 0)
            return;
        std::memcpy(spikes_out.data() + kHeaderSize, &spike_count, 4);
        publish("spikes", spikes_out);
        spike_count = 0;
    }

    void start_spikes() {
        spikes_out.clear();
        put_header(spikes_out, MessageType::spikes, ++seq_spikes);
        write_le<std::uint32_t>(spikes_out, 0);
    }

    void add_row() {
        if (frame_rows == 0) {
            frame_out.clear();
            put_header(frame_out, MessageType::voltage, ++seq_voltage);
            write_le<std::uint64_t>(frame_out, row_step);
            write_le<double>(frame_out, row_t);
            write_le<double>(frame_out, dt_ms * config.frame_every);
            write_le<std::uint32_t>(frame_out, 0);  // rows, filled in on send
            write_le<std::uint32_t>(frame_out, static_cast<std::uint32_t>(row.size()));
        }
        for (double v : row)
            write_le<double>(frame_out, v);
        ++frame_rows;
        {
            std::lock_guard lock(mutex);
            ++counters.frames;
        }
        if (frame_rows >= config.rows_per_message)
            flush_frames();
    }

    void flush_frames() {
        if (frame_rows == 0)
            return;
        std::memcpy(frame_out.data() + kHeaderSize + 24, &frame_rows, 4);
        publish("voltage", frame_out);
        frame_rows = 0;
    }
};

IoThread::IoThread(rt::DeadlineLoop<Cell>& loop, const Cell& cell, IoConfig config, std::string source)
    : impl_(std::make_unique<Impl>(loop)) {
    Impl& I = *impl_;
    I.config = std::move(config);
    I.source = std::move(source);
    I.members = cell.members();
    I.dt_ms = loop.config().dt_ms;
    I.probe_names = cell.probe_names();
    I.synapse_names = cell.synapse_names();
    I.row.assign(I.probe_names.size(), 0.0);
    for (const auto& [owner, param] : cell.parameter_list())
        I.parameters[owner + "." + param] = loop.parameter_handle(owner, param);
    for (const auto& syn : I.synapse_names) {
        try {
            I.parameters["weight:" + syn] = loop.weight_handle(syn);
        } catch (const InputError&) {
            // no binding on this synapse: no weight to set
        }
    }
    for (const auto& b : I.config.inputs) {
        Impl::Input in;
        in.binding = b;
        if (b.kind == InputBinding::Kind::events) {
            const auto& names = I.synapse_names;
            if (std::find(names.begin(), names.end(), b.target) == names.end())
                throw InputError("io input '" + b.name + "': no synapse named '" + b.target + "'" +
                                 did_you_mean(b.target, names));
            in.target = loop.synapse_handle(b.target);
            in.instances = const_cast<Cell&>(cell).synapse_instances(
                const_cast<Cell&>(cell).synapse_index(b.target));
        } else {
            const auto it = I.parameters.find(b.target);
            if (it == I.parameters.end()) {
                std::vector<std::string> names;
                for (const auto& [n, h] : I.parameters)
                    names.push_back(n);
                throw InputError("io input '" + b.name + "': no parameter '" + b.target + "'" +
                                 did_you_mean(b.target, names));
            }
            in.target = it->second;
        }
        for (int m : b.members)
            if (m < 0 || static_cast<std::size_t>(m) >= I.members)
                throw InputError("io input '" + b.name + "': member " + std::to_string(m) +
                                 " is outside the population");
        I.inputs.push_back(std::move(in));
    }
}

IoThread::~IoThread() {
    request_stop();
    join();
}

void IoThread::join() {
    if (thread_.joinable())
        thread_.join();
}

std::string IoThread::input_endpoint(const std::string& binding) const {
    for (const auto& in : impl_->inputs)
        if (in.binding.name == binding)
            return in.endpoint;
    return "";
}

bool IoThread::latest_timing(rt::TimingSnapshot& out) const {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->have_latest)
        return false;
    out = impl_->latest;
    return true;
}

IoCounters IoThread::counters() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->counters;
}

std::string IoThread::metadata_json() const {
    return impl_->metadata().dump();
}

void IoThread::start() {
    Impl& I = *impl_;
    auto open = [&](zmq::socket_type type, const std::string& endpoint, bool bind,
                    const std::string& what) {
        auto s = std::make_unique<zmq::socket_t>(I.context, type);
        s->set(zmq::sockopt::linger, 0);
        s->set(zmq::sockopt::sndhwm, I.config.send_hwm);
        s->set(zmq::sockopt::rcvhwm, I.config.receive_hwm);
        try {
            if (bind)
                s->bind(endpoint);
            else
                s->connect(endpoint);
        } catch (const zmq::error_t& e) {
            throw InputError(what + ": cannot " + (bind ? "bind " : "connect ") + endpoint + ": " +
                             e.what());
        }
        return s;
    };
    if (!I.config.publish.empty()) {
        I.pub = open(zmq::socket_type::pub, I.config.publish, true, "io.publish");
        publish_endpoint_ = I.pub->get(zmq::sockopt::last_endpoint);
    }
    if (!I.config.control.empty()) {
        I.rep = open(zmq::socket_type::rep, I.config.control, true, "io.control");
        control_endpoint_ = I.rep->get(zmq::sockopt::last_endpoint);
    }
    for (auto& in : I.inputs) {
        const bool sub = in.binding.socket == InputBinding::Socket::sub;
        in.socket = open(sub ? zmq::socket_type::sub : zmq::socket_type::pull, in.binding.endpoint,
                         in.binding.bind, "io input '" + in.binding.name + "'");
        if (sub)
            in.socket->set(zmq::sockopt::subscribe, in.binding.topic);
        in.endpoint =
            in.binding.bind ? in.socket->get(zmq::sockopt::last_endpoint) : in.binding.endpoint;
    }
    I.start_spikes();
    thread_ = std::thread([this] { run(); });
}

void IoThread::run() {
    rt::name_this_thread("rtcell-io");
    Impl& I = *impl_;
    std::vector<zmq::pollitem_t> items;
    for (auto& in : I.inputs)
        items.push_back({in.socket->handle(), 0, ZMQ_POLLIN, 0});
    if (I.rep)
        items.push_back({I.rep->handle(), 0, ZMQ_POLLIN, 0});
    const auto started = clock_type::now();
    auto last_telemetry = started, last_metadata = started - std::chrono::hours(1);
    bool final_pass = false;
    // Waiting: after activity, short sleeps for a while, since an input usually brings a
    // response (a spike) a step or two later; when idle longer, block in zmq::poll on the
    // input and control sockets (an arriving message wakes it at once) for up to 1 ms, which
    // also bounds how long an unprompted output waits. Spinning instead would compete with the
    // real-time thread for the CPUs.
    constexpr auto kActiveWindow = std::chrono::milliseconds(2);
    auto active_until = clock_type::now();
    bool idle = false;
    while (true) {
        bool busy = false;
        if (!items.empty()) {
            zmq::poll(items.data(), items.size(), std::chrono::milliseconds(idle ? 1 : 0));
            for (std::size_t i = 0; i < I.inputs.size(); ++i)
                if (items[i].revents & ZMQ_POLLIN) {
                    I.receive_inputs(I.inputs[i]);
                    busy = true;
                }
            if (I.rep && (items.back().revents & ZMQ_POLLIN)) {
                zmq::message_t request;
                if (I.rep->recv(request, zmq::recv_flags::dontwait)) {
                    const json reply = I.handle_request(request.to_string());
                    I.rep->send(zmq::buffer(reply.dump()), zmq::send_flags::dontwait);
                    busy = true;
                }
            }
        }
        // Outputs.
        rt::SpikeRecord s;
        while (I.loop.poll(s)) {
            write_le<std::uint64_t>(I.spikes_out, s.step);
            write_le<double>(I.spikes_out, s.t_ms);
            write_le<std::int32_t>(I.spikes_out, s.member);
            write_le<std::int32_t>(I.spikes_out, 0);  // detector
            ++I.spike_count;
            {
                std::lock_guard lock(I.mutex);
                ++I.counters.spikes;
            }
            busy = true;
        }
        if (I.spike_count) {
            I.flush_spikes();
            I.start_spikes();
        }
        rt::FrameRecord f;
        while (I.loop.poll(f)) {
            if (f.first == 0) {
                I.row_step = f.step;
                I.row_t = f.t_ms;
            }
            for (std::uint32_t j = 0; j < f.count && f.first + j < I.row.size(); ++j)
                I.row[f.first + j] = f.values[j];
            if (f.first + f.count >= I.row.size())
                I.add_row();
            busy = true;
        }
        rt::TimingSnapshot snap;
        bool fresh = false;
        while (I.loop.poll(snap))
            fresh = true;
        if (fresh) {
            std::lock_guard lock(I.mutex);
            I.latest = snap;
            I.have_latest = true;
        }
        if (I.pub && seconds_since(last_telemetry) >= I.config.telemetry_interval_s) {
            I.publish_json("telemetry", MessageType::telemetry, I.seq_telemetry, I.telemetry());
            last_telemetry = clock_type::now();
        }
        if (I.pub && seconds_since(last_metadata) >= I.config.metadata_interval_s) {
            I.publish_json("metadata", MessageType::metadata, I.seq_metadata, I.metadata());
            last_metadata = clock_type::now();
        }
        if (final_pass)
            break;
        if (I.loop.finished() || stop_.load())
            final_pass = true;  // one more pass drains the queues
        else if (busy)
            active_until = clock_type::now() + kActiveWindow;
        idle = !busy && clock_type::now() > active_until && !I.config.busy_poll;
        if (I.config.busy_poll)
            continue;
        if (!busy && !idle)
            std::this_thread::sleep_for(std::chrono::microseconds(20));
        if (idle && items.empty())
            std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    I.flush_frames();
    {
        std::lock_guard lock(I.mutex);
        if (I.loop.finished()) {
            I.latest = I.loop.final_snapshot();
            I.have_latest = true;
        }
    }
    if (I.pub)
        I.publish_json("telemetry", MessageType::telemetry, I.seq_telemetry, I.telemetry());
}

}  // namespace rtcell::io
