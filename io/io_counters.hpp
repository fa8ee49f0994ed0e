#pragma once
// What the IO thread counts, and the figures it shares with the reporting thread. The IO
// thread writes, any thread reads a consistent copy; the real-time thread never touches it.
#include <cstdint>
#include <mutex>

#include "io/wire_format.hpp"
#include "rt/records.hpp"

namespace rtcell::io {

struct IoCounters {
    std::uint64_t received = 0, events = 0, values = 0, requests = 0, requests_refused = 0;
    std::uint64_t published = 0,
                  publish_dropped = 0;  // messages; dropped when the PUB queue is full
    std::uint64_t spikes = 0, frames = 0;
    DropCounters dropped{};             // input messages or records, per reason
    std::uint64_t clients_refused = 0;  // CURVE clients whose key is not authorized
};

class IoStats {
  public:
    template <class F>
    void update(F&& change) {
        std::lock_guard lock(mutex_);
        change(counters_);
    }
    void drop(DropReason r) {
        update([r](IoCounters& c) { ++c.dropped[static_cast<std::size_t>(r)]; });
    }
    IoCounters counters() const {
        std::lock_guard lock(mutex_);
        return counters_;
    }
    void set_timing(const rt::TimingSnapshot& t) {
        std::lock_guard lock(mutex_);
        latest_ = t;
        have_latest_ = true;
    }
    bool timing(rt::TimingSnapshot& out) const {
        std::lock_guard lock(mutex_);
        if (have_latest_)
            out = latest_;
        return have_latest_;
    }

  private:
    mutable std::mutex mutex_;
    IoCounters counters_;
    rt::TimingSnapshot latest_;
    bool have_latest_ = false;
};

}  // namespace rtcell::io
