#pragma once
// The pybind11 extension rtcell._rtcell: the C++ kernel's values and the Cell, bound one concept
// per file. The Python package (tools/python/rtcell/) builds braincell's API on top of it; this
// layer stays thin: C++ names, kernel units, no Python on the step path unless a user binds a
// Python callable. rtcell's InputError becomes the Python exception rtcell.InputError (a
// ValueError) with the same message.
#include <string>

#include <pybind11/pybind11.h>

namespace rtcell::python {

// A value in the kernel unit `unit`: a number as it is, or text with a unit of the same
// dimension, converted ("0.12 S/cm2", "120 mS/cm2"; config/units.hpp). "1": a plain number.
// `what` names the field in errors (InputError).
double quantity(const pybind11::handle& value, const std::string& unit, const std::string& what);

void bind_morphology(pybind11::module_& m);  // Morphology, Region, Locset, CvPolicy
void bind_mechanisms(pybind11::module_& m);  // the catalogue, quantities with units
void bind_cell(pybind11::module_& m);        // Cell: declare, phases, stepping, run
void bind_inputs(pybind11::module_& m);      // bind_synapse_input's sources
void bind_views(pybind11::module_& m);       // NumPy arrays over the kernel's memory
void bind_network(pybind11::module_& m);     // networks of cells
void bind_vis(pybind11::module_& m);         // topology drawings and SVG pictures
void bind_config(pybind11::module_& m);      // YAML configurations
void bind_realtime(pybind11::module_& m);    // `rtcell run`'s loop on its own threads

}  // namespace rtcell::python
