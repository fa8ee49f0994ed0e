#pragma once
// What `rtcell sim --out FILE.h5` and `rtcell run --record FILE.h5` put at the head of a
// recording (io/RECORDING.md): the configuration, its text, the probe columns, the detector,
// and what the loop's handles name.
#include <string>

#include "config/model_config.hpp"
#include "config/network_config.hpp"
#include "io/recording/recording_file.hpp"

namespace rtcell::tools {

io::RecordingHeader recording_header(const std::string& command, const ModelConfig& cfg,
                                     const Cell& cell, double dt_ms);
// A network's: its probe columns named and numbered as its stream's (`group.probe`, network
// members), each group's detector, and its groups.
io::RecordingHeader recording_header(const std::string& command, const NetworkConfig& cfg,
                                     const Network& net, double dt_ms);

// Whether a path names an HDF5 file (.h5, .hdf5, .nwb is not claimed).
bool is_hdf5_path(const std::string& path);

}  // namespace rtcell::tools
