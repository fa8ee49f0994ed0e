#include "tools/dashboard/view_feed.hpp"

#include <algorithm>
#include <cmath>

namespace rtcell::tools {

ViewFeed::ViewFeed() {
    choose({});
}

void ViewFeed::choose(ViewChoice v) {
    const std::uint32_t width = std::clamp<std::uint32_t>(v.width_px, 16, kMaxWidth);
    const double window = std::isfinite(v.window_ms) ? std::clamp(v.window_ms, 1.0, 3.6e6) : 2000;
    if (v.columns.size() > kMaxColumns)
        v.columns.resize(kMaxColumns);
    const std::lock_guard lock(mutex_);
    // Two windows of buckets: room for one update interval however long the browser takes.
    decimator_.configure(window / width, std::move(v.columns), 2 * std::size_t{width});
}

void ViewFeed::frame(const StreamFrame& f) {
    const std::lock_guard lock(mutex_);
    for (std::uint32_t r = 0; r < f.rows; ++r)
        decimator_.add(f.t0_ms + r * f.row_dt_ms,
                       std::span<const double>(f.values).subspan(std::size_t{r} * f.columns,
                                                                 f.columns));
}

void ViewFeed::spikes(std::span<const StreamSpike> s) {
    const std::lock_guard lock(mutex_);
    for (const StreamSpike& x : s) {
        if (spikes_.size() >= kMaxSpikes) {
            spikes_.pop_front();
            ++spikes_dropped_;
        }
        spikes_.push_back(x);
    }
}

ViewUpdate ViewFeed::take() {
    const std::lock_guard lock(mutex_);
    ViewUpdate u;
    u.buckets = decimator_.take();
    u.spikes.assign(spikes_.begin(), spikes_.end());
    spikes_.clear();
    u.buckets_dropped = decimator_.dropped();
    u.spikes_dropped = spikes_dropped_;
    return u;
}

}  // namespace rtcell::tools
