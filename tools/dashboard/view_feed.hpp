#pragma once
// What one browser is shown, fed from the kernel's stream on the link thread and taken on the web
// server's thread: its chosen probe columns decimated to its window and width (MinMaxDecimator),
// and the spikes since its last update. Both are bounded, so a browser that stops taking cannot
// grow the dashboard's memory; what is dropped is counted and shown on the page.
#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <vector>

#include "tools/dashboard/min_max_decimator.hpp"
#include "tools/dashboard/stream_message.hpp"

namespace rtcell::tools {

struct ViewChoice {
    double window_ms = 2000;  // the scrolling window's length [ms]
    std::uint32_t width_px = 1000;
    std::vector<std::uint32_t> columns;  // probe columns, by index in the metadata's `probes`
};

struct ViewUpdate {
    DecimatedBuckets buckets;
    std::vector<StreamSpike> spikes;
    std::uint64_t buckets_dropped = 0, spikes_dropped = 0;  // so far, for this browser
};

class ViewFeed {
  public:
    static constexpr std::size_t kMaxSpikes = 20000;  // held between two updates
    static constexpr std::uint32_t kMaxWidth = 8192;  // pixels
    static constexpr std::uint32_t kMaxColumns = 64;

    ViewFeed();
    void choose(ViewChoice v);  // clamps the choice to the limits above
    void frame(const StreamFrame& f);
    void spikes(std::span<const StreamSpike> s);
    ViewUpdate take();

  private:
    std::mutex mutex_;
    MinMaxDecimator decimator_;
    std::deque<StreamSpike> spikes_;
    std::uint64_t spikes_dropped_ = 0;
};

}  // namespace rtcell::tools
