#include "config/yaml_fields.hpp"

#include <algorithm>
#include <vector>

#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::yaml {

void Context::fail(const YAML::Node& at, const std::string& field, const std::string& what) const {
    std::string where = file;
    const YAML::Mark mark = at.Mark();
    if (!mark.is_null())
        where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
    throw InputError(where + ": " + field + ": " + what);
}

void check_keys(const Context& ctx, const YAML::Node& node, const std::string& field,
                std::initializer_list<const char*> allowed) {
    if (!node.IsMap())
        ctx.fail(node, field, "expected a mapping of keys to values");
    std::vector<std::string> seen;  // yaml-cpp keeps the last of duplicate keys silently
    for (const auto& kv : node) {
        const std::string key = kv.first.as<std::string>();
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            ctx.fail(kv.first, field, "duplicate key '" + key + "'");
        seen.push_back(key);
    }
    for (const auto& kv : node) {
        const std::string key = kv.first.as<std::string>();
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
            std::string list;
            for (const char* a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            ctx.fail(kv.first, field,
                     "unknown key '" + key + "'" + rtcell::did_you_mean(key, allowed) +
                         "; expected one of: " + list);
        }
    }
}

std::string get_string(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node || !node.IsScalar())
        ctx.fail(node, field, "expected a text value");
    return node.Scalar();
}

double get_number(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node || !node.IsScalar())
        ctx.fail(node, field, "expected a number");
    try {
        std::size_t used = 0;
        const double v = std::stod(node.Scalar(), &used);
        if (used != node.Scalar().size() || !std::isfinite(v))
            throw std::invalid_argument("");
        return v;
    } catch (const std::exception&) {
        ctx.fail(node, field, "'" + node.Scalar() + "' is not a number");
    }
}

int get_int(const Context& ctx, const YAML::Node& node, const std::string& field) {
    const double v = get_number(ctx, node, field);
    if (v != static_cast<int>(v))
        ctx.fail(node, field, "expected a whole number, got '" + node.Scalar() + "'");
    return static_cast<int>(v);
}

bool get_bool(const Context& ctx, const YAML::Node& node, const std::string& field) {
    const std::string s = get_string(ctx, node, field);
    if (s == "true" || s == "yes" || s == "on")
        return true;
    if (s == "false" || s == "no" || s == "off")
        return false;
    ctx.fail(node, field, "expected true or false, got '" + s + "'");
}

double get_quantity(const Context& ctx, const YAML::Node& node, const std::string& field,
                    units::Dimension d) {
    const std::string text = get_string(ctx, node, field);
    try {
        return units::parse_quantity(text, d, field);
    } catch (const InputError& e) {
        // parse_quantity already starts its message with the field name.
        const std::string msg = e.what();
        ctx.fail(node, field, msg.substr(std::min(msg.size(), field.size() + 2)));
    }
}

}  // namespace rtcell::yaml
