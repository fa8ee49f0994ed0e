// Lowering (model/lowering/): the arrays Cell::lower() returns, read without stepping anything —
// against closed forms on a small cell, against what init_state allocates, and against the
// arrays the code before the lowering stage produced for every shipped configuration.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "config/model_config.hpp"
#include "model/cell/cell.hpp"
#include "model/lowering/painted_cvs.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "support/array_digest.hpp"
#include "support/fixtures.hpp"
#include "support/test_data.hpp"

using namespace rtcell;

namespace {

// The same lines as tests/data/lowering/before_restructuring.txt, from a LoweredCell.
std::vector<std::string> digests(const LoweredCell& low) {
    using test::digest;
    const LoweredNodes& n = low.nodes;
    const std::size_t NP = n.n_nodes * n.members;
    std::vector<std::string> out{digest("nodes.parent", n.parent.data(), n.n_nodes),
                                 digest("nodes.solver_index", n.solver_index.data(), n.n_nodes),
                                 digest("nodes.cv_node", n.cv_node.data(), n.cv_node.size()),
                                 digest("nodes.cap_nF", n.cap_nF.data(), NP),
                                 digest("nodes.g_axial_uS", n.g_axial_uS.data(), NP),
                                 n.V_init_mV.empty()
                                     ? digest("nodes.V_init_uniform_mV", &n.V_init_uniform_mV, 1)
                                     : digest("nodes.V_init_mV", n.V_init_mV.data(), NP),
                                 digest("detector_node", &low.detector_node, 1)};
    for (const LoweredDensity& d : low.densities) {
        const std::string m = "density." + d.mechanism;
        const std::size_t count = d.cv.size() * n.members;
        out.push_back(digest(m + ".cv", d.cv.data(), d.cv.size()));
        out.push_back(digest(m + ".node", d.node.data(), d.node.size()));
        out.push_back(digest(m + ".celsius_degC", d.celsius_degC.data(), count));
        const MechanismSpec& spec = density_spec(d.mechanism);
        for (std::size_t k = 0; k < spec.params.size(); ++k)
            out.push_back(digest(m + ".param." + spec.params[k].name, d.params[k].data(), count));
    }
    const IonPools& p = low.pools;
    const std::size_t np = p.gain.size();
    out.push_back(digest("pools.cv", p.cv.data(), p.cv.size()));
    out.push_back(digest("pools.gain", p.gain.data(), np));
    out.push_back(digest("pools.tau", p.tau.data(), np));
    out.push_back(digest("pools.C_rest", p.C_rest.data(), np));
    out.push_back(digest("pools.Ci_init", p.Ci_init.data(), np));
    out.push_back(digest("pools.Co", p.Co.data(), np));
    out.push_back(digest("pools.nernst_factor", p.nernst_factor.data(), np));
    for (const auto& [name, inst] : p.instances)
        out.push_back(digest("pools.instance." + name + "." + inst.species, inst.slot.data(),
                             inst.slot.size()));
    for (const LoweredPoint& pt : low.points) {
        const std::string m = "point." + pt.name;
        out.push_back(digest(m + ".node", pt.node.data(), pt.node.size()));
        const MechanismSpec& spec = *find_point_spec(pt.mechanism);
        for (std::size_t k = 0; k < spec.params.size(); ++k)
            out.push_back(digest(m + ".param." + spec.params[k].name, pt.params[k].data(),
                                 pt.params[k].size()));
    }
    return out;
}

std::string config_path(const std::string& label) {
    const auto colon = label.find(':');
    const std::string kind = label.substr(0, colon), name = label.substr(colon + 1);
    return kind == "example" ? test::config("examples/" + name) : test::scenario_config(name);
}

}  // namespace

TEST_CASE("lowering equals the arrays of the code before it, on every shipped configuration",
          "[lowering]") {
    std::ifstream in(test::data("lowering/before_restructuring.txt"));
    REQUIRE(in);
    std::map<std::string, std::vector<std::string>> expected;
    std::vector<std::string> order;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#')
            continue;
        const std::string label = line.substr(0, line.find(' '));
        if (!expected.count(label))
            order.push_back(label);
        expected[label].push_back(line.substr(label.size() + 1));
    }
    CHECK(order.size() == 23);  // 7 examples, 16 validation scenarios
    for (const std::string& label : order) {
        INFO(label);
        const ModelConfig cfg = load_model_config(config_path(label));
        const Cell cell = build_cell(cfg);
        const std::vector<std::string> got = digests(cell.lower());
        const std::vector<std::string>& want = expected[label];
        CHECK(got.size() == want.size());
        for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
            INFO(got[i] << "\n  before: " << want[i]);  // its name says which array differs
            CHECK(test::same_digest(got[i], want[i]));
        }
    }
}

namespace {
// The ball-and-stick fixture: soma (20 µm × r 10) and dendrite (200 µm × r 1) in 1 + 4 CVs,
// cm 2 µF/cm² on the dendrite, Ra 100 Ω·cm, hh on the soma, pas with g by distance on the
// dendrite, a two-step clamp and an ExpSyn at two places, for 2 members.
Cell small_cell() {
    CellOptions o;
    o.pop_size = {2};
    o.cv_policy = CvPolicy::explicit_counts({{"dend", 4}});
    Cell c(test::ball_and_stick(), o);
    c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3});
    c.paint(reg::branch(1), CableSettings{2.0, {}, {}, {}});
    c.paint(reg::branch(0), Density{"hh", {{"gnabar", ParamValue::linear_range(0.1, 0.2)}}});
    c.paint(reg::branch(1),
            Density{"pas", {{"g", ParamValue::by_distance([](double d) { return 1e-4 * d; })}}});
    Point clamp{"IClamp", "stim", {}, {{1.0, 2.0, 0.1}, {5.0, 1.0, ParamValue(0.3)}}};
    c.place(ls::location(0, 0.5), clamp);
    c.place(ls::location(1, 0.25) + ls::location(1, 0.75), Point{"ExpSyn", "syn", {{"tau", 3.0}}});
    return c;
}
}  // namespace

