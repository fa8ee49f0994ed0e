#pragma once
// A cell's description from a YAML configuration file: morphology (a file or inline
// branches), named labels, the CV policy and cable properties. See README "Configuration".
#include <string>

#include "config/clamp_config.hpp"
#include "config/dynamics_config.hpp"
#include "io/io_config.hpp"
#include "model/cable/cv_policy.hpp"
#include "model/cell/cell.hpp"
#include "model/morph/morph_expr.hpp"
#include "model/morph/morphology.hpp"
#include "rt/loop_config.hpp"

namespace rtcell {

struct ModelConfig {
    std::string source;  // the configuration file
    std::string text;    // its text, as read (kept in recordings)
    std::string name;    // the cell's name (default: the file's stem)
    Morphology morphology;
    LabelDict labels;
    CvPolicy cv_policy;  // default: one CV per branch
    CableProperties cable;
    DynamicsConfig dynamics;  // population, cell options, paint, place, probes, inputs, simulation
    rt::LoopConfig realtime;  // the `realtime` section; dt and duration from `simulation`
    io::IoConfig io;          // the `io` section: ZeroMQ sockets
    // `dynamic_clamp`: the cell is (or is coupled to) the live membrane of a living cell.
    std::optional<ClampConfig> clamp;
};

// Builds the (DECLARING) Cell the configuration describes: its cable defaults painted on
// (all) first, then the paint, place and input rules in order.
Cell build_cell(const ModelConfig& config);
// Cell::init_state for a cell built from `config`; errors name the configuration file.
void init_cell(Cell& cell, const ModelConfig& config);

// Throws InputError naming file:line:column and the field for any problem.
ModelConfig load_model_config(const std::string& path);
// Parses configuration text; `source` names it in messages and anchors relative paths.
ModelConfig parse_model_config(const std::string& text, const std::string& source);
// The configuration rtcell runs when given none: a ball-and-stick cell with an HH soma, driven
// through a dendritic synapse by a regular spike train so that it fires, at dt = 25 µs.
ModelConfig builtin_default_config();
// A configuration for a bare morphology file: default CV policy and cable.
ModelConfig model_config_for_morphology(const std::string& path);

}  // namespace rtcell
