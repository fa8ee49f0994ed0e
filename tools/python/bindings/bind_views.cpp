// NumPy arrays over the initialized kernel's own memory (no copies): the voltage, a mechanism's
// parameter (writable) or state, a point mechanism's current and the last step's spikes, each
// shaped (items, members) in the kernel's layout, member fastest. Each array keeps the Python
// cell object alive; rtcell.Cell refuses reset() while one is alive, since reset() frees the
// memory they point into.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "model/cell/cell.hpp"
#include "tools/python/bindings/bindings.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

template <class T>
py::array view(const py::object& owner, T* data, std::size_t size, std::size_t members,
               bool writable) {
    const auto rows = static_cast<py::ssize_t>(members ? size / members : 0);
    const auto cols = static_cast<py::ssize_t>(members);
    py::array_t<std::remove_const_t<T>> a(
        {rows, cols},
        {cols * static_cast<py::ssize_t>(sizeof(T)), static_cast<py::ssize_t>(sizeof(T))},
        const_cast<std::remove_const_t<T>*>(data), owner);
    if (!writable)
        a.attr("flags").attr("writeable") = false;
    return a;
}

Cell& cell_of(const py::object& owner) {
    return py::cast<Cell&>(owner);
}

}  // namespace

void bind_views(py::module_& m) {
    m.def(
        "voltage_view",
        [](const py::object& o) {
            const Cell& c = cell_of(o);
            const auto v = c.node_voltage();
            return view(o, v.data(), v.size(), c.members(), false);
        },
        py::arg("cell"), "V [mV] per solver node x member, read-only");
    m.def(
        "parameter_view",
        [](const py::object& o, const std::string& mech, const std::string& param) {
            Cell& c = cell_of(o);
            const auto p = c.parameter(mech, param);
            return view(o, p.data(), p.size(), c.members(), true);
        },
        py::arg("cell"), py::arg("mechanism"), py::arg("parameter"),
        "a parameter per instance x member, writable");
    m.def(
        "state_view",
        [](const py::object& o, const std::string& mech, const std::string& state) {
            Cell& c = cell_of(o);
            const auto s = c.state(mech, state);
            return view(o, s.data(), s.size(), c.members(), false);
        },
        py::arg("cell"), py::arg("mechanism"), py::arg("state"),
        "a state per instance x member, read-only");
    m.def(
        "point_current_view",
        [](const py::object& o, const std::string& point) {
            const Cell& c = cell_of(o);
            const auto i = c.point_current(point);
            return view(o, i.data(), i.size(), c.members(), false);
        },
        py::arg("cell"), py::arg("point"),
        "a point mechanism's current [nA] per instance x member");
    m.def(
        "spike_view",
        [](const py::object& o) {
            const Cell& c = cell_of(o);
            const auto s = c.spikes();
            return view(o, s.data(), s.size(), c.members(), false);
        },
        py::arg("cell"), "the last step's spike per member (1 x members), read-only");
}

}  // namespace rtcell::python
