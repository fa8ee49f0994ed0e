#pragma once
// Pieces both kinds of picture draw: numbers and text for SVG, the value range of a colour
// scale, the colour bar beside it, a legend of colours, and text labels.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rtcell::vis {

std::string fmt(double v);                    // 6 significant digits
std::string escape(const std::string& text);  // for SVG text and attributes

// The colour scale's ends: vmin and vmax where given, else the finite values' extremes. A
// constant value (or no finite value) is a range of one value: it takes the middle of the
// colour map, and its colour bar shows that value.
struct ValueRange {
    double lo = 0, hi = 1;
    bool constant = false;
    double fraction(double v) const { return constant ? 0.5 : (v - lo) / (hi - lo); }
};
ValueRange value_range(const std::vector<double>& values, std::optional<double> vmin,
                       std::optional<double> vmax);

// A vertical colour bar 200 px high at (x, y), its ends labelled, `label` below it.
std::string colorbar(double x, double y, const std::string& cmap, const ValueRange& range,
                     const std::string& label);
// One swatch and name per entry, from (x, y) down.
std::string legend(double x, double y,
                   const std::vector<std::pair<std::string, std::string>>& entries);
// A label (class "label") at (x, y).
std::string label(double x, double y, const std::string& text);

}  // namespace rtcell::vis
