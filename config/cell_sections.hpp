#pragma once
// The sections that describe one cell (morphology or live_membrane, labels, cv_policy, cable,
// population, cell, paint, place, probes, inputs, and at the top level simulation, realtime,
// io, dynamic_clamp), read from a YAML mapping: a whole configuration file's top level, or one
// group of a network's `cells` (config/network_config.cpp). Shared by the two readers.
#include <string>

#include "config/model_config.hpp"
#include "config/yaml_fields.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

// A configuration file's text; InputError naming the path if it cannot be read.
std::string read_config_file(const std::string& path);
// `parse()`, with yaml-cpp's own exceptions (a conversion the field readers did not foresee)
// turned into InputError naming `source` and, when they have one, the line and column.
template <class Parse>
auto with_yaml_errors(const std::string& source, Parse parse) {
    try {
        return parse();
    } catch (const YAML::Exception& e) {
        std::string where = source;
        if (!e.mark.is_null())
            where +=
                ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
        throw InputError(where + ": " + e.msg);
    }
}

// The file's YAML, checked for nesting depth and syntax; a mapping. Errors name the file.
YAML::Node load_yaml_root(const std::string& text, const std::string& source);
// The cell the mapping describes, named `name`; errors name ctx.file with line and column.
ModelConfig parse_cell_sections(const yaml::Context& ctx, const YAML::Node& node,
                                const std::string& name);

}  // namespace rtcell
