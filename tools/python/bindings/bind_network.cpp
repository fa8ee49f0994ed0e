// Networks (README "Networks") for rtcell.Network: groups, connections by rule, gap junctions,
// inputs from other cells, the phases, and run() on one thread or on rt::ParallelStepper's,
// with the GIL released for the whole run.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "config/network_config.hpp"
#include "model/morph/label_parser.hpp"
#include "model/network/network.hpp"
#include "model/util/input_error.hpp"
#include "rt/network/parallel_stepper.hpp"
#include "tools/python/bindings/bindings.hpp"
#include "tools/python/bindings/callback_errors.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

std::vector<Connection> by_rule(const Network& net, const std::string& pre, const std::string& post,
                                const SynapseTarget& t, const std::string& rule, double p,
                                std::size_t k, std::uint64_t seed, bool allow_self) {
    const MemberRange a = net.members_named(pre), b = net.members_named(post);
    const std::string r =
        !rule.empty() ? rule : (a.count == 1 && b.count == 1 ? "one_to_one" : "all_to_all");
    if (r == "all_to_all")
        return connect::all_to_all(a, b, t, allow_self);
    if (r == "one_to_one")
        return connect::one_to_one(a, b, t);
    if (r == "fixed_probability")
        return connect::fixed_probability(a, b, t, p, seed, allow_self);
    if (r == "fixed_indegree")
        return connect::fixed_indegree(a, b, t, k, seed, allow_self);
    throw InputError("connect: unknown rule '" + r +
                     "' (all_to_all, one_to_one, fixed_probability, fixed_indegree)");
}

// Column-major traces per group, as bind_cell's run: t, and per group its data and names.
py::dict run(Network& net, double dt, double duration) {
    NetworkTraces out;
    {
        py::gil_scoped_release nogil;
        if (net.phase() == Network::Phase::declaring) {
            net.set_dt(dt);
            net.init_state();
        }
        rt::ParallelStepper<Network> stepper(net);
        out = net.run(dt, duration, [&] { stepper.step(); });
    }
    raise_callback_error();
    const std::size_t rows = out.t_ms.size();
    py::array_t<double> t(static_cast<py::ssize_t>(rows));
    std::copy(out.t_ms.begin(), out.t_ms.end(), t.mutable_data());
    py::dict groups;
    for (const auto& g : out.groups) {
        py::array_t<double, py::array::f_style> data({rows, g.columns.size()});
        for (std::size_t c = 0; c < g.columns.size(); ++c)
            std::copy(g.columns[c].begin(), g.columns[c].end(), data.mutable_data() + c * rows);
        py::list spikes;
        for (const auto& s : g.spike_times_ms)
            spikes.append(py::array_t<double>(static_cast<py::ssize_t>(s.size()), s.data()));
        groups[py::str(g.name)] = py::dict(py::arg("data") = data, py::arg("names") = g.names,
                                           py::arg("spikes") = spikes);
    }
    return py::dict(py::arg("t") = t, py::arg("groups") = groups);
}

}  // namespace

void bind_network(py::module_& m) {
    py::class_<Network>(m, "Network")
        .def(py::init<>())
        .def(
            "add_group",
            [](Network& net, const std::string& name, Cell& cell) {
                return net.add_group(name, std::move(cell));
            },
            py::arg("name"), py::arg("cell"), "moves the DECLARING cell into the network")
        .def("cell", py::overload_cast<std::size_t>(&Network::cell), py::arg("group"),
             py::return_value_policy::reference_internal)
        .def(
            "connect_rule",
            [](Network& net, const std::string& pre, const std::string& post,
               const std::string& synapse, double weight, double delay, const std::string& rule,
               double p, std::size_t k, std::uint64_t seed, bool allow_self, int instance) {
                net.connect(by_rule(net, pre, post, {synapse, weight, delay, instance}, rule, p, k,
                                    seed, allow_self));
            },
            py::arg("pre"), py::arg("post"), py::arg("synapse"), py::arg("weight"),
            py::arg("delay"), py::arg("rule"), py::arg("p"), py::arg("k"), py::arg("seed"),
            py::arg("allow_self"), py::arg("instance"))
        .def(
            "add_gap_junction",
            [](Network& net, const std::string& a, const Locset& at_a, const std::string& b,
               const Locset& at_b, double g) {
                const MemberRange ra = net.members_named(a), rb = net.members_named(b);
                if (ra.count != 1 || rb.count != 1)
                    throw InputError("gap junction: each side is one cell, group:member");
                net.add_gap_junction({ra.group, ra.first, at_a, rb.group, rb.first, at_b, g});
            },
            py::arg("a"), py::arg("at_a"), py::arg("b"), py::arg("at_b"), py::arg("g"))
        .def("bind_synapse_input", &Network::bind_synapse_input, py::arg("group"),
             py::arg("synapse"), py::arg("source"), py::arg("weight"), py::arg("delay"))
        .def("set_dt", &Network::set_dt)
        .def("init_state", &Network::init_state, py::arg("partitions") = 1)
        .def("reset_state", &Network::reset_state)
        .def("update",
             [](Network& net) {
                 net.update();
                 raise_callback_error();
             })
        .def("run", &run, py::arg("dt"), py::arg("duration"))
        .def_property_readonly("phase",
                               [](const Network& n) {
                                   return n.phase() == Network::Phase::declaring ? "declaring"
                                                                                 : "initialized";
                               })
        .def_property_readonly("groups", &Network::groups)
        .def("parts", &Network::parts, py::arg("group"))
        .def("part", py::overload_cast<std::size_t, std::size_t>(&Network::part), py::arg("group"),
             py::arg("part"), py::return_value_policy::reference_internal)
        .def("part_first", &Network::part_first, py::arg("group"), py::arg("part"))
        .def("column_probes",
             [](const Network& net, std::size_t g) {
                 std::vector<std::string> probes;  // each column's probe, in column order
                 for (const auto& c : net.probe_columns(g))
                     probes.push_back(c.probe);
                 return probes;
             })
        .def("group_name", &Network::group_name)
        .def("group_index", &Network::group_index)
        .def_property_readonly("connections", &Network::connections)
        .def_property_readonly("gap_junctions", &Network::gap_junctions)
        .def_property_readonly("partitions", &Network::partitions)
        .def_property_readonly("steps", &Network::steps)
        .def_property_readonly("time", &Network::time)
        .def_property_readonly("dt", &Network::dt);
    py::class_<NetworkConfig>(m, "NetworkConfiguration")
        .def_readonly("source", &NetworkConfig::source)
        .def_readonly("name", &NetworkConfig::name)
        .def_readonly("threads", &NetworkConfig::threads)
        .def_property_readonly("dt", [](const NetworkConfig& c) { return c.simulation.dt_ms; })
        .def_property_readonly("duration",
                               [](const NetworkConfig& c) { return c.simulation.duration_ms; })
        .def("build_network", &build_network);
    m.def("load_network_config", &load_network_config, py::arg("path"));
    m.def("is_network_config_file", &is_network_config_file, py::arg("path"));
}

}  // namespace rtcell::python
