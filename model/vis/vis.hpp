#pragma once
// Pictures of a cell as standalone SVG, drawn by rtcell itself (no plotting stack):
//   topology views — vis_branch (one node per branch), vis_cv (one per CV) and vis_node (the
//   runtime node tree) — with region coverage, locset highlights or value colouring, as
//   braincell's Cell.vis_* do; and morphology pictures — the real geometry projected on a
//   plane, each frustum at its true width, with a scale bar, a legend of the type colours or
//   a colour bar. Both draw y up (the morphology's y, a dendrogram's depth), and both can
//   label the branches.
#include <optional>
#include <string>
#include <vector>

#include "model/morph/morph_expr.hpp"

namespace rtcell {

class Cell;

struct VisOptions {
    std::string preset = "dendrotweaks";  // dendrotweaks (navy, grey, orange root) | mono | depth
    std::string layout;                   // radial (default) | dendrogram
    double layout_scale = 1.0;
    std::optional<Region> region;            // coverage highlight
    std::optional<Locset> locset;            // location highlight (cv and node levels)
    std::string coverage_mode = "fraction";  // fraction | any | all
    std::string highlight_color = "#ef4444";
    // Value colouring (cv and node levels): "V" / "voltage", a state "hh.m" (density mechanism
    // state), or explicit values per CV or per node.
    std::string value;
    std::vector<double> values;
    std::string cmap = "viridis";
    std::optional<double> vmin, vmax;
    std::string value_label;
    bool show_colorbar = true;
    bool labels = false;  // branch names beside their node (branch level) or first CV / node
    std::string node_color, edge_color, root_color;  // override the preset
};

// A topology picture before it is drawn: each item's position (y up) and fill, the edges (an
// item's parent, −1 at the root), the labels and, with value colouring, the values and their
// colour range. The SVG below and the Python module's matplotlib pictures draw from it.
struct TopologyDrawing {
    std::string level, layout;  // branch | cv | node; radial | dendrogram
    std::vector<int> parent;
    std::vector<double> x, y;        // layout units (spacing apart)
    std::vector<std::string> fill;   // "#rrggbb" per item
    std::vector<std::string> label;  // per item ("" for none)
    std::vector<double> value;       // per item (NaN: none), empty without value colouring
    std::string value_label, cmap, edge_color;
    double vmin = 0, vmax = 1;
    bool constant_value = false;  // every value equal: drawn at the middle of the colour map
    double spacing = 16, node_radius = 4, edge_width = 1.2;
};
TopologyDrawing topology_drawing(const Cell& cell, const std::string& level, const VisOptions& o);

std::string vis_branch(const Cell& cell, const VisOptions& o);
std::string vis_cv(const Cell& cell, const VisOptions& o);    // value mode needs INITIALIZED
std::string vis_node(const Cell& cell, const VisOptions& o);  // needs INITIALIZED
std::string vis_topology(const Cell& cell, const std::string& level, const VisOptions& o);

struct MorphologyPictureOptions {
    std::string plane = "xy";       // xy | xz | yz
    std::string color_by = "type";  // type | region | value
    std::optional<Region> region;
    std::string value = "V";     // as VisOptions::value (needs INITIALIZED)
    std::vector<double> values;  // per CV
    std::string cmap = "viridis";
    std::optional<double> vmin, vmax;
    std::string highlight_color = "#ef4444";
    double width_px = 800;
    bool labels = false;        // branch names at their middles
    bool legend = true;         // by type: which colour is which type
    bool show_colorbar = true;  // by value: the colour scale
};

std::string morphology_picture(const Cell& cell, const MorphologyPictureOptions& o);

}  // namespace rtcell
