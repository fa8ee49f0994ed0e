#include "model/vis/colormap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::vis {

Rgb parse_color(const std::string& hex) {
    auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        throw InputError("colour '" + hex + "' is not #rrggbb or #rgb");
    };
    if (hex.size() == 7 && hex[0] == '#')
        return {(nibble(hex[1]) * 16 + nibble(hex[2])) / 255.0,
                (nibble(hex[3]) * 16 + nibble(hex[4])) / 255.0,
                (nibble(hex[5]) * 16 + nibble(hex[6])) / 255.0};
    if (hex.size() == 4 && hex[0] == '#')
        return {nibble(hex[1]) * 17 / 255.0, nibble(hex[2]) * 17 / 255.0,
                nibble(hex[3]) * 17 / 255.0};
    throw InputError("colour '" + hex + "' is not #rrggbb or #rgb");
}

std::string to_hex(const Rgb& c) {
    auto byte = [](double v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
    };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return buf;
}

Rgb mix(const Rgb& a, const Rgb& b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

namespace {
const std::map<std::string, std::vector<const char*>>& anchors() {
    // Nine evenly spaced samples of each map (matplotlib's definitions).
    static const std::map<std::string, std::vector<const char*>> a = {
        {"viridis",
         {"#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30",
          "#fde725"}},
        {"plasma",
         {"#0d0887", "#4c02a1", "#7e03a8", "#a92395", "#cc4778", "#e56b5d", "#f89540", "#fdc527",
          "#f0f921"}},
        {"magma",
         {"#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55064", "#fb8761", "#fec287",
          "#fcfdbf"}},
        {"cividis",
         {"#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c",
          "#fee838"}},
    };
    return a;
}
}  // namespace

const std::vector<std::string>& colormap_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& [k, v] : anchors())
            n.push_back(k);
        return n;
    }();
    return names;
}

Rgb colormap(const std::string& name, double t) {
    const auto it = anchors().find(name);
    if (it == anchors().end())
        throw InputError("unknown colormap '" + name + "'" + did_you_mean(name, colormap_names()) +
                         " (viridis, plasma, magma or cividis)");
    const auto& a = it->second;
    if (!std::isfinite(t))
        return {0.75, 0.75, 0.75};
    const double x = std::clamp(t, 0.0, 1.0) * static_cast<double>(a.size() - 1);
    const std::size_t i = std::min(static_cast<std::size_t>(x), a.size() - 2);
    return mix(parse_color(a[i]), parse_color(a[i + 1]), x - static_cast<double>(i));
}

}  // namespace rtcell::vis
