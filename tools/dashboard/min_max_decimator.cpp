#include "tools/dashboard/min_max_decimator.hpp"

#include <cmath>

namespace rtcell::tools {

void MinMaxDecimator::configure(double bucket_ms, std::vector<std::uint32_t> columns,
                                std::size_t capacity) {
    width_ms_ = bucket_ms > 0 ? bucket_ms : 1;
    columns_ = std::move(columns);
    capacity_ = capacity > 0 ? capacity : 1;
    open_ = have_last_ = false;
    filling_.assign(columns_.size(), {});
    done_ = {};
    done_.y.assign(columns_.size(), {});
    done_.restarted = true;  // a new view: the browser starts its window afresh
}

void MinMaxDecimator::add(double t_ms, std::span<const double> row) {
    // A time no bucket index can hold (a corrupt frame's) is skipped, not cast out of range.
    if (!std::isfinite(t_ms) || !(std::fabs(t_ms / width_ms_) < 4e18))
        return;
    if (have_last_ && t_ms < last_t_) {  // time went back: a reset or a new run
        done_.t.clear();
        for (auto& y : done_.y)
            y.clear();
        done_.restarted = true;
        open_ = false;
    }
    const auto index = static_cast<std::int64_t>(std::floor(t_ms / width_ms_));
    if (open_ && index != index_)
        close_bucket();
    last_t_ = t_ms;
    have_last_ = true;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const double v = columns_[c] < row.size() ? row[columns_[c]] : NAN;
        Extremes& e = filling_[c];
        if (!open_ || std::isnan(e.lo)) {
            e = {v, v, true};
        } else if (v < e.lo) {
            e.lo = v;
            e.lo_first = false;  // the minimum is now later than the maximum
        } else if (v > e.hi) {
            e.hi = v;
            e.lo_first = true;
        }
    }
    open_ = true;
    index_ = index;
}

void MinMaxDecimator::close_bucket() {
    if (done_.t.size() >= capacity_) {  // nobody takes them: forget the oldest
        done_.t.erase(done_.t.begin());
        for (auto& y : done_.y)
            y.erase(y.begin(), y.begin() + 2);
        ++dropped_;
    }
    done_.t.push_back(static_cast<double>(index_) * width_ms_);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const Extremes& e = filling_[c];
        done_.y[c].push_back(e.lo_first ? e.lo : e.hi);
        done_.y[c].push_back(e.lo_first ? e.hi : e.lo);
    }
    open_ = false;
}

DecimatedBuckets MinMaxDecimator::take() {
    DecimatedBuckets out = std::move(done_);
    out.width_ms = width_ms_;
    done_ = {};
    done_.y.assign(columns_.size(), {});
    return out;
}

}  // namespace rtcell::tools
