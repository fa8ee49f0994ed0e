// Cell: the second half of init_state — what lower() decided, moved into the runtime the step
// path works on (cell_runtime.hpp): node arrays into the tree solver, density mechanisms into
// their SIMD kernels (padded, with a spare slot for the padding lanes), point mechanisms, ion
// pools and their coupling to the channels; then probes and input bindings, which point into
// these arrays.
#include <algorithm>

#include "model/cable/neuron_defaults.hpp"
#include "model/cell/cell.hpp"
#include "model/cell/cell_runtime.hpp"
#include "model/ions/ion_coupling.hpp"

namespace rtcell {

namespace {

// V and the solver's arrays get one spare slot at the end (index n_nodes·P) that padding lanes
// of the SIMD kernels read (a finite voltage) and write (ignored).
void allocate_nodes(Cell::Runtime& R, LoweredNodes& nodes) {
    const std::size_t NP = nodes.n_nodes * nodes.members;
    R.V.assign(NP + 1, neuron_defaults::v_init_mV);
    R.solver.resize(nodes.n_nodes, nodes.members);
    R.solver.parent = std::move(nodes.parent);
    std::copy(nodes.cap_nF.begin(), nodes.cap_nF.end(), R.solver.cap.begin());
    std::copy(nodes.g_axial_uS.begin(), nodes.g_axial_uS.end(), R.solver.g_axial.begin());
    R.V_init_uniform = nodes.V_init_uniform_mV;
    if (!nodes.V_init_mV.empty()) {
        R.V_init.reserve(NP + 1);
        R.V_init.assign(nodes.V_init_mV.begin(), nodes.V_init_mV.end());
        R.V_init.push_back(neuron_defaults::v_init_mV);  // the spare slot
    }
    R.solver_index = std::move(nodes.solver_index);
    R.cv_node = std::move(nodes.cv_node);
}

// A CV's mean diameter [µm]: the diameter of the cylinder of its length and lateral area
// (NEURON's diam, which NMODL mechanisms may read).
double cv_diameter_um(const CvLayout& L, int cv) {
    const int b = L.cv_branch[cv];
    const int last = L.branch_first_cv[b] + L.branch_cv_count[b] - 1;
    const double x1 = cv < last ? L.cv_x0[cv + 1] : 1.0;
    const double length = (x1 - L.cv_x0[cv]) * L.branch_length_um[b];
    return length > 0 ? L.cv_area_um2[cv] / (3.14159265358979323846 * length) : 0.0;
}

Cell::Runtime::DensitySet allocate_density(const LoweredDensity& d, const Cell::Runtime& R) {
    const std::size_t P = R.P;
    Cell::Runtime::DensitySet set;
    set.mech = make_density_runtime(d.mechanism);
    set.cv = d.cv;
    set.node = d.node;
    const std::size_t count = d.cv.size() * P;
    set.mech->allocate(count);
    std::vector<int> index(set.mech->padded(),
                           static_cast<int>(R.n_nodes * P));  // padding → spare slot
    std::vector<double> area_factor(set.mech->padded(), 0.0);
    for (std::size_t inst = 0; inst < d.cv.size(); ++inst)
        for (std::size_t m = 0; m < P; ++m) {
            index[inst * P + m] = d.node[inst] * static_cast<int>(P) + static_cast<int>(m);
            area_factor[inst * P + m] =
                R.layout.cv_area_um2[d.cv[inst]] * 1e-2;  // µm² → (mA/cm² → nA)
        }
    set.mech->set_layout(std::move(index), std::move(area_factor));
    std::vector<double> diam(count);
    for (std::size_t e = 0; e < count; ++e)
        diam[e] = cv_diameter_um(R.layout, d.cv[e / P]);
    set.mech->set_diameters(std::move(diam));
    for (std::size_t k = 0; k < d.params.size(); ++k)
        std::copy(d.params[k].begin(), d.params[k].end(), set.mech->param(k));
    set.ions = couple_ions(*set.mech, set.cv, R.pools, d.ion, P);
    // Temperature-dependent rate factors.
    set.celsius.assign(set.mech->padded(), neuron_defaults::celsius_degC);
    std::copy(d.celsius_degC.begin(), d.celsius_degC.end(), set.celsius.begin());
    set.mech->prepare(set.celsius.data());
    return set;
}

// A pool from NMODL takes its outer concentration [mM] from its own "<s>o" parameter.
void set_nmodl_pool_co(const Cell::Runtime::DensitySet& set, IonPools& pools) {
    const IonCoupling::Holds& h = set.ions.holds;
    if (h.slot.empty())
        return;
    const MechanismSpec& spec = set.mech->spec();
    for (std::size_t k = 0; k < spec.params.size(); ++k)
        if (spec.params[k].name == spec.pool_species + "o")
            for (std::size_t e = 0; e < h.slot.size(); ++e)
                if (h.slot[e] >= 0)
                    pools.Co[static_cast<std::size_t>(h.slot[e])] = set.mech->param(k)[e];
}

std::unique_ptr<PointRuntime> allocate_point(const LoweredPoint& p, std::size_t P) {
    std::unique_ptr<PointRuntime> rtp = make_point_runtime(p.mechanism, p.name);
    rtp->allocate(p.node, P);
    for (std::size_t k = 0; k < p.params.size(); ++k)
        std::copy(p.params[k].begin(), p.params[k].end(), rtp->param(k));
    return rtp;
}

}  // namespace

std::unique_ptr<Cell::Runtime> Cell::allocate(LoweredCell lowered) const {
    auto rt = std::make_unique<Runtime>();
    Runtime& R = *rt;
    R.P = members_;
    R.n_cvs = lowered.nodes.n_cvs;
    R.n_nodes = lowered.nodes.n_nodes;
    R.layout = std::move(lowered.layout);
    allocate_nodes(R, lowered.nodes);
    R.pools = std::move(lowered.pools);
    for (const LoweredDensity& d : lowered.densities) {
        R.density.push_back(allocate_density(d, R));
        set_nmodl_pool_co(R.density.back(), R.pools);
    }
    for (const LoweredPoint& p : lowered.points)
        R.points.push_back(allocate_point(p, R.P));
    bind_probes(R);
    lower_bindings(R);
    R.cell_spike.assign(R.P, 0);
    R.cv_spike.assign(R.n_cvs * R.P, 0);
    R.detector_node = lowered.detector_node;
    if (options_.live) {
        Runtime::LiveState& L = R.live;
        L.imposed_V.assign(R.P, R.V_init_uniform);
        L.current.assign(R.P, 0.0);
        L.parts.assign((R.density.size() + R.points.size()) * R.P, 0.0);
        L.scratch_b.assign(R.V.size(), 0.0);
        L.scratch_d.assign(R.V.size(), 0.0);
        L.last_spike_ms.assign(R.P, 0.0);
    }
    return rt;
}

}  // namespace rtcell
