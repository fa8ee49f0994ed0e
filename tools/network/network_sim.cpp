#include "tools/network/network_sim.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "config/network_config.hpp"
#include "config/units.hpp"
#include "model/util/input_error.hpp"
#include "rt/network/parallel_stepper.hpp"
#include "tools/cli/arguments.hpp"

namespace rtcell::tools {
namespace {

// t_ms, then every group's columns as "<group>.<column>".
void write_traces(const NetworkTraces& t, const std::string& path) {
    std::ofstream csv(path);
    if (!csv)
        throw InputError(path + ": cannot write the traces");
    csv << "t_ms";
    for (const auto& g : t.groups)
        for (const auto& n : g.names)
            csv << "," << g.name << "." << n;
    csv << "\n" << std::setprecision(10);
    for (std::size_t r = 0; r < t.t_ms.size(); ++r) {
        csv << t.t_ms[r];
        for (const auto& g : t.groups)
            for (const auto& c : g.columns)
                csv << "," << c[r];
        csv << "\n";
    }
}

void write_spikes(const NetworkTraces& t, const std::string& path) {
    std::ofstream csv(path);
    if (!csv)
        throw InputError(path + ": cannot write the spikes");
    csv << "group,member,t_ms\n" << std::setprecision(10);
    for (const auto& g : t.groups)
        for (std::size_t m = 0; m < g.spike_times_ms.size(); ++m)
            for (double s : g.spike_times_ms[m])
                csv << g.name << "," << m << "," << s << "\n";
}

std::string spikes_path(const std::string& traces) {
    const auto dot = traces.rfind('.');
    return (dot == std::string::npos ? traces : traces.substr(0, dot)) + "_spikes.csv";
}

}  // namespace

int run_network_sim(const NetworkSimOptions& o, std::ostream& out, std::ostream& err) {
    try {
        NetworkConfig cfg = load_network_config(o.path);
        if (!o.duration.empty())
            cfg.simulation.duration_ms = quantity(o.duration, units::Dimension::time, "--duration");
        if (!o.dt.empty())
            cfg.simulation.dt_ms = quantity(o.dt, units::Dimension::time, "--dt");
        if (!o.threads.empty())
            cfg.threads = whole_number(o.threads, "--threads");
        if (cfg.threads < 1)
            throw InputError("--threads: at least 1");
        Network net = build_network(cfg);
        try {
            net.init_state(cfg.threads);
        } catch (const InputError& e) {
            throw InputError(o.path + ": " + e.what());
        }
        for (std::size_t g = 0; g < net.groups(); ++g)
            for (const auto& w : net.part(g, 0).warnings())
                err << "rtcell sim: warning: " << o.path << ": group '" << net.group_name(g)
                    << "': " << w << "\n";
        rt::ParallelStepper<Network> stepper(net);
        const auto t0 = std::chrono::steady_clock::now();
        const NetworkTraces traces =
            net.run(cfg.simulation.dt_ms, cfg.simulation.duration_ms, [&] { stepper.step(); });
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!o.out_path.empty()) {
            write_traces(traces, o.out_path);
            write_spikes(traces, spikes_path(o.out_path));
        }
        std::size_t cv_members = 0;
        for (std::size_t g = 0; g < net.groups(); ++g)
            cv_members += net.part(g, 0).n_compartment() * net.group_members(g);
        const double steps = static_cast<double>(net.steps());
        out << std::setprecision(6) << "{\"config\": \"" << o.path
            << "\", \"groups\": " << net.groups() << ", \"connections\": " << net.connections()
            << ", \"gap_junctions\": " << net.gap_junctions() << ", \"cvs\": " << cv_members
            << ", \"threads\": " << stepper.threads() << ", \"steps\": " << net.steps()
            << ", \"dt_ms\": " << net.dt() << ", \"wall_s\": " << wall << ", \"ns_per_cv_step\": "
            << (steps > 0 ? wall * 1e9 / (steps * static_cast<double>(cv_members)) : 0.0)
            << ", \"spikes\": {";
        for (std::size_t g = 0; g < traces.groups.size(); ++g) {
            out << (g ? ", " : "") << "\"" << traces.groups[g].name << "\": [";
            for (std::size_t m = 0; m < traces.groups[g].spike_times_ms.size(); ++m)
                out << (m ? ", " : "") << traces.groups[g].spike_times_ms[m].size();
            out << "]";
        }
        out << "}}\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell sim: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
