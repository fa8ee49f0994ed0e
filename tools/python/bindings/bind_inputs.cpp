// bind_synapse_input's sources from Python: a constant, values per member, rows per step (an
// array), a Python callable evaluated every step, a spike train, a Poisson train or another
// cell's spikes; with an optional Python transform. Only the callable and the transform run
// Python on the step path (the GIL taken once per step each).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>

#include "model/cell/cell.hpp"
#include "model/util/input_error.hpp"
#include "tools/python/bindings/bindings.hpp"
#include "tools/python/bindings/callback_errors.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

std::exception_ptr g_callback_error;  // the first error of a callable (guarded by the GIL)

// A Python result spread over `out`: one value for every member, or one each.
void broadcast(const py::handle& result, std::span<double> out, const std::string& what) {
    const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(result);
    if (!a)
        throw InputError(what + " returned something that is not numbers");
    const auto n = static_cast<std::size_t>(a.size());
    if (n == 1)
        std::fill(out.begin(), out.end(), a.data()[0]);
    else if (n == out.size())
        std::copy(a.data(), a.data() + n, out.begin());
    else
        throw InputError(what + " returned " + std::to_string(n) + " values for " +
                         std::to_string(out.size()) + " members");
}

InputTransform transform_of(const std::optional<py::function>& f, const std::string& synapse) {
    if (!f)
        return {};
    py::function fn = *f;
    return [fn, synapse](std::span<const double> in, std::span<double> out) {
        py::gil_scoped_acquire gil;
        guard_callback([&] {
            py::array_t<double> values(static_cast<py::ssize_t>(in.size()), in.data());
            broadcast(fn(values), out, "the transform of synapse '" + synapse + "'");
        });
    };
}

void bind_source(Cell& cell, const std::string& synapse, InputSource source,
                 const std::vector<double>& weight, const std::optional<py::function>& transform) {
    cell.bind_synapse_input(synapse, std::move(source), weight, transform_of(transform, synapse));
}

StepFunction callable(const py::function& fn, const std::string& synapse) {
    return [fn, synapse](double t_ms, std::span<double> out) {
        py::gil_scoped_acquire gil;
        guard_callback(
            [&] { broadcast(fn(t_ms), out, "the input callable of synapse '" + synapse + "'"); });
    };
}

// Rows per step: row k is the drive of step k (zero after the last row).
StepFunction rows(const Cell& cell,
                  const py::array_t<double, py::array::c_style | py::array::forcecast>& a,
                  const std::string& synapse) {
    const auto n_rows = static_cast<std::size_t>(a.ndim() ? a.shape(0) : 1);
    const std::size_t width = n_rows ? static_cast<std::size_t>(a.size()) / n_rows : 0;
    if (width != 1 && width != cell.members())
        throw InputError("synapse '" + synapse + "': an input array's rows have " +
                         std::to_string(width) + " values for " + std::to_string(cell.members()) +
                         " members");
    std::vector<double> values(a.data(), a.data() + a.size());
    const Cell* c = &cell;
    return [c, values = std::move(values), n_rows, width](double t_ms, std::span<double> out) {
        const double k = std::round(t_ms / c->dt());
        if (!(k >= 0 && k < static_cast<double>(n_rows))) {
            std::fill(out.begin(), out.end(), 0.0);
            return;
        }
        const double* row = values.data() + static_cast<std::size_t>(k) * width;
        for (std::size_t m = 0; m < out.size(); ++m)
            out[m] = row[width == 1 ? 0 : m];
    };
}

}  // namespace

void keep_callback_error(std::exception_ptr e) noexcept {
    if (!g_callback_error)
        g_callback_error = std::move(e);
}

void raise_callback_error() {
    if (auto e = std::exchange(g_callback_error, nullptr))
        std::rethrow_exception(e);
}

void bind_inputs(py::module_& m) {
    using Transform = std::optional<py::function>;
    m.def(
        "bind_constant",
        [](Cell& cell, const std::string& syn, double value, const std::vector<double>& w,
           const Transform& t) { bind_source(cell, syn, value, w, t); },
        py::arg("cell"), py::arg("synapse"), py::arg("value"), py::arg("weight"),
        py::arg("transform"));
    m.def(
        "bind_rows",
        [](Cell& cell, const std::string& syn,
           const py::array_t<double, py::array::c_style | py::array::forcecast>& a,
           const std::vector<double>& w,
           const Transform& t) { bind_source(cell, syn, rows(cell, a, syn), w, t); },
        py::arg("cell"), py::arg("synapse"), py::arg("rows"), py::arg("weight"),
        py::arg("transform"));
    m.def(
        "bind_callable",
        [](Cell& cell, const std::string& syn, const py::function& f, const std::vector<double>& w,
           const Transform& t) { bind_source(cell, syn, callable(f, syn), w, t); },
        py::arg("cell"), py::arg("synapse"), py::arg("function"), py::arg("weight"),
        py::arg("transform"));
    m.def(
        "bind_spike_train",
        [](Cell& cell, const std::string& syn, const std::vector<double>& times, double start,
           double interval, int number, double noise, std::uint64_t seed,
           const std::vector<double>& w, const Transform& t) {
            bind_source(cell, syn, SpikeTrain{times, start, interval, number, noise, seed}, w, t);
        },
        py::arg("cell"), py::arg("synapse"), py::arg("times"), py::arg("start"),
        py::arg("interval"), py::arg("number"), py::arg("noise"), py::arg("seed"),
        py::arg("weight"), py::arg("transform"));
    m.def(
        "bind_poisson",
        [](Cell& cell, const std::string& syn, double rate_hz, double start, double stop,
           const std::vector<std::pair<double, double>>& rate, std::uint64_t seed,
           const std::vector<double>& w, const Transform& t) {
            bind_source(cell, syn, PoissonTrain{rate_hz, start, stop, rate, seed}, w, t);
        },
        py::arg("cell"), py::arg("synapse"), py::arg("rate_hz"), py::arg("start"), py::arg("stop"),
        py::arg("rate"), py::arg("seed"), py::arg("weight"), py::arg("transform"));
    m.def(
        "bind_cell_spikes",
        [](Cell& cell, const std::string& syn, const Cell& other, const std::vector<double>& w,
           const Transform& t) { bind_source(cell, syn, CellSpikes{&other}, w, t); },
        py::arg("cell"), py::arg("synapse"), py::arg("other"), py::arg("weight"),
        py::arg("transform"));
}

}  // namespace rtcell::python
