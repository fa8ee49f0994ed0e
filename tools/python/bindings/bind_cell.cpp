// The C++ Cell for the Python package's rtcell.Cell: options, paint and place rules with
// parameters in kernel units or with units, the phases, stepping and run(). run() releases the
// GIL for the whole run; a Python callable bound as an input takes it back each step.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>

#include "model/cell/cell.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "tools/python/bindings/bindings.hpp"
#include "tools/python/bindings/callback_errors.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

// A painted or placed parameter: a number or a quantity with a unit; a list or array (one per
// population member); {"from": lo, "to": hi} (linear across members); a callable of the path
// distance from the root [um]; or "region" for a mechanism's own temperature.
ParamValue param_value(const py::handle& v, const std::string& unit, const std::string& what) {
    if (unit == "degC" && py::isinstance<py::str>(v) && py::cast<std::string>(v) == "region")
        return ParamValue::region_temperature();
    if (py::isinstance<py::dict>(v)) {
        const auto d = py::cast<py::dict>(v);
        if (!d.contains("from") || !d.contains("to") || d.size() != 2)
            throw InputError(what + ": a range is {'from': value, 'to': value}");
        return ParamValue::linear_range(quantity(d["from"], unit, what + ".from"),
                                        quantity(d["to"], unit, what + ".to"));
    }
    if (py::isinstance<py::function>(v)) {
        auto f = py::reinterpret_borrow<py::function>(v);
        return ParamValue::by_distance(
            [f](double distance_um) {
                py::gil_scoped_acquire gil;
                return py::cast<double>(f(distance_um));
            },
            what + "(distance)");
    }
    if (!py::isinstance<py::str>(v) && py::hasattr(v, "__len__")) {
        std::vector<double> values;
        for (const auto& x : py::iter(v))
            values.push_back(quantity(x, unit, what));
        if (values.empty())
            throw InputError(what + ": an empty list");
        return ParamValue::per_member(std::move(values));
    }
    return quantity(v, unit, what);
}

const MechanismSpec& spec_of(const std::string& mechanism) {
    if (const auto* e = find_mechanism(mechanism))
        return e->spec;
    std::vector<std::string> names;
    for (const auto& e : catalogue())
        names.push_back(e.spec.name);
    throw InputError("unknown mechanism '" + mechanism + "'" + did_you_mean(mechanism, names));
}

std::map<std::string, ParamValue> params_of(const std::string& mechanism, const py::dict& given) {
    const MechanismSpec& spec = spec_of(mechanism);
    std::map<std::string, ParamValue> out;
    for (const auto& [key, value] : given) {
        const auto name = py::cast<std::string>(key);
        const ParamSpec* p = spec.find_param(name);
        if (!p) {
            std::vector<std::string> names;
            for (const auto& q : spec.params)
                names.push_back(q.name);
            throw InputError(mechanism + ": no parameter '" + name + "'" +
                             did_you_mean(name, names));
        }
        out.emplace(name, param_value(value, p->unit, mechanism + "." + name));
    }
    return out;
}

std::optional<ParamValue> cable_value(const py::object& v, const char* unit, const char* what) {
    if (v.is_none())
        return std::nullopt;
    return param_value(v, unit, what);
}

CellOptions options_of(const std::vector<std::size_t>& pop_size, const CvPolicy& cv_policy,
                       double V_th, std::optional<double> V_init, const std::string& spk_fun,
                       const std::string& solver, const std::optional<py::function>& solver_fn,
                       bool cache, const std::string& order, const std::string& name,
                       const py::dict& labels, const std::optional<Locset>& detector) {
    CellOptions o;
    o.pop_size = pop_size;
    o.cv_policy = cv_policy;
    o.V_th = V_th;
    o.V_init = V_init;
    o.spk_fun = spk_fun;
    o.solver = solver;
    if (solver_fn) {
        py::function f = *solver_fn;
        o.solver_function = [f](Cell&) {
            py::gil_scoped_acquire gil;
            guard_callback([&] { f(); });
        };
    }
    o.cache_ion_total_current = cache;
    o.ion_channel_update_order = order;
    o.name = name;
    o.detector = detector;
    for (const auto& [key, value] : labels) {
        const auto label = py::cast<std::string>(key);
        if (py::isinstance<Region>(value))
            o.labels.regions[label] = py::cast<Region>(value);
        else
            o.labels.locsets[label] = py::cast<Locset>(value);
    }
    return o;
}

