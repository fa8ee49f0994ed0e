#include "tools/recording_header.hpp"

#include <filesystem>

namespace rtcell::tools {

io::RecordingHeader recording_header(const std::string& command, const ModelConfig& cfg,
                                     const Cell& cell, double dt_ms) {
    io::RecordingHeader h;
    h.command = command;
    h.source = cfg.source;
    h.configuration = cfg.text;
    h.dt_ms = dt_ms;
    h.members = cell.members();
    h.detector = cell.options().detector ? cell.options().detector->to_string() : "(root)";
    h.probe_names = cell.probe_names();
    h.probe_columns = cell.probe_columns();
    return h;
}

bool is_hdf5_path(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    return ext == ".h5" || ext == ".hdf5";
}

}  // namespace rtcell::tools
