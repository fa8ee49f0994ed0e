#include "tools/dashboard/stream_hub.hpp"

namespace rtcell::tools {

using nlohmann::json;

const char* link_state_name(LinkState s) {
    switch (s) {
        case LinkState::waiting:
            return "waiting";
        case LinkState::connected:
            return "connected";
        case LinkState::gone:
            return "gone";
        case LinkState::ended:
            return "ended";
    }
    return "?";
}

StreamHub::StreamHub(double stale_s) : stale_s_(stale_s > 0 ? stale_s : 3) {}

void StreamHub::attach(const std::shared_ptr<ViewFeed>& feed) {
    const std::lock_guard lock(mutex_);
    std::erase_if(feeds_, [](const auto& w) { return w.expired(); });
    feeds_.push_back(feed);
}

void StreamHub::set_state(LinkState s, Clock::time_point now) {
    if (s != state_) {
        state_ = s;
        state_since_ = now;
    }
}

void StreamHub::new_stream(Clock::time_point now) {
    ++counts_.epoch;
    last_sequence_.clear();
    set_state(LinkState::connected, now);
}

void StreamHub::message(const std::string& topic, const StreamMessage& m, Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    ++counts_.received;
    last_message_ = now;
    if (m.kind == StreamMessage::Kind::malformed) {
        ++counts_.malformed;
        return;
    }
    const auto last = last_sequence_.find(topic);
    // A kernel that was only quiet (gone, then heard again) carries on its sequence numbers; a
    // restarted one starts them again.
    if (state_ == LinkState::ended || (last != last_sequence_.end() && m.sequence <= last->second))
        new_stream(now);
    else if (last != last_sequence_.end() && m.sequence > last->second + 1)
        counts_.missed[topic] += m.sequence - last->second - 1;
    last_sequence_[topic] = m.sequence;
    set_state(LinkState::connected, now);
    if (m.kind == StreamMessage::Kind::json)
        json_message(m);
    else
        feed(m);
    if (m.type == io::MessageType::end)
        set_state(LinkState::ended, now);
}

void StreamHub::json_message(const StreamMessage& m) {
    json body = json::parse(m.json, nullptr, false);
    if (!body.is_object()) {
        ++counts_.malformed;
        return;
    }
    if (m.type == io::MessageType::metadata && body != metadata_) {
        metadata_ = std::move(body);
        ++metadata_version_;
    } else if (m.type == io::MessageType::telemetry) {
        if (telemetry_.size() >= kTelemetryHistory)
            telemetry_.pop_front();
        telemetry_.push_back(std::move(body));
        ++telemetry_total_;
    }
}

void StreamHub::feed(const StreamMessage& m) {
    std::erase_if(feeds_, [](const auto& w) { return w.expired(); });
    for (const auto& w : feeds_)
        if (const auto f = w.lock()) {
            if (m.kind == StreamMessage::Kind::voltage)
                f->frame(m.frame);
            else
                f->spikes(m.spikes);
        }
}

void StreamHub::check(Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    const bool silent =
        std::chrono::duration<double>(
            now - (last_message_ == Clock::time_point{} ? state_since_ : last_message_))
            .count() > stale_s_;
    if (state_ == LinkState::connected && silent)
        set_state(LinkState::gone, now);
}

void StreamHub::set_list(json list) {
    const std::lock_guard lock(mutex_);
    list_ = std::move(list);
    ++list_version_;
    list_epoch_ = counts_.epoch;
}

HubStatus StreamHub::status(Clock::time_point now) const {
    const std::lock_guard lock(mutex_);
    HubStatus s = counts_;
    s.state = state_;
    s.in_state_s = std::chrono::duration<double>(now - state_since_).count();
    s.quiet_s = last_message_ == Clock::time_point{}
                    ? 0
                    : std::chrono::duration<double>(now - last_message_).count();
    return s;
}

json StreamHub::newer(const json& object, const std::uint64_t& current,
                      std::uint64_t& version) const {
    const std::lock_guard lock(mutex_);
    if (version == current)
        return nullptr;
    version = current;
    return object;
}

json StreamHub::metadata_if_newer(std::uint64_t& version) const {
    return newer(metadata_, metadata_version_, version);
}

json StreamHub::list_if_newer(std::uint64_t& version) const {
    return newer(list_, list_version_, version);
}

std::vector<json> StreamHub::telemetry_since(std::uint64_t& seen) const {
    const std::lock_guard lock(mutex_);
    const std::uint64_t first = telemetry_total_ - telemetry_.size();
    std::vector<json> out;
    for (std::uint64_t i = std::max(seen, first); i < telemetry_total_; ++i)
        out.push_back(telemetry_[i - first]);
    seen = telemetry_total_;
    return out;
}

std::string StreamHub::control_endpoint() const {
    const std::lock_guard lock(mutex_);
    const auto it = metadata_.is_object() ? metadata_.find("control_endpoint") : metadata_.end();
    return it != metadata_.end() && it->is_string() ? it->get<std::string>() : "";
}

bool StreamHub::wants_list() const {
    const std::lock_guard lock(mutex_);
    return state_ == LinkState::connected && !metadata_.is_null() && list_epoch_ != counts_.epoch;
}

}  // namespace rtcell::tools
