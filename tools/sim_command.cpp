#include "tools/sim_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <ostream>

#include "config/model_config.hpp"
#include "config/network_config.hpp"
#include "config/units.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/warnings.hpp"
#include "tools/network/network_sim.hpp"
#include "tools/recording_header.hpp"

namespace rtcell::tools {

const char* const sim_help =
    "usage: rtcell sim CONFIG.yaml [--out traces.csv] [--duration T] [--dt DT] [--record-every K]\n"
    "\n"
    "Builds the cell a configuration describes and runs it offline as fast as the machine\n"
    "allows. Writes the probe traces as CSV (a header, first column t_ms, then one column per\n"
    "probe location and population member) and the spike times beside it (FILE's stem +\n"
    "_spikes.csv: member, t_ms). On a terminal, a run longer than a couple of seconds shows its\n"
    "progress. Ends by printing one JSON line: CVs, steps, members, wall time of the stepping\n"
    "alone, ns per CV-step, and spikes at the detector, in all and per member.\n"
    "\n"
    "  --out FILE         where to write the traces (default: no file): FILE.csv (and\n"
    "                     FILE_spikes.csv), or FILE.h5 for HDF5 with the spikes, the\n"
    "                     configuration and the probes' units (io/RECORDING.md)\n"
    "  --duration T       override simulation.duration, with a unit: 100ms, '2 s'\n"
    "  --dt DT            override simulation.dt, with a unit: 0.025ms, '25 us'\n"
    "  --record-every K   keep every K-th step (default: simulation.record_every)\n"
    "  --threads N        a network's threads (default: network.threads); each steps whole\n"
    "                     groups\n"
    "\n"
    "A network configuration (a `cells` section, README \"Networks\") is run the same way: the\n"
    "traces' columns are <group>.<probe>, the spikes file has group, member, t_ms (the grid\n"
    "times NEURON's NetCon gives), and the JSON line counts spikes per group and member.\n";

namespace {

void write_traces_csv(const Traces& traces, const std::string& path) {
    std::ofstream csv(path);
    if (!csv)
        throw InputError(path + ": cannot write");
    csv << "t_ms";
    for (const auto& n : traces.names)
        csv << "," << n;
    csv << "\n" << std::setprecision(10);
    for (std::size_t r = 0; r < traces.t_ms.size(); ++r) {
        csv << traces.t_ms[r];
        for (const auto& c : traces.columns)
            csv << "," << c[r];
        csv << "\n";
    }
}

// Spike times at the detector, one row per spike in time order within each member.
void write_spikes_csv(const Traces& traces, const std::string& path) {
    std::ofstream csv(path);
    if (!csv)
        throw InputError(path + ": cannot write");
    csv << "member,t_ms\n" << std::setprecision(10);
    for (std::size_t m = 0; m < traces.spike_times_ms.size(); ++m)
        for (double t : traces.spike_times_ms[m])
            csv << m << "," << t << "\n";
}

// A status line on a terminal, from the first report after 2 s, at most 4 times a second.
Cell::Progress progress_on(std::ostream& err, bool terminal, double duration_ms) {
    if (!terminal)
        return {};
    const auto start = std::chrono::steady_clock::now();
    auto shown = start;
    return [&err, start, shown, duration_ms](std::uint64_t done, std::uint64_t total) mutable {
        const auto now = std::chrono::steady_clock::now();
        const double elapsed = std::chrono::duration<double>(now - start).count();
        if (elapsed < 2.0 || (done < total && now - shown < std::chrono::milliseconds(250)))
            return;
        shown = now;
        const double f = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
        err << "\rrtcell sim: " << std::fixed << std::setprecision(0) << 100 * f << " % ("
            << f * duration_ms << " of " << duration_ms << " ms), " << std::setprecision(1)
            << (f > 0 ? elapsed / f - elapsed : 0.0) << " s left   " << (done == total ? "\n" : "")
            << std::flush;
    };
}

// The run as HDF5 (io/RECORDING.md): rows every record_every steps, spikes with the step
// that reached threshold.
void write_recording(const std::string& path, const ModelConfig& cfg, const Cell& cell,
                     const Traces& traces) {
    const SimulationSettings& sim = cfg.dynamics.simulation;
    io::RecordingFile file(path, recording_header("sim", cfg, cell, sim.dt_ms));
    std::vector<double> row(traces.columns.size());
    for (std::size_t r = 0; r < traces.t_ms.size(); ++r) {
        for (std::size_t c = 0; c < row.size(); ++c)
            row[c] = traces.columns[c][r];
        file.row(r * static_cast<std::uint64_t>(sim.record_every), traces.t_ms[r], row.data());
    }
    for (std::size_t m = 0; m < traces.spike_times_ms.size(); ++m)
        for (double t : traces.spike_times_ms[m])
            file.spike(static_cast<std::uint64_t>(std::floor(t / sim.dt_ms + 1e-9)) + 1, t,
                       static_cast<std::int32_t>(m));
    file.close();
}

std::string spikes_path(const std::string& traces_path) {
    const std::filesystem::path p(traces_path);
    return (p.parent_path() / (p.stem().string() + "_spikes.csv")).string();
}

}  // namespace

int run_sim(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string path, out_path, duration, dt, every, threads;
    Arguments a("sim", sim_help);
    a.positional(path, "configuration")
        .option("--out", out_path)
        .option("--duration", duration)
        .option("--dt", dt)
        .option("--record-every", every)
        .option("--threads", threads);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    if (path.empty()) {
        err << "rtcell sim: no configuration given\n\n" << sim_help;
        return 2;
    }
    if (is_network_config_file(path))
        return run_network_sim({path, out_path, duration, dt, threads}, out, err);
    if (!threads.empty()) {
        err << "rtcell sim: --threads steps a network; " << path << " is one cell\n";
        return 2;
    }
    try {
        ModelConfig cfg = load_model_config(path);
        if (cfg.clamp)
            throw InputError(path +
                             ": a dynamic clamp needs a living cell's samples: run it with "
                             "'rtcell run' and a bridge, or offline with 'rtcell rig LIVING.yaml "
                             "--in-process " +
                             path + "'");
        SimulationSettings& sim = cfg.dynamics.simulation;
        if (!duration.empty())
            sim.duration_ms = quantity(duration, units::Dimension::time, "--duration");
        if (!dt.empty())
            sim.dt_ms = quantity(dt, units::Dimension::time, "--dt");
        if (!every.empty())
            sim.record_every = static_cast<int>(whole_number(every, "--record-every"));
        Cell cell = build_cell(cfg);
        init_cell(cell, cfg);
        cell.set_dt(sim.dt_ms);
        print_warnings(err, "sim", config_warnings(cell, cfg, true));
        const bool terminal = &err == &std::cerr && isatty(STDERR_FILENO);
        const auto t0 = std::chrono::steady_clock::now();
        const Traces traces = cell.run(sim.dt_ms, sim.duration_ms, sim.record_every,
                                       progress_on(err, terminal, sim.duration_ms));
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

        if (!out_path.empty() && is_hdf5_path(out_path)) {
            write_recording(out_path, cfg, cell, traces);
        } else if (!out_path.empty()) {
            write_traces_csv(traces, out_path);
            write_spikes_csv(traces, spikes_path(out_path));
        }
        const double steps = static_cast<double>(cell.steps());
        const double cv_steps = steps * static_cast<double>(cell.n_compartment() * cell.members());
        std::size_t spikes = 0;
        for (const auto& s : traces.spike_times_ms)
            spikes += s.size();
        if (const auto fault = cell.numerical_fault()) {
            err << "rtcell sim: error: " << path << ": " << describe(*fault) << "\n";
            return 1;
        }
        out << std::setprecision(6) << "{\"config\": \"" << path
            << "\", \"cvs\": " << cell.n_compartment() << ", \"members\": " << cell.members()
            << ", \"steps\": " << cell.steps() << ", \"dt_ms\": " << sim.dt_ms
            << ", \"wall_s\": " << wall
            << ", \"ns_per_cv_step\": " << (cv_steps > 0 ? wall * 1e9 / cv_steps : 0.0)
            << ", \"steps_per_s\": " << (wall > 0 ? steps / wall : 0.0)
            << ", \"spikes\": " << spikes << ", \"spikes_per_member\": [";
        for (std::size_t m = 0; m < traces.spike_times_ms.size(); ++m)
            out << (m ? ", " : "") << traces.spike_times_ms[m].size();
        out << "]}\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell sim: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
