#pragma once
// Min/max decimation of a kernel's probe rows into buckets of a fixed width in model time, one
// bucket per screen pixel: each bucket keeps every chosen column's smallest and largest value,
// so a spike narrower than a pixel still reaches the screen at its full height. The two values
// come out in the order they occurred (a rising edge as min then max), which keeps the drawn
// line's shape.
//
// Completed buckets wait until take(); at most `capacity` wait, the oldest are dropped beyond
// it and counted (a browser that does not take them cannot grow the dashboard's memory).
#include <cstdint>
#include <span>
#include <vector>

namespace rtcell::tools {

struct DecimatedBuckets {
    double width_ms = 0;     // every bucket's width [ms]
    std::vector<double> t;   // each bucket's start [ms]
    // Per chosen column, two values per bucket in the order they occurred [probe unit, mV]:
    // y[c][2k] and y[c][2k + 1] belong to bucket k.
    std::vector<std::vector<double>> y;
    bool restarted = false;  // model time went back (reset_state, a new run): drop what you hold
};

class MinMaxDecimator {
  public:
    // bucket_ms > 0; columns: indices into each row; capacity: buckets kept for take().
    void configure(double bucket_ms, std::vector<std::uint32_t> columns, std::size_t capacity);
    // One row at model time t [ms]; columns the row does not have are skipped.
    void add(double t_ms, std::span<const double> row);
    // The completed buckets since the last take; the bucket still filling stays.
    DecimatedBuckets take();
    std::uint64_t dropped() const { return dropped_; }
    const std::vector<std::uint32_t>& columns() const { return columns_; }

  private:
    struct Extremes {
        double lo, hi;
        bool lo_first;
    };
    void close_bucket();

    double width_ms_ = 1;
    std::vector<std::uint32_t> columns_;
    std::size_t capacity_ = 0;
    bool open_ = false;         // a bucket is filling
    std::int64_t index_ = 0;    // the filling bucket's index, floor(t / width)
    bool have_last_ = false;
    double last_t_ = 0;         // the last row's time [ms]
    std::vector<Extremes> filling_;
    DecimatedBuckets done_;
    std::uint64_t dropped_ = 0;
};

}  // namespace rtcell::tools
