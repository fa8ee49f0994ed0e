#include "tools/stream_csv.hpp"

#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "io/wire_format.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::tools {

std::string StreamCsv::spikes_path(const std::string& path) {
    const auto dot = path.rfind('.');
    const auto slash = path.rfind('/');
    const bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    return (has_ext ? path.substr(0, dot) : path) + "_spikes.csv";
}

StreamCsv::StreamCsv(const std::string& path) : path_(path) {
    voltage_.open(path);
    if (!voltage_)
        throw InputError(path + ": cannot write");
    spikes_.open(spikes_path(path));
    if (!spikes_)
        throw InputError(spikes_path(path) + ": cannot write");
    voltage_ << std::setprecision(10);
    spikes_ << std::setprecision(10) << "step,t_ms,member\n";
}

void StreamCsv::metadata(const std::string& json_text) {
    if (have_metadata_)
        return;
    const auto m = nlohmann::json::parse(json_text, nullptr, false);
    if (!m.is_object() || !m.contains("frame_every_steps") ||
        !m["frame_every_steps"].is_number_unsigned())
        return;
    every_ = m["frame_every_steps"].get<std::uint64_t>();
    if (m.contains("probes") && m["probes"].is_array())
        for (const auto& p : m["probes"])
            probes_.push_back(p.is_string() ? p.get<std::string>() : p.dump());
    have_metadata_ = true;
    for (const Frame& f : held_)
        write(f);
    held_.clear();
    held_bytes_ = 0;
}

void StreamCsv::frame(std::uint64_t step, double t0_ms, double row_dt_ms, std::uint32_t rows,
                      std::uint32_t cols, std::span<const std::uint8_t> values) {
    Frame f{step, t0_ms, row_dt_ms, rows, cols, {values.begin(), values.end()}};
    if (have_metadata_) {
        write(f);
    } else if (held_bytes_ + values.size() <= kMaxHeldBytes) {
        held_bytes_ += values.size();
        held_.push_back(std::move(f));
    } else {
        ++dropped_frames_;
    }
}

void StreamCsv::spike(std::uint64_t step, double t_ms, std::int32_t member) {
    spikes_ << step << "," << t_ms << "," << member << "\n";
}

void StreamCsv::write_header(std::uint32_t cols) {
    voltage_ << "step,t_ms";
    for (std::uint32_t c = 0; c < cols; ++c)
        voltage_ << ","
                 << (probes_.size() == cols ? probes_[c] : "column_" + std::to_string(c + 1));
    voltage_ << "\n";
    header_written_ = true;
}

std::uint64_t StreamCsv::every_of(const Frame& f) const {
    if (have_metadata_)
        return every_;
    if (f.step == 0 || f.t0_ms <= 0 || f.row_dt_ms <= 0)
        return 1;
    const double dt = f.t0_ms / static_cast<double>(f.step);
    return static_cast<std::uint64_t>(std::max(1.0, std::round(f.row_dt_ms / dt)));
}

void StreamCsv::write(const Frame& f) {
    if (!header_written_)
        write_header(f.cols);
    const std::uint64_t every = every_of(f);
    for (std::uint32_t r = 0; r < f.rows; ++r) {
        voltage_ << f.step + r * every << "," << f.t0_ms + r * f.row_dt_ms;
        for (std::uint32_t c = 0; c < f.cols; ++c)
            voltage_ << ","
                     << io::read_le<double>(f.values.data() +
                                            (static_cast<std::size_t>(r) * f.cols + c) * 8);
        voltage_ << "\n";
    }
}

void StreamCsv::finish(std::ostream& err) {
    if (!held_.empty())
        err << "rtcell listen: no metadata arrived; " << held_.size()
            << " voltage message(s) written with columns column_1…\n";
    for (const Frame& f : held_)
        write(f);
    held_.clear();
    if (dropped_frames_)
        err << "rtcell listen: " << dropped_frames_
            << " voltage message(s) dropped while waiting for metadata\n";
    voltage_.flush();
    spikes_.flush();
}

}  // namespace rtcell::tools
