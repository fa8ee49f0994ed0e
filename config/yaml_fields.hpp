#pragma once
// Reading YAML nodes with errors that name the file, line, column and field:
// "cell.yaml:12:7: cv_policy[1].max_extent: '20' has no unit (expected a length, ...)".
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

#include "config/units.hpp"

namespace rtcell::yaml {

struct Context {
    std::string file;
    [[noreturn]] void fail(const YAML::Node& at, const std::string& field,
                           const std::string& what) const;
};

// Throws if `node` has keys other than `allowed` (with a did-you-mean suggestion).
void check_keys(const Context& ctx, const YAML::Node& node, const std::string& field,
                std::initializer_list<const char*> allowed);
// A mapping key as text; a key that is a list or a mapping is an error.
std::string key_of(const Context& ctx, const YAML::Node& key, const std::string& field);
std::string get_string(const Context& ctx, const YAML::Node& node, const std::string& field);
double get_number(const Context& ctx, const YAML::Node& node, const std::string& field);
int get_int(const Context& ctx, const YAML::Node& node, const std::string& field);
bool get_bool(const Context& ctx, const YAML::Node& node, const std::string& field);
double get_quantity(const Context& ctx, const YAML::Node& node, const std::string& field,
                    units::Dimension d);

}  // namespace rtcell::yaml
