#pragma once
// The dynamic-clamp part of a configuration (README "Dynamic clamp"):
//   live_membrane: {area, refractory}  at the top level, instead of `morphology`: the whole
//                  cell is the live membrane (its paint, place and probes act on the living
//                  cell); or
//   dynamic_clamp: the transport and the safety rules, and — when the top level is a model
//                  neuron — the live membrane coupled to it (its own area, refractory period,
//                  cell options, paint, place and probes), gap junctions and synapses both ways;
//                  or, when the top level is a live-membrane population (a rig channel per
//                  member), gap junctions and synapses among the channels (between_channels).
// build_clamp() makes the objects: the live membrane, the gap junctions placed on the model,
// the synapse bindings, then (after init_state) the DynamicClamp.
#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/dynamics_config.hpp"
#include "config/yaml_fields.hpp"
#include "model/cell/cell.hpp"
#include "model/clamp/dynamic_clamp.hpp"
#include "rt/clamp/clamp_port.hpp"

namespace rtcell {

struct LiveMembraneConfig {
    double area_um2 = 0;
    double refractory_ms = 0;
    DynamicsConfig dynamics;  // cell options, paint, place, probes of the live membrane
};

struct ClampConfig {
    // POSIX shared-memory name ("/rtcell-clamp"); empty: the samples come over ZeroMQ (an
    // io.inputs binding of kind samples).
    std::string shared_memory;
    rt::ClampSafety safety;
    std::optional<LiveMembraneConfig> live;  // set when the top level is a model neuron
    struct Gap {
        std::string name;
        Locset where;
        double g_uS = 0;
        double rectify = 0;  // 0 both ways, +1 into the model only, −1 out of it only
    };
    std::vector<Gap> gaps;
    struct Synapse {
        bool onto_live = true;  // model spikes → a synapse on the live membrane; or the reverse
        std::string synapse;
        double weight = 1.0;  // µS per spike for ExpSyn/Exp2Syn, 1 for the kinetic synapses
    };
    std::vector<Synapse> synapses;
    // With a live-membrane population at the top level: gap junctions and synapses among its
    // channels (between_channels; model/clamp/channel_couplings.hpp).
    ChannelCouplings between_channels;
};

// The top-level `live_membrane` mapping: its area and refractory period.
LiveMembraneConfig parse_live_membrane(const yaml::Context& ctx, const YAML::Node& node,
                                       const std::string& field);
// The `dynamic_clamp` mapping. `model_on_top`: the top level is a model neuron (not a live
// membrane), so that a live membrane, gap junctions and synapses may be given here.
ClampConfig parse_dynamic_clamp(const yaml::Context& ctx, const YAML::Node& node,
                                bool model_on_top);

// The objects of a dynamic clamp, built in two phases around the loop cell's init_state.
struct ClampParts {
    std::unique_ptr<Cell> live;  // the live membrane when it is not the loop's cell
    std::unique_ptr<DynamicClamp> clamp;
};
// Declaring: places the gap junctions on `cell` (the configuration's cell) and builds and binds
// the live membrane. `source` names the configuration in errors.
ClampParts declare_clamp(const ClampConfig& c, Cell& cell, const std::string& source);
// After cell.init_state(): initializes the live membrane (with dt) and makes the DynamicClamp.
void init_clamp(ClampParts& parts, const ClampConfig& c, Cell& cell, double dt_ms,
                const std::string& source);

}  // namespace rtcell
