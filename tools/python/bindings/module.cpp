// rtcell._rtcell: the extension module's entry point (bindings.hpp).
#include <pybind11/pybind11.h>

#include "model/util/input_error.hpp"
#include "tools/python/bindings/bindings.hpp"

PYBIND11_MODULE(_rtcell, m) {
    m.doc() = "rtcell's C++ kernel; use the rtcell package, which builds on it";
    m.attr("__version__") = RTCELL_VERSION;
    pybind11::register_exception<rtcell::InputError>(m, "InputError", PyExc_ValueError);
    using namespace rtcell::python;
    bind_morphology(m);
    bind_mechanisms(m);
    bind_cell(m);
    bind_inputs(m);
    bind_views(m);
    bind_network(m);
    bind_vis(m);
    bind_config(m);
    bind_realtime(m);
}
