#pragma once
// A run recorded to HDF5 (Debian's libhdf5-dev): the layout is documented in io/RECORDING.md.
// Rows are buffered and appended to chunked, extendible datasets, so that a recording of any
// length is written as it goes and readable (by h5py, NWB tools, MATLAB) once closed. Used
// off the real-time thread only: by `rtcell sim` directly and by the Recorder's writer
// thread for `rtcell run`.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/cell/cell.hpp"

namespace rtcell::io {

struct RecordingHeader {
    std::string command;        // "sim" or "run"
    std::string source;         // the configuration's path, or "built-in default"
    std::string configuration;  // its text (YAML)
    double dt_ms = 0.025;
    std::size_t members = 1;
    std::string detector;                  // the spike detector's locset
    std::vector<std::string> probe_names;  // column names
    std::vector<ProbeColumnInfo> probe_columns;
    std::vector<std::string> synapses;    // input handle → synapse name
    std::vector<std::string> parameters;  // control target handle → "owner.param"
    // A network's groups (none for one cell): the members of group g are first[g] to
    // first[g] + members[g] − 1 among the recording's members.
    struct Group {
        std::string name;
        std::size_t first = 0, members = 0;
    };
    std::vector<Group> groups;
};

class RecordingFile {
  public:
    // Creates (truncates) `path`; InputError naming it when it cannot.
    RecordingFile(const std::string& path, const RecordingHeader& header);
    ~RecordingFile();
    RecordingFile(const RecordingFile&) = delete;
    RecordingFile& operator=(const RecordingFile&) = delete;

    // One probe row: its model step, time [ms] and one value per column.
    void row(std::uint64_t step, double t_ms, const double* values);
    void spike(std::uint64_t step, double t_ms, std::int32_t member);
    void input(std::uint64_t step, std::int32_t synapse, std::int32_t member, std::int32_t instance,
               double weight_uS);
    void control(std::uint64_t step, std::uint64_t tick, const std::string& kind,
                 std::int32_t target, std::int32_t member, double value);
    // Attributes of /timing (the run's summary) and of the root (counts of what was lost).
    void timing(const std::map<std::string, double>& figures);
    void root_attribute(const std::string& name, double value);
    // Writes what is buffered and closes the file (also done by the destructor).
    void close();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace rtcell::io
