#pragma once
// A cell's description from a YAML configuration file: morphology (a file or inline
// branches), named labels, the CV policy and cable properties. See README "Configuration".
#include <string>

#include "model/cv_policy.hpp"
#include "model/morph_expr.hpp"
#include "model/morphology.hpp"

namespace rtcell {

struct ModelConfig {
    std::string source;  // the configuration file
    std::string name;    // the cell's name (default: the file's stem)
    Morphology morphology;
    LabelDict labels;
    CvPolicy cv_policy;  // default: one CV per branch
    CableProperties cable;
};

// Throws InputError naming file:line:column and the field for any problem.
ModelConfig load_model_config(const std::string& path);
// Parses configuration text; `source` names it in messages and anchors relative paths.
ModelConfig parse_model_config(const std::string& text, const std::string& source);
// A configuration for a bare morphology file: default CV policy and cable.
ModelConfig model_config_for_morphology(const std::string& path);

}  // namespace rtcell
