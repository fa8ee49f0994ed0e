#include "tools/sim_command.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "config/model_config.hpp"
#include "config/units.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"

namespace rtcell::tools {

const char* const sim_help =
    "usage: rtcell sim CONFIG.yaml [--out traces.csv] [--duration T] [--dt DT] [--record-every K]\n"
    "\n"
    "Builds the cell a configuration describes and runs it offline as fast as the machine\n"
    "allows. Writes the probe traces as CSV (first column t_ms, then one column per probe\n"
    "location and population member) and ends by printing one JSON line: CVs, steps, members,\n"
    "wall time of the stepping alone, ns per CV-step, and spikes at the detector.\n"
    "\n"
    "  --out FILE         where to write the traces (default: no file)\n"
    "  --duration T       override simulation.duration, with a unit: 100ms, '2 s'\n"
    "  --dt DT            override simulation.dt, with a unit: 0.025ms, '25 us'\n"
    "  --record-every K   keep every K-th step (default: simulation.record_every)\n";

int run_sim(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string path, out_path, duration, dt, every;
    Arguments a("sim", sim_help);
    a.positional(path, "configuration")
        .option("--out", out_path)
        .option("--duration", duration)
        .option("--dt", dt)
        .option("--record-every", every);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    if (path.empty()) {
        err << "rtcell sim: no configuration given\n\n" << sim_help;
        return 2;
    }
    try {
        ModelConfig cfg = load_model_config(path);
        SimulationSettings& sim = cfg.dynamics.simulation;
        if (!duration.empty())
            sim.duration_ms = quantity(duration, units::Dimension::time, "--duration");
        if (!dt.empty())
            sim.dt_ms = quantity(dt, units::Dimension::time, "--dt");
        if (!every.empty())
            sim.record_every = static_cast<int>(whole_number(every, "--record-every"));
        Cell cell = build_cell(cfg);
        init_cell(cell, cfg);
        const auto t0 = std::chrono::steady_clock::now();
        const Traces traces = cell.run(sim.dt_ms, sim.duration_ms, sim.record_every);
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

        if (!out_path.empty()) {
            std::ofstream csv(out_path);
            if (!csv)
                throw InputError(out_path + ": cannot write");
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
            << ", \"spikes\": " << spikes << "}\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell sim: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
