#pragma once
// What the dashboard knows of the kernel it watches, shared between the link thread (which feeds
// it every message of the stream) and the web server's thread (which reads it for each browser):
// the connection state, sequence gaps, the latest metadata and control `list`, a bounded history
// of telemetry, and the browsers' ViewFeeds, which it passes frames and spikes to.
//
// The connection state: `waiting` until the first message, `connected` while messages arrive,
// `gone` after `stale` seconds of silence (the kernel was killed, or stalled), `ended` after the
// stream's `end` message. A message after ended, or a sequence number that goes back, is a new
// stream (a restarted kernel): `epoch` counts them and the browsers start afresh. A kernel heard
// again after gone with its sequence numbers going on was only stalled: the same stream.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/dashboard/stream_message.hpp"
#include "tools/dashboard/view_feed.hpp"

namespace rtcell::tools {

enum class LinkState { waiting, connected, gone, ended };
const char* link_state_name(LinkState s);

struct HubStatus {
    LinkState state = LinkState::waiting;
    double in_state_s = 0;  // how long it has been in that state [s]
    double quiet_s = 0;     // since the last message [s] (0 before the first)
    std::uint64_t epoch = 0, received = 0, malformed = 0;
    std::map<std::string, std::uint64_t> missed;  // messages missed, by topic (sequence gaps)
};

class StreamHub {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t kTelemetryHistory = 600;  // about ten minutes at 1 per second

    explicit StreamHub(double stale_s);

    void attach(const std::shared_ptr<ViewFeed>& feed);
    // The link thread: one message of the stream, then a check for silence now and then.
    void message(const std::string& topic, const StreamMessage& m, Clock::time_point now);
    void check(Clock::time_point now);
    void set_list(nlohmann::json list);

    HubStatus status(Clock::time_point now) const;
    // Readers pass the version they have; they get the object when it is newer (else null).
    nlohmann::json metadata_if_newer(std::uint64_t& version) const;
    nlohmann::json list_if_newer(std::uint64_t& version) const;
    // Telemetry objects after the `seen`-th (counting from the first ever), up to the history.
    std::vector<nlohmann::json> telemetry_since(std::uint64_t& seen) const;
    // The control endpoint the metadata names ("" before any metadata).
    std::string control_endpoint() const;
    bool wants_list() const;  // connected with metadata but no `list` for this stream yet

  private:
    void set_state(LinkState s, Clock::time_point now);
    void new_stream(Clock::time_point now);
    void json_message(const StreamMessage& m);
    void feed(const StreamMessage& m);
    // `object` (copied under the lock) when `version` is behind `current` (both members, read
    // under the lock), which it then takes.
    nlohmann::json newer(const nlohmann::json& object, const std::uint64_t& current,
                         std::uint64_t& version) const;

    double stale_s_;
    mutable std::mutex mutex_;
    LinkState state_ = LinkState::waiting;
    Clock::time_point state_since_ = Clock::now(), last_message_{};
    HubStatus counts_;
    std::map<std::string, std::uint64_t> last_sequence_;
    nlohmann::json metadata_, list_;
    std::uint64_t metadata_version_ = 0, list_version_ = 0, list_epoch_ = ~0ull;
    std::deque<nlohmann::json> telemetry_;
    std::uint64_t telemetry_total_ = 0;
    std::vector<std::weak_ptr<ViewFeed>> feeds_;
};

}  // namespace rtcell::tools
