#include "io/publisher.hpp"

#include <cstring>

#include "io/socket_table.hpp"

namespace rtcell::io {

using json = nlohmann::json;

void Publisher::set_socket(std::unique_ptr<zmq::socket_t> pub) {
    pub_ = std::move(pub);
}

bool Publisher::publish(const char* topic, const std::vector<std::uint8_t>& payload) {
    if (!pub_)
        return false;
    const std::string t(topic);
    bool ok = false;
    try {
        if (pub_->send(zmq::buffer(t), zmq::send_flags::sndmore | zmq::send_flags::dontwait))
            ok = pub_->send(zmq::buffer(payload), zmq::send_flags::dontwait).has_value();
    } catch (const zmq::error_t&) {
        ok = false;
    }
    stats_.update([ok](IoCounters& c) { ++(ok ? c.published : c.publish_dropped); });
    return ok;
}

bool Publisher::metadata_subscribed() {
    if (!pub_)
        return false;
    bool wanted = false;
    try {
        zmq::message_t m;
        while (pub_->recv(m, zmq::recv_flags::dontwait)) {
            const std::string_view s = m.to_string_view();
            // [1][topic]: subscribe; [0][topic]: unsubscribe.
            if (!s.empty() && s[0] == 1 && std::string_view("metadata").starts_with(s.substr(1)))
                wanted = true;
        }
    } catch (const zmq::error_t&) {
        // nothing to read
    }
    return wanted;
}

bool Publisher::publish_json(const char* topic, MessageType type, std::uint64_t& seq,
                             const json& body) {
    std::vector<std::uint8_t> out;
    put_header(out, type, ++seq);
    const std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.insert(out.end(), text.begin(), text.end());
    return publish(topic, out);
}

// ---- spikes ----

void Publisher::start_spikes() {
    spikes_out_.clear();
    put_header(spikes_out_, MessageType::spikes, ++seq_spikes_);
    write_le<std::uint32_t>(spikes_out_, 0);
}

void Publisher::add_spike(const rt::SpikeRecord& s) {
    write_le<std::uint64_t>(spikes_out_, s.step);
    write_le<double>(spikes_out_, s.t_ms);
    write_le<std::int32_t>(spikes_out_, s.member);
    write_le<std::int32_t>(spikes_out_, group_of(s.member));
    ++spike_count_;
    stats_.update([](IoCounters& c) { ++c.spikes; });
}

void Publisher::flush_spikes() {
    if (spike_count_ == 0)
        return;
    std::memcpy(spikes_out_.data() + kHeaderSize, &spike_count_, 4);
    publish("spikes", spikes_out_);
    spike_count_ = 0;
    start_spikes();
}

// ---- probe frames ----

void Publisher::add_frame(const rt::FrameRecord& f) {
    if (f.first == 0) {
        row_step_ = f.step;
        row_t_ = f.t_ms;
    }
    for (std::uint32_t j = 0; j < f.count && f.first + j < row_.size(); ++j)
        row_[f.first + j] = f.values[j];
    if (f.first + f.count >= row_.size())
        add_row();
}

void Publisher::add_row() {
    // A row that does not follow the message's last (a reset restarted the steps, or the
    // frame queue dropped rows) starts a new message, so that every row's step is right.
    if (frame_rows_ > 0 && row_step_ != last_row_step_ + config_.frame_every)
        flush_frames();
    // Rows lost on the way here (the kernel's frame queue was full): skip a sequence number,
    // so that a subscriber sees the loss as a gap.
    if (last_row_step_ != 0 && row_step_ > last_row_step_ + config_.frame_every)
        ++seq_voltage_;
    last_row_step_ = row_step_;
    if (frame_rows_ == 0) {
        frame_out_.clear();
        put_header(frame_out_, MessageType::voltage, ++seq_voltage_);
        write_le<std::uint64_t>(frame_out_, row_step_);
        write_le<double>(frame_out_, row_t_);
        write_le<double>(frame_out_, info_.dt_ms * config_.frame_every);
        write_le<std::uint32_t>(frame_out_, 0);  // rows, filled in on send
        write_le<std::uint32_t>(frame_out_, static_cast<std::uint32_t>(row_.size()));
    }
    for (double v : row_)
        write_le<double>(frame_out_, v);
    ++frame_rows_;
    stats_.update([](IoCounters& c) { ++c.frames; });
    if (frame_rows_ >= config_.rows_per_message)
        flush_frames();
}

void Publisher::flush_frames() {
    if (frame_rows_ == 0)
        return;
    std::memcpy(frame_out_.data() + kHeaderSize + 24, &frame_rows_, 4);
    publish("voltage", frame_out_);
    frame_rows_ = 0;
}

// ---- telemetry and metadata ----

void Publisher::publish_telemetry(const KernelQueues& kernel) {
    publish_json("telemetry", MessageType::telemetry, seq_telemetry_, telemetry(kernel));
}

void Publisher::publish_metadata(const std::vector<InputPath>& inputs) {
    publish_json("metadata", MessageType::metadata, seq_metadata_, metadata(inputs));
}

void Publisher::publish_end(const KernelQueues& kernel, const std::string& reason) {
    std::uint64_t seq = 0;
    const auto now = kernel.position();
    publish_json("end", MessageType::end, seq,
                 {{"reason", reason},
                  {"tick", now.tick},
                  {"step", now.step},
                  {"published", stats_.counters().published}});
}

json Publisher::metadata(const std::vector<InputPath>& inputs) const {
    json m;
    m["protocol_version"] = kVersion;
    m["rtcell_version"] = RTCELL_VERSION;
    m["source"] = info_.source;
    m["dt_ms"] = info_.dt_ms;
    m["members"] = info_.members;
    m["frame_every_steps"] = config_.frame_every;
    m["rows_per_message"] = config_.rows_per_message;
    m["probes"] = info_.probe_names;
    m["probe_units"] = info_.probe_units;
    m["units"] = {{"voltage", "mV"}, {"time", "ms"}, {"current", "nA"}, {"conductance", "uS"}};
    m["synapses"] = info_.synapse_names;
    if (!info_.groups.empty()) {  // a network: which network members each group has
        json groups = json::array();
        for (const auto& g : info_.groups)
            groups.push_back({{"name", g.name}, {"first_member", g.first}, {"members", g.members}});
        m["groups"] = groups;
    }
    json inputs_json = json::array();
    for (const auto& in : inputs)
        inputs_json.push_back({{"name", in.binding.name},
                               {"kind", kind_name(in.binding.kind)},
                               {"target", in.binding.target},
                               {"socket", input_socket_kind(in.binding.socket).name},
                               {"endpoint", in.endpoint},
                               {"topic", in.binding.topic}});
    m["inputs"] = inputs_json;
    m["topics"] = {"spikes", "voltage", "telemetry", "metadata", "end"};
    m["publish_endpoint"] = info_.publish_endpoint;  // as bound: a wildcard port resolved
    m["control_endpoint"] = info_.control_endpoint;
    if (!info_.platform_floor.empty())
        m["platform_floor"] = nlohmann::json::parse(info_.platform_floor, nullptr, false);
    return m;
}

json Publisher::telemetry(const KernelQueues& kernel) const {
    rt::TimingSnapshot s;
    stats_.timing(s);
    const IoCounters counters = stats_.counters();
    json t;
    t["steps"] = s.steps;
    const auto now = kernel.position();  // now, not as of the last snapshot
    t["tick"] = now.tick;
    t["step"] = now.step;
    t["elapsed_s"] = s.elapsed_s;
    t["overruns"] = s.overruns;
    t["late_starts"] = s.late_starts;
    t["skipped"] = s.skipped;
    t["late_inputs"] = s.late_inputs;
    t["paused"] = s.paused;
    t["fault_step"] = s.fault_step;
    t["held"] = s.held;
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
    t["requests"] = counters.requests;
    t["requests_refused"] = counters.requests_refused;
    t["clients_refused"] = counters.clients_refused;
    t["published"] = counters.published;
    t["publish_dropped"] = counters.publish_dropped;
    t["queue_dropped"] = {{"inputs", kernel.dropped_inputs()},
                          {"controls", kernel.dropped_controls()},
                          {"spikes", kernel.dropped_spikes()},
                          {"frames", kernel.dropped_frames()}};
    return t;
}

}  // namespace rtcell::io
