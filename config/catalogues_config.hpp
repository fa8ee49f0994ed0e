#pragma once
// `catalogues:` in a configuration: mechanism catalogues built from NMODL files
// (`rtcell nmodl build`), loaded before anything else is read so that paint and place can
// name their mechanisms. Each item is a file (relative to the configuration's directory) or
// {file: F, prefix: P}, which makes its mechanisms known as P + name.
#include <yaml-cpp/yaml.h>

#include "config/yaml_fields.hpp"

namespace rtcell {

void load_catalogues(const yaml::Context& ctx, const YAML::Node& node);

}  // namespace rtcell
