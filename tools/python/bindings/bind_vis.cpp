// Pictures: the topology drawings (positions, fills, values) that rtcell.vis draws on a
// matplotlib Axes, and the SVG pictures the C++ side writes, from the same options.
#include <pybind11/stl.h>

#include "model/cell/cell.hpp"
#include "model/util/input_error.hpp"
#include "model/vis/vis.hpp"
#include "tools/python/bindings/bindings.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

// braincell's keyword arguments (None: the default) → VisOptions.
VisOptions options_of(const py::dict& kw) {
    VisOptions o;
    auto take = [&](const char* key, auto& field) {
        if (kw.contains(key) && !kw[key].is_none())
            field = py::cast<std::remove_reference_t<decltype(field)>>(kw[key]);
    };
    take("preset", o.preset);
    take("layout", o.layout);
    take("layout_scale", o.layout_scale);
    take("coverage_mode", o.coverage_mode);
    take("highlight_color", o.highlight_color);
    take("cmap", o.cmap);
    take("value_label", o.value_label);
    take("show_colorbar", o.show_colorbar);
    take("labels", o.labels);
    take("node_color", o.node_color);
    take("edge_color", o.edge_color);
    take("root_color", o.root_color);
    if (kw.contains("vmin") && !kw["vmin"].is_none())
        o.vmin = py::cast<double>(kw["vmin"]);
    if (kw.contains("vmax") && !kw["vmax"].is_none())
        o.vmax = py::cast<double>(kw["vmax"]);
    if (kw.contains("region") && !kw["region"].is_none())
        o.region = py::cast<Region>(kw["region"]);
    if (kw.contains("locset") && !kw["locset"].is_none())
        o.locset = py::cast<Locset>(kw["locset"]);
    if (kw.contains("value") && !kw["value"].is_none()) {
        if (py::isinstance<py::str>(kw["value"]))
            o.value = py::cast<std::string>(kw["value"]);
        else
            o.values = py::cast<std::vector<double>>(kw["value"]);
    }
    return o;
}

py::dict drawing_dict(const TopologyDrawing& d) {
    return py::dict(py::arg("level") = d.level, py::arg("layout") = d.layout,
                    py::arg("parent") = d.parent, py::arg("x") = d.x, py::arg("y") = d.y,
                    py::arg("fill") = d.fill, py::arg("label") = d.label,
                    py::arg("value") = d.value, py::arg("value_label") = d.value_label,
                    py::arg("cmap") = d.cmap, py::arg("edge_color") = d.edge_color,
                    py::arg("vmin") = d.vmin, py::arg("vmax") = d.vmax,
                    py::arg("constant_value") = d.constant_value, py::arg("spacing") = d.spacing,
                    py::arg("node_radius") = d.node_radius, py::arg("edge_width") = d.edge_width);
}

}  // namespace

void bind_vis(py::module_& m) {
    m.def(
        "topology_drawing",
        [](const Cell& c, const std::string& level, const py::dict& kw) {
            return drawing_dict(topology_drawing(c, level, options_of(kw)));
        },
        py::arg("cell"), py::arg("level"), py::arg("options"));
    m.def(
        "topology_svg",
        [](const Cell& c, const std::string& level, const py::dict& kw) {
            return vis_topology(c, level, options_of(kw));
        },
        py::arg("cell"), py::arg("level"), py::arg("options"));
}

}  // namespace rtcell::python
