#pragma once
// The control socket's requests (JSON, see io/PROTOCOL.md): pause, resume, stop, reset_state
// and set become control messages on the kernel's queue, applied at a step boundary; status,
// metadata and list are answered from the IO thread's own figures. Every reply is JSON with
// "ok"; a bad request gets "ok": false and an error naming the field, never an exception.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "io/io_counters.hpp"
#include "io/kernel_queues.hpp"

namespace rtcell::io {

class ControlRequests {
  public:
    using Report = std::function<nlohmann::json()>;
    ControlRequests(KernelQueues& kernel, IoStats& stats, const KernelInfo& info, Report status,
                    Report metadata)
        : kernel_(kernel),
          stats_(stats),
          info_(info),
          status_(std::move(status)),
          metadata_(std::move(metadata)) {}

    nlohmann::json handle(const std::string& text);

  private:
    nlohmann::json set(const nlohmann::json& req, std::uint64_t step);
    nlohmann::json list() const;

    KernelQueues& kernel_;
    IoStats& stats_;
    const KernelInfo& info_;
    Report status_, metadata_;
};

}  // namespace rtcell::io
