#pragma once
// The dynamic part of a configuration: cell options, paint and place rules, input bindings,
// probes and the simulation settings. Parsed into values that build a Cell (build_cell).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "config/yaml_fields.hpp"
#include "model/cell/cell.hpp"

namespace rtcell {

struct SimulationSettings {
    double dt_ms = 0.025;
    double duration_ms = 100.0;
    int record_every = 1;
};

struct PaintItem {
    Region region;
    Paintable what;
};
struct PlaceItem {
    Locset locset;
    Placeable what;
};
struct InputItem {
    std::string synapse;
    InputSource source;
    std::vector<double> weight;  // per unit of the source: µS (ExpSyn, Exp2Syn) or 1 (kinetic)
};

struct DynamicsConfig {
    CellOptions options;
    std::vector<PaintItem> paint;
    std::vector<PlaceItem> place;
    std::vector<InputItem> inputs;
    SimulationSettings simulation;
};

// Reads the keys population, cell, paint, place, inputs, probes and simulation of `root`.
DynamicsConfig parse_dynamics(const yaml::Context& ctx, const YAML::Node& root,
                              std::size_t members_hint = 0);
// The `simulation` section (dt, duration, record_every); the defaults when the node is absent.
SimulationSettings parse_simulation(const yaml::Context& ctx, const YAML::Node& node);

}  // namespace rtcell