TEST_CASE("lowered nodes: capacitance, axial conductance and V_init from the geometry",
          "[lowering]") {
    const Cell cell = small_cell();
    const LoweredCell low = cell.lower();
    const LoweredNodes& n = low.nodes;
    REQUIRE(n.n_cvs == 5);
    REQUIRE(n.members == 2);
    REQUIRE(n.n_nodes == low.layout.num_nodes());
    const double pi = 3.14159265358979323846;
    double cap_total = 0;
    for (std::size_t i = 0; i < n.n_nodes; ++i)
        cap_total += n.cap_nF[i * 2 + 1];
    // soma 1 µF/cm² × 2π·10·20 µm², dendrite 2 µF/cm² × 2π·1·200 µm²; 1 µF/cm²·µm² = 1e-5 nF.
    CHECK(cap_total == Approx((2 * pi * 10 * 20 * 1.0 + 2 * pi * 1 * 200 * 2.0) * 1e-5));
    // Between two dendrite CV midpoints: 50 µm of cylinder r 1 µm at 100 Ω·cm is
    // 100 Ω·cm · 50e-4 cm / (π·1e-8 cm²) = 15.9 MΩ, i.e. 0.0628 µS.
    const double g_mid = 1.0 / (100.0 * 50e-4 / (pi * 1e-8) * 1e-6);
    int between_dendrite_midpoints = 0;
    for (std::size_t i = 0; i < n.n_nodes; ++i)
        if (std::abs(n.g_axial_uS[i * 2] - g_mid) < 1e-9 * g_mid)
            ++between_dendrite_midpoints;
    CHECK(between_dendrite_midpoints == 3);
    CHECK(n.V_init_mV.size() == n.n_nodes * 2);  // V_init unset: each CV's v_rest
    for (double v : n.V_init_mV)
        CHECK(v == -65.0);
    for (int parent : n.parent)
        CHECK(parent < static_cast<int>(n.n_nodes));
}

TEST_CASE("lowered mechanisms and points: instances and parameters per member", "[lowering]") {
    const LoweredCell low = small_cell().lower();
    REQUIRE(low.densities.size() == 2);
    const LoweredDensity& hh = low.densities[0];
    CHECK(hh.mechanism == "hh");
    CHECK(hh.cv == std::vector<int>{0});
    const MechanismSpec& spec = density_spec("hh");
    std::size_t gnabar = 0;
    while (std::string(spec.params[gnabar].name) != "gnabar")
        ++gnabar;
    CHECK(hh.params[gnabar] == std::vector<double>{0.1, 0.2});  // linear across the 2 members
    const LoweredDensity& pas = low.densities[1];
    CHECK(pas.cv == std::vector<int>{1, 2, 3, 4});
    // g = 1e-4·distance from the root at each dendrite CV's midpoint; the midpoints are 50 µm
    // apart.
    for (std::size_t inst = 1; inst < 4; ++inst)
        CHECK(pas.params[0][inst * 2] - pas.params[0][(inst - 1) * 2] == Approx(1e-4 * 50));
    CHECK(pas.celsius_degC == std::vector<double>(8, 6.3));
    REQUIRE(low.points.size() == 2);
    const LoweredPoint& stim = low.points[0];
    CHECK(stim.node.size() == 2);  // one location, two steps
    const MechanismSpec& ic = *find_point_spec("IClamp");
    for (std::size_t k = 0; k < ic.params.size(); ++k) {
        const std::string name = ic.params[k].name;
        if (name == "delay")
            CHECK(stim.params[k] == std::vector<double>{1.0, 1.0, 5.0, 5.0});
        if (name == "amp")
            CHECK(stim.params[k] == std::vector<double>{0.1, 0.1, 0.3, 0.3});
    }
    const LoweredPoint& syn = low.points[1];
    CHECK(syn.node.size() == 2);
    // dend(0.25) and dend(0.75) are CV boundaries of its 4 CVs: NEURON's node_index takes
    // the distal CVs (cells 2 and 4, after the soma's).
    CHECK(syn.cv == std::vector<int>{2, 4});
}

TEST_CASE("init_state allocates exactly what lower() returns", "[lowering]") {
    Cell cell = small_cell();
    const LoweredCell low = cell.lower();
    cell.init_state();
    for (const LoweredDensity& d : low.densities) {
        const MechanismSpec& spec = density_spec(d.mechanism);
        for (std::size_t k = 0; k < spec.params.size(); ++k) {
            const auto values = cell.parameter(d.mechanism, spec.params[k].name);
            CHECK(std::vector<double>(values.begin(), values.end()) == d.params[k]);
        }
    }
    for (const LoweredPoint& p : low.points) {
        const MechanismSpec& spec = *find_point_spec(p.mechanism);
        for (std::size_t k = 0; k < spec.params.size(); ++k) {
            const auto values = cell.parameter(p.name, spec.params[k].name);
            CHECK(std::vector<double>(values.begin(), values.end()) == p.params[k]);
        }
    }
    const auto V = cell.node_voltage();
    for (std::size_t i = 0; i < low.nodes.V_init_mV.size(); ++i)
        CHECK(V[i] == low.nodes.V_init_mV[i]);
    CHECK_THROWS_WITH(cell.lower(), Catch::Contains("only allowed while declaring"));
}
