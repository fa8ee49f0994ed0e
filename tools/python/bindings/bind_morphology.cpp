// Morphology, Region, Locset and CvPolicy as Python values. Regions and locsets are made from
// rtcell's text form (model/morph/label_parser.hpp) and compose with |, & and -; the Python
// package adds braincell-style constructors (rtcell.reg, rtcell.ls) that write that text.
#include <pybind11/stl.h>

#include "model/cable/cv_policy.hpp"
#include "model/formats/asc_reader.hpp"
#include "model/formats/morphology_file.hpp"
#include "model/formats/swc_reader.hpp"
#include "model/morph/label_parser.hpp"
#include "model/morph/morphology.hpp"
#include "model/util/input_error.hpp"
#include "tools/python/bindings/bindings.hpp"

namespace py = pybind11;

namespace rtcell::python {
namespace {

// One inline branch: {"name", "type", "parent" (name or index, None at the root), "parent_x",
// "samples": [(x, y, z, diameter), ...] in µm}, as the configuration's inline morphology.
Branch branch_from_dict(const py::dict& d, const std::vector<Branch>& before, std::size_t k) {
    const std::string where = "branch " + std::to_string(k);
    auto need = [&](const char* key) {
        if (!d.contains(key))
            throw InputError(where + ": missing '" + key + "'");
        return d[key];
    };
    Branch b;
    b.name = py::cast<std::string>(need("name"));
    b.type = d.contains("type") ? branch_type_from_name(py::cast<std::string>(d["type"]))
                                : BranchType::custom;
    b.tag = d.contains("tag") ? py::cast<int>(d["tag"]) : static_cast<int>(b.type);
    b.parent = -1;
    if (d.contains("parent") && !d["parent"].is_none()) {
        if (py::isinstance<py::str>(d["parent"])) {
            const auto name = py::cast<std::string>(d["parent"]);
            for (std::size_t i = 0; i < before.size(); ++i)
                if (before[i].name == name)
                    b.parent = static_cast<int>(i);
            if (b.parent < 0)
                throw InputError(where + " ('" + b.name + "'): parent '" + name +
                                 "' is not an earlier branch");
        } else {
            b.parent = py::cast<int>(d["parent"]);
        }
    }
    b.parent_x = d.contains("parent_x") ? py::cast<double>(d["parent_x"]) : 1.0;
    for (const auto& s : py::cast<py::list>(need("samples"))) {
        const auto xyzd = py::cast<std::vector<double>>(s);
        if (xyzd.size() != 4)
            throw InputError(where + " ('" + b.name +
                             "'): a sample is (x, y, z, diameter) in um, 4 numbers");
        b.samples.emplace_back(xyzd[0], xyzd[1], xyzd[2], Diameter{xyzd[3]});
    }
    return b;
}

void bind_morphology_class(py::module_& m) {
    py::class_<Morphology>(m, "Morphology")
        .def_static("from_file", &read_morphology_file, py::arg("path"))
        .def_static(
            "from_swc", [](const std::string& path) { return read_swc_file(path); },
            py::arg("path"))
        .def_static("from_asc", &read_asc_file, py::arg("path"))
        .def_static(
            "from_branches",
            [](const py::list& branches, const std::string& name) {
                std::vector<Branch> bs;
                for (std::size_t k = 0; k < branches.size(); ++k)
                    bs.push_back(branch_from_dict(py::cast<py::dict>(branches[k]), bs, k));
                return Morphology(std::move(bs), name);
            },
            py::arg("branches"), py::arg("name") = "inline morphology")
        .def_property_readonly("source", &Morphology::source)
        .def_property_readonly("num_branches", &Morphology::num_branches)
        .def_property_readonly("branch_names",
                               [](const Morphology& mo) {
                                   std::vector<std::string> names;
                                   for (const auto& b : mo.branches())
                                       names.push_back(b.name);
                                   return names;
                               })
        .def("branch_length", &Morphology::length, py::arg("branch"), "[um]")
        .def("branch_parent", &Morphology::parent, py::arg("branch"))
        .def("branch_type",
             [](const Morphology& mo, std::size_t b) {
                 return std::string(branch_type_name(mo.branch(b).type));
             })
        .def("__repr__", [](const Morphology& mo) {
            return "<Morphology '" + mo.source() + "', " + std::to_string(mo.num_branches()) +
                   " branches>";
        });
}

void bind_labels(py::module_& m) {
    py::class_<Region>(m, "Region")
        .def(py::init([](const std::string& text) { return parse_region(text); }), py::arg("text"))
        .def("__str__", &Region::to_string)
        .def("__repr__", [](const Region& r) { return "Region('" + r.to_string() + "')"; })
        .def("__eq__", &Region::operator==)
        .def("__hash__", [](const Region& r) { return py::hash(py::str(r.to_string())); })
        .def("__or__", [](const Region& a, const Region& b) { return reg::join(a, b); })
        .def("__and__", [](const Region& a, const Region& b) { return reg::intersect(a, b); })
        .def("__sub__", [](const Region& a, const Region& b) { return reg::difference(a, b); })
        .def("__invert__", [](const Region& a) { return reg::complement(a); })
        .def(
            "cables",
            [](const Region& r, const Morphology& mo) {
                std::vector<std::tuple<std::size_t, double, double>> out;
                for (const Cable& c : r.evaluate(mo))
                    out.emplace_back(c.branch, c.x0, c.x1);
                return out;
            },
            py::arg("morphology"), "(branch, x0, x1) pieces on a morphology");
    py::class_<Locset>(m, "Locset")
        .def(py::init([](const std::string& text) { return parse_locset(text); }), py::arg("text"))
        .def("__str__", &Locset::to_string)
        .def("__repr__", [](const Locset& l) { return "Locset('" + l.to_string() + "')"; })
        .def("__eq__", &Locset::operator==)
        .def("__hash__", [](const Locset& l) { return py::hash(py::str(l.to_string())); })
        .def("__or__", [](const Locset& a, const Locset& b) { return ls::join(a, b); })
        .def("__add__", [](const Locset& a, const Locset& b) { return ls::sum(a, b); })
        .def("__and__", [](const Locset& a, const Region& r) { return ls::restrict_to(a, r); })
        .def(
            "locations",
            [](const Locset& l, const Morphology& mo) {
                std::vector<std::pair<std::size_t, double>> out;
                for (const Location& x : l.evaluate(mo))
                    out.emplace_back(x.branch, x.x);
                return out;
            },
            py::arg("morphology"), "(branch, x) on a morphology");
}

void bind_cv_policy(py::module_& m) {
    py::class_<CvPolicy>(m, "CvPolicy")
        .def_static("per_branch", &CvPolicy::per_branch)
        .def_static("fixed_per_branch", &CvPolicy::fixed_per_branch, py::arg("count"))
        .def_static("explicit_counts", &CvPolicy::explicit_counts, py::arg("counts"))
        .def_static("max_extent", &CvPolicy::max_extent, py::arg("max_length_um"),
                    py::arg("odd") = false)
        .def_static(
            "d_lambda", [](double d, double f_hz) { return CvPolicy::d_lambda(d, Hertz{f_hz}); },
            py::arg("d_lambda") = 0.1, py::arg("frequency_hz") = 100.0)
        .def("on", &CvPolicy::on, py::arg("region"))
        .def("__or__", &CvPolicy::operator|)
        .def("__str__", &CvPolicy::to_string)
        .def("__repr__", [](const CvPolicy& p) { return "<CvPolicy " + p.to_string() + ">"; })
        .def(
            "cvs_per_branch",
            [](const CvPolicy& p, const Morphology& mo) { return p.cvs_per_branch(mo); },
            py::arg("morphology"));
}

}  // namespace

void bind_morphology(py::module_& m) {
    bind_morphology_class(m);
    bind_labels(m);
    bind_cv_policy(m);
}

}  // namespace rtcell::python
