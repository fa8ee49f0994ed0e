#pragma once
// The control socket's requests (JSON, see io/PROTOCOL.md): pause, resume, stop, reset_state
// and set become control messages on the kernel's queue, applied at a step boundary (those for
// a far step wait in PendingMessages); status, metadata, list and pending are answered from the
// IO thread's own figures, and cancel removes what waits. Every reply is JSON with
// "ok"; a bad request gets "ok": false and an error naming the field, never an exception.
//
// Requests are untrusted bytes: `answer` bounds their size and nesting, refuses duplicate keys,
// and never throws or returns invalid UTF-8 (the bytes of a bad request that an error message
// quotes are replaced). A refused request is counted (IoCounters::requests_refused).
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "io/io_counters.hpp"
#include "io/kernel_queues.hpp"
#include "io/pending_messages.hpp"

namespace rtcell::io {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;   // larger requests are refused unparsed
constexpr int kMaxRequestDepth = 8;                   // nesting of objects and arrays
constexpr double kMaxRequestStep = 9007199254740992;  // 2^53: every step below is exact

class ControlRequests {
  public:
    using Report = std::function<nlohmann::json()>;
    ControlRequests(PendingMessages& kernel, IoStats& stats, const KernelInfo& info, Report status,
                    Report metadata)
        : kernel_(kernel),
          stats_(stats),
          info_(info),
          status_(std::move(status)),
          metadata_(std::move(metadata)) {}

    // The reply to one request, as the text to send (valid UTF-8 JSON). Never throws.
    std::string answer(std::string_view request) noexcept;
    // The reply to a request that arrived as `frames` ZeroMQ frames (> 1): refused.
    std::string refuse_frames(std::size_t frames) noexcept;

    nlohmann::json handle(std::string_view text);

    // `weight:<syn>` of a synapse driven only over ZeroMQ (no cell binding): the IO thread's
    // binding weight, which `set_weight(synapse, value)` changes for events received next.
    using WeightSetter = std::function<void(const std::string& synapse, double value)>;
    void on_io_weight(WeightSetter set_weight) { set_io_weight_ = std::move(set_weight); }

  private:
    nlohmann::json dispatch(const nlohmann::json& req);
    nlohmann::json set(const nlohmann::json& req, std::uint64_t step);
    nlohmann::json set_zeromq_weight(const nlohmann::json& req, const std::string& synapse,
                                     std::uint64_t step);
    nlohmann::json list() const;
    nlohmann::json cancel(const nlohmann::json& req);
    nlohmann::json queued(bool sent, std::uint64_t pending_id);
    nlohmann::json refuse(const std::string& error);

    PendingMessages& kernel_;  // the loop's queues, and what waits for a later step
    IoStats& stats_;
    const KernelInfo& info_;
    Report status_, metadata_;
    WeightSetter set_io_weight_;
};

}  // namespace rtcell::io
