#pragma once
// Colours for pictures: "#rrggbb" strings, blending, and perceptually uniform colormaps
// (viridis, plasma, magma, cividis) sampled from their published anchor colours.
#include <string>
#include <vector>

namespace rtcell::vis {

struct Rgb {
    double r, g, b;  // 0..1
};

Rgb parse_color(const std::string& hex);  // "#rrggbb" or "#rgb"; throws InputError otherwise
std::string to_hex(const Rgb& c);
Rgb mix(const Rgb& a, const Rgb& b, double t);  // (1 − t)·a + t·b

// t ∈ [0, 1] along a named colormap. Throws InputError (with a suggestion) for unknown names.
Rgb colormap(const std::string& name, double t);
const std::vector<std::string>& colormap_names();

}  // namespace rtcell::vis
