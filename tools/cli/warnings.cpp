#include "tools/cli/warnings.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace rtcell::tools {

std::vector<std::string> config_warnings(const Cell& cell, const ModelConfig& cfg, bool offline) {
    std::vector<std::string> w =
        cell.phase() == Cell::Phase::initialized ? cell.warnings() : cell.lower().warnings;
    const SimulationSettings& sim = cfg.dynamics.simulation;
    if (cell.phase() == Cell::Phase::initialized) {
        // Exponential Euler stays stable at any dt, but a gate much faster than the step only
        // ever sits at its steady state: its dynamics are lost without a sign.
        const auto [mechanism, tau] = cell.fastest_gate();
        if (cell.dt() > kFastGateFactor * tau) {
            std::ostringstream s;
            s << "dt " << cell.dt() << " ms is " << std::setprecision(2) << cell.dt() / tau
              << " times the fastest gate time constant (" << std::setprecision(3) << tau
              << " ms, of " << mechanism << "): its dynamics are lost; use a smaller dt";
            w.push_back(s.str());
        }
    }
    if (!offline)
        return w;
    const auto& place = cfg.dynamics.place;
    if (std::none_of(place.begin(), place.end(),
                     [](const PlaceItem& p) { return std::holds_alternative<Probe>(p.what); }))
        w.push_back("the configuration has no probes: nothing is recorded but spike times");
    if (sim.duration_ms < sim.dt_ms)
        w.push_back("the duration (" + std::to_string(sim.duration_ms) +
                    " ms) is shorter than one step (dt " + std::to_string(sim.dt_ms) +
                    " ms): no step is taken");
    return w;
}

void print_warnings(std::ostream& err, const char* command, const std::vector<std::string>& w) {
    for (const auto& line : w)
        err << "rtcell " << command << ": warning: " << line << "\n";
}

}  // namespace rtcell::tools
