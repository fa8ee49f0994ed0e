// The mechanism catalogue as Python data (rtcell.mech builds its constructors from it) and the
// configuration's quantities with units ("0.12 S/cm2"), parsed with the same checks.
#include <pybind11/stl.h>

#include "config/units.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "model/util/input_error.hpp"
#include "tools/python/bindings/bindings.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

const char* role_name(CatalogueEntry::Role r) {
    switch (r) {
        case CatalogueEntry::Role::channel:
            return "channel";
        case CatalogueEntry::Role::point:
            return "point";
        case CatalogueEntry::Role::pool:
            return "pool";
        case CatalogueEntry::Role::ion_setting:
            return "ion_setting";
    }
    return "";
}

py::dict entry_dict(const CatalogueEntry& e) {
    py::list params;
    for (const auto& p : e.spec.params)
        params.append(py::dict(py::arg("name") = p.name, py::arg("default") = p.default_value,
                               py::arg("unit") = p.unit, py::arg("description") = p.description));
    return py::dict(
        py::arg("name") = e.spec.name, py::arg("role") = role_name(e.role),
        py::arg("kind") = e.spec.kind == MechanismSpec::Kind::point ? "point" : "density",
        py::arg("description") = e.spec.description, py::arg("params") = params,
        py::arg("states") = e.spec.states, py::arg("event_weight_unit") = e.spec.event_weight_unit);
}

}  // namespace

double quantity(const py::handle& value, const std::string& unit, const std::string& what) {
    if (py::isinstance<py::str>(value)) {
        units::Dimension d;
        const auto text = py::cast<std::string>(value);
        if (!units::dimension_of(unit, d))
            throw InputError(what + ": '" + text + "' has a unit, but " + what +
                             " is a plain number");
        return units::parse_quantity(text, d, what);
    }
    if (py::isinstance<py::bool_>(value))
        throw InputError(what + ": expected a number, not a bool");
    try {
        return py::cast<double>(value);
    } catch (const py::cast_error&) {
        throw InputError(what + ": expected a number or a quantity with a unit, not " +
                         py::cast<std::string>(py::repr(value)));
    }
}

void bind_mechanisms(py::module_& m) {
    m.def("catalogue", [] {
        py::list out;
        for (const auto& e : catalogue())
            out.append(entry_dict(e));
        return out;
    });
    m.def(
        "load_catalogue",
        [](const std::string& path, const std::string& prefix) {
            return load_catalogue(path, prefix).mechanisms;
        },
        py::arg("path"), py::arg("prefix") = "",
        "Loads a mechanism catalogue built by `rtcell nmodl build`; returns its mechanisms' "
        "names as now known (prefix + name).");
    m.def("quantity", &quantity, py::arg("value"), py::arg("unit"), py::arg("what"),
          "A number in kernel units, or a string with a unit of the same dimension, converted to "
          "the kernel unit `unit` (\"S/cm2\", \"mV\", \"um\", \"1\" for none).");
}

}  // namespace rtcell::python
