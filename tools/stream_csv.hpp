#pragma once
// `rtcell listen --csv FILE`: a kernel's voltage frames as CSV rows (step, t_ms, then one
// column per probe, named from the stream's metadata) in FILE, and its spikes (step, t_ms,
// member) in FILE's stem + "_spikes.csv". Frames that arrive before the first metadata are
// held (up to kMaxHeldBytes, beyond that dropped and counted) and written once the header is
// known, or at finish() under generic column names.
#include <cstdint>
#include <fstream>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace rtcell::tools {

class StreamCsv {
  public:
    static constexpr std::size_t kMaxHeldBytes = 64u << 20;

    explicit StreamCsv(const std::string& path);  // throws InputError when it cannot write
    static std::string spikes_path(const std::string& path);

    // The metadata object's JSON text (after the 16-byte header).
    void metadata(const std::string& json_text);
    // One voltage message's numbers: its first step, the time between rows [ms], and
    // rows × cols values [mV or the probes' units], little-endian f64, row-major.
    void frame(std::uint64_t step, double t0_ms, double row_dt_ms, std::uint32_t rows,
               std::uint32_t cols, std::span<const std::uint8_t> values);
    void spike(std::uint64_t step, double t_ms, std::int32_t member);
    // Writes what is still held, flushes both files; reports held-back losses on `err`.
    void finish(std::ostream& err);

  private:
    struct Frame {
        std::uint64_t step;
        double t0_ms, row_dt_ms;
        std::uint32_t rows, cols;
        std::vector<std::uint8_t> values;
    };
    void write_header(std::uint32_t cols);
    void write(const Frame& f);
    // Steps per row: the metadata's frame_every_steps, or without metadata the ratio of the
    // row spacing to dt = t0 / step (1 when a frame starts at step 0).
    std::uint64_t every_of(const Frame& f) const;

    std::string path_;
    std::ofstream voltage_, spikes_;
    bool have_metadata_ = false, header_written_ = false;
    std::vector<std::string> probes_;
    std::uint64_t every_ = 1;
    std::vector<Frame> held_;
    std::size_t held_bytes_ = 0, dropped_frames_ = 0;
};

}  // namespace rtcell::tools
