#include "tools/recording_header.hpp"

#include <filesystem>

namespace rtcell::tools {

namespace {
// What every recording's head says of the run: the command, the configuration and dt.
io::RecordingHeader run_header(const std::string& command, const std::string& source,
                               const std::string& text, double dt_ms) {
    io::RecordingHeader h;
    h.command = command;
    h.source = source;
    h.configuration = text;
    h.dt_ms = dt_ms;
    return h;
}
}  // namespace

io::RecordingHeader recording_header(const std::string& command, const ModelConfig& cfg,
                                     const Cell& cell, double dt_ms) {
    io::RecordingHeader h = run_header(command, cfg.source, cfg.text, dt_ms);
    h.members = cell.members();
    h.detector = cell.options().detector ? cell.options().detector->to_string() : "(root)";
    h.probe_names = cell.probe_names();
    h.probe_columns = cell.probe_columns();
    return h;
}

io::RecordingHeader recording_header(const std::string& command, const NetworkConfig& cfg,
                                     const Network& net, double dt_ms) {
    io::RecordingHeader h = run_header(command, cfg.source, cfg.text, dt_ms);
    std::size_t first = 0;
    for (std::size_t g = 0; g < net.groups(); ++g) {
        const Cell& cell = net.part(g, 0);  // its options are the group's
        const std::string name = net.group_name(g);
        h.detector += (g ? "; " : "") + name + ": " +
                      (cell.options().detector ? cell.options().detector->to_string() : "(root)");
        for (const auto& n : net.probe_names(g))
            h.probe_names.push_back(name + "." + n);
        for (auto c : net.probe_columns(g)) {
            c.probe = name + "." + c.probe;
            c.member += first;  // network members, as in the stream
            h.probe_columns.push_back(std::move(c));
        }
        h.groups.push_back({name, first, net.group_members(g)});
        first += net.group_members(g);
    }
    h.members = first;
    return h;
}

bool is_hdf5_path(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    return ext == ".h5" || ext == ".hdf5";
}

}  // namespace rtcell::tools
