// YAML configurations (README "Configuration") from Python: a configuration builds a
// DECLARING Cell with its paint, place, probe and input rules, and carries its simulation
// settings (dt, duration, record_every). Errors name the file, line and field as in `rtcell`.
#include <pybind11/stl.h>

#include "config/model_config.hpp"
#include "tools/python/bindings/bindings.hpp"

namespace py = pybind11;

namespace rtcell::python {

void bind_config(py::module_& m) {
    py::class_<ModelConfig>(m, "Configuration")
        .def_readonly("source", &ModelConfig::source)
        .def_readonly("name", &ModelConfig::name)
        .def_readonly("text", &ModelConfig::text)
        .def_property_readonly("dt",
                               [](const ModelConfig& c) { return c.dynamics.simulation.dt_ms; })
        .def_property_readonly(
            "duration", [](const ModelConfig& c) { return c.dynamics.simulation.duration_ms; })
        .def_property_readonly(
            "record_every", [](const ModelConfig& c) { return c.dynamics.simulation.record_every; })
        .def_property_readonly("has_clamp",
                               [](const ModelConfig& c) { return c.clamp.has_value(); })
        .def("build_cell", &build_cell, "a DECLARING Cell with every rule of the configuration");
    m.def("load_config", &load_model_config, py::arg("path"));
    m.def("parse_config", &parse_model_config, py::arg("text"), py::arg("source"));
    m.def("default_config", &builtin_default_config);
}

}  // namespace rtcell::python
