#include "config/yaml_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::yaml {

void Context::fail(const YAML::Node& at, const std::string& field, const std::string& what) const {
    std::string where = file;
    // A missing key gives an invalid node, whose Mark() throws: it has no place to name.
    const YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
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
        const std::string key = key_of(ctx, kv.first, field);
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            ctx.fail(kv.first, field, "duplicate key '" + key + "'");
        seen.push_back(key);
    }
    for (const auto& kv : node) {
        const std::string key = kv.first.Scalar();  // checked to be a scalar above
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

std::string key_of(const Context& ctx, const YAML::Node& key, const std::string& field) {
    if (!key.IsScalar())
        ctx.fail(key, field, "a key must be a name, not a list or a mapping");
    return key.Scalar();
}

std::string get_string(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node)
        ctx.fail(node, field, "is required but missing");
    if (!node.IsScalar())
        ctx.fail(node, field, "expected a text value");
    return node.Scalar();
}

double get_number(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node)
        ctx.fail(node, field, "is required but missing");
    if (!node.IsScalar())
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
    // Compared as doubles first: casting a value outside int's range is undefined.
    if (!(v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max()))
        ctx.fail(node, field, "'" + node.Scalar() + "' is outside the range of whole numbers");
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