// run()'s traces as NumPy: time (rows), every column (rows × columns, column-major), what each
// column is, and
// the detector's spike times per member.
py::dict run(Cell& cell, double dt, double duration, int record_every) {
    Traces out;
    {
        py::gil_scoped_release nogil;
        out = cell.run(dt, duration, record_every);
    }
    raise_callback_error();
    const std::size_t rows = out.t_ms.size(), cols = out.columns.size();
    py::array_t<double> t(static_cast<py::ssize_t>(rows));
    std::copy(out.t_ms.begin(), out.t_ms.end(), t.mutable_data());
    // Column-major (each probe column contiguous, as the kernel recorded it): one copy per
    // column, and the package's per-probe arrays are views of it.
    py::array_t<double, py::array::f_style> data({rows, cols});
    for (std::size_t c = 0; c < cols; ++c)
        std::copy(out.columns[c].begin(), out.columns[c].end(), data.mutable_data() + c * rows);
    py::list spikes;
    for (const auto& s : out.spike_times_ms)
        spikes.append(py::array_t<double>(static_cast<py::ssize_t>(s.size()), s.data()));
    return py::dict(py::arg("t") = t, py::arg("data") = data, py::arg("names") = out.names,
                    py::arg("spikes") = spikes);
}

py::list probe_columns(const Cell& cell) {
    py::list out;
    for (const auto& c : cell.probe_columns())
        out.append(py::dict(py::arg("probe") = c.probe, py::arg("quantity") = c.quantity,
                            py::arg("unit") = c.unit, py::arg("member") = c.member,
                            py::arg("where") = c.where));
    return out;
}

void bind_declaring(py::class_<Cell>& c) {
    c.def(
         "paint_density",
         [](Cell& cell, const Region& r, const std::string& mech, const py::dict& params,
            const std::string& ion) { cell.paint(r, Density(mech, params_of(mech, params), ion)); },
         py::arg("region"), py::arg("mechanism"), py::arg("params"), py::arg("ion") = "")
        .def(
            "paint_cable",
            [](Cell& cell, const Region& r, const py::object& cm, const py::object& Ra,
               const py::object& v_rest, const py::object& celsius) {
                cell.paint(r, CableSettings{cable_value(cm, "uF/cm2", "cm"),
                                            cable_value(Ra, "ohm*cm", "Ra"),
                                            cable_value(v_rest, "mV", "v_rest"),
                                            cable_value(celsius, "degC", "celsius")});
            },
            py::arg("region"), py::arg("cm"), py::arg("Ra"), py::arg("v_rest"), py::arg("celsius"))
        .def(
            "paint_reversal",
            [](Cell& cell, const Region& r, const std::string& ion, const py::object& E) {
                cell.paint(r, Reversal(ion, param_value(E, "mV", "E" + ion)));
            },
            py::arg("region"), py::arg("ion"), py::arg("E"))
        .def(
            "paint_nernst",
            [](Cell& cell, const Region& r, const std::string& ion, const py::object& in,
               const py::object& out) {
                cell.paint(r, Reversal::nernst(ion, quantity(in, "mM", ion + "i"),
                                               quantity(out, "mM", ion + "o")));
            },
            py::arg("region"), py::arg("ion"), py::arg("inside"), py::arg("outside"))
        .def(
            "place_point",
            [](Cell& cell, const Locset& l, const std::string& mech, const std::string& name,
               const py::dict& params,
               const std::vector<std::tuple<py::object, py::object, py::object>>& steps) {
                Point p{mech, name, params_of(mech, params), {}};
                for (const auto& [delay, dur, amp] : steps)
                    p.steps.push_back({quantity(delay, "ms", name + ".delay"),
                                       quantity(dur, "ms", name + ".dur"),
                                       param_value(amp, "nA", name + ".amp")});
                cell.place(l, p);
            },
            py::arg("locset"), py::arg("mechanism"), py::arg("name"), py::arg("params"),
            py::arg("steps"))
        .def(
            "place_probe",
            [](Cell& cell, const Locset& l, const std::string& name, const std::string& quantity) {
                cell.place(l, Probe{name, quantity});
            },
            py::arg("locset"), py::arg("name"), py::arg("quantity"))
        .def("planned_cv_counts", &Cell::planned_cv_counts);
}

void bind_phases(py::class_<Cell>& c) {
    c.def("init_state", [](Cell& cell) { cell.init_state(); })
        .def("reset_state", &Cell::reset_state)
        .def("reset", &Cell::reset)
        .def_property_readonly("phase",
                               [](const Cell& cell) {
                                   return cell.phase() == Cell::Phase::declaring ? "declaring"
                                                                                 : "initialized";
                               })
        .def("set_dt", &Cell::set_dt, py::arg("dt_ms"))
        .def_property_readonly("dt", &Cell::dt)
        .def("step",
             [](Cell& cell) {
                 cell.update();
                 raise_callback_error();
             })
        .def("pre_integral",
             [](Cell& cell) {
                 cell.pre_integral();
                 raise_callback_error();
             })
        .def("compute_derivative", &Cell::compute_derivative)
        .def("post_integral", &Cell::post_integral)
        .def("run", &run, py::arg("dt"), py::arg("duration"), py::arg("record_every") = 1)
        .def(
            "time_run",
            [](Cell& cell, double dt, double duration) {
                // The same run with nothing crossing into Python: the C++ side of the
                // Python benchmark (rtcell.bench). Wall seconds.
                py::gil_scoped_release nogil;
                const auto t0 = std::chrono::steady_clock::now();
                const Traces out = cell.run(dt, duration);
                return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            },
            py::arg("dt"), py::arg("duration"));
}

void bind_inspection(py::class_<Cell>& c) {
    c.def_property_readonly("n_compartment", &Cell::n_compartment)
        .def_property_readonly("members", &Cell::members)
        .def_property_readonly("pop_size", &Cell::pop_size)
        .def_property_readonly("time", &Cell::time)
        .def_property_readonly("steps", &Cell::steps)
        .def_property_readonly("name", [](const Cell& cell) { return cell.options().name; })
        .def_property_readonly("morphology", &Cell::morphology)
        .def_property_readonly("warnings", &Cell::warnings)
        .def_property_readonly("faulted", &Cell::faulted)
        .def("memory_bytes", &Cell::memory_bytes)
        .def("planned_cvs", &Cell::planned_cvs)
        .def("cv_values", &Cell::cv_values, py::arg("quantity"), py::arg("member") = 0)
        .def("node_voltages", &Cell::node_voltages, py::arg("member") = 0)
        .def(
            "voltage",
            [](const Cell& cell, std::size_t branch, double x, std::size_t member) {
                return cell.voltage(Location{static_cast<int>(branch), x}, member);
            },
            py::arg("branch"), py::arg("x"), py::arg("member") = 0)
        .def("probe_names", &Cell::probe_names)
        .def("probe_columns", &probe_columns)
        .def("column_probes",
             [](const Cell& cell) {
                 std::vector<std::string> probes;  // each column's probe, in column order
                 for (const auto& c : cell.probe_columns())
                     probes.push_back(c.probe);
                 return probes;
             })
        .def("parameter_list", &Cell::parameter_list)
        .def("parameter_unit", &Cell::parameter_unit)
        .def("synapse_names", &Cell::synapse_names)
        .def("fastest_gate", &Cell::fastest_gate)
        .def("set_parameter", &Cell::set_parameter)
        .def("parameters_changed", &Cell::parameters_changed, py::arg("mechanism"));
}

}  // namespace

void bind_cell(py::module_& m) {
    py::class_<Cell> c(m, "Cell");
    c.def(py::init([](const Morphology& morpho, const std::vector<std::size_t>& pop_size,
                      const CvPolicy& cv_policy, double V_th, std::optional<double> V_init,
                      const std::string& spk_fun, const std::string& solver,
                      const std::optional<py::function>& solver_fn, bool cache,
                      const std::string& order, const std::string& name, const py::dict& labels,
                      const std::optional<Locset>& detector) {
              return Cell(morpho, options_of(pop_size, cv_policy, V_th, V_init, spk_fun, solver,
                                             solver_fn, cache, order, name, labels, detector));
          }),
          py::arg("morpho"), py::arg("pop_size"), py::arg("cv_policy"), py::arg("V_th"),
          py::arg("V_init"), py::arg("spk_fun"), py::arg("solver"), py::arg("solver_function"),
          py::arg("cache_ion_total_current"), py::arg("ion_channel_update_order"), py::arg("name"),
          py::arg("labels"), py::arg("detector"));
    bind_declaring(c);
    bind_phases(c);
    bind_inspection(c);
}

}  // namespace rtcell::python
