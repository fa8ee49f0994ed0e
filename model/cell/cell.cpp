// Cell: declaration phase and lowering (init_state). The step path is in cell_step.cpp.
#include "model/cell/cell.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "model/cell/cell_runtime.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "model/ions/ion_coupling.hpp"
#include "model/ions/ion_settings.hpp"
#include "model/cable/solver_order.hpp"

namespace rtcell {
namespace {

std::vector<std::string> mechanism_names(MechanismSpec::Kind kind) {
    std::vector<std::string> names;
    for (const auto& s : kind == MechanismSpec::Kind::density ? density_specs() : point_specs())
        names.push_back(s.name);
    return names;
}

const MechanismSpec& density_spec(const std::string& name) {
    for (const auto& s : density_specs())
        if (s.name == name)
            return s;
    throw InputError("unknown density mechanism '" + name + "'" +
                     did_you_mean(name, mechanism_names(MechanismSpec::Kind::density)));
}

void check_params(const MechanismSpec& spec, const std::map<std::string, ParamValue>& params) {
    for (const auto& [p, v] : params) {
        if (const ParamSpec* ps = spec.find_param(p)) {
            if (v.is_region_temperature() && std::string(ps->unit) != "degC")
                throw InputError(spec.name + "." + p + " [" + ps->unit +
                                 "] cannot take the region's temperature");
            continue;
        }
        std::vector<std::string> names;
        for (const auto& s : spec.params)
            names.push_back(s.name);
        throw InputError("mechanism '" + spec.name + "' has no parameter '" + p + "'" +
                         did_you_mean(p, names));
    }
}

// CVs whose midpoints lie in the region (the rule that maps regions to CVs).
std::vector<int> cvs_in(const CableList& cables, const CvLayout& L) {
    std::vector<int> out;
    for (const Cable& c : cables) {
        const int n = L.branch_cv_count[c.branch];
        const int first = std::max(0, static_cast<int>(std::ceil(c.x0 * n - 0.5 - 1e-12)));
        const int last = std::min(n - 1, static_cast<int>(std::floor(c.x1 * n - 0.5 + 1e-12)));
        for (int k = first; k <= last; ++k)
            out.push_back(L.branch_first_cv[c.branch] + k);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

const std::vector<double>& Traces::column(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return columns[i];
    throw InputError("no probe column named '" + name + "'");
}

Cell::Cell(Morphology morpho, CellOptions options)
    : morpho_(std::move(morpho)), options_(std::move(options)) {
    members_ = 1;
    for (std::size_t s : options_.pop_size) {
        if (s == 0)
            throw InputError("pop_size must not contain 0");
        members_ *= s;
    }
    if (options_.solver != "staggered" && options_.solver != "crank_nicolson" &&
        !options_.solver_function)
        throw InputError(
            "unknown solver '" + options_.solver + "'" +
            did_you_mean(options_.solver, std::vector<std::string>{"staggered", "crank_nicolson"}));
    if (options_.ion_channel_update_order != "family" &&
        options_.ion_channel_update_order != "integration")
        throw InputError("ion_channel_update_order '" + options_.ion_channel_update_order + "'" +
                         did_you_mean(options_.ion_channel_update_order,
                                      std::vector<std::string>{"family", "integration"}) +
                         " is not family or integration");
    if (options_.spk_fun != "heaviside")
        throw InputError("spk_fun '" + options_.spk_fun +
                         "': rtcell has no autodiff; only 'heaviside' (a step) is available");
}

Cell::~Cell() = default;
Cell::Cell(Cell&&) noexcept = default;
Cell& Cell::operator=(Cell&&) noexcept = default;

void Cell::require(Phase phase, const char* what) const {
    if (phase_ == phase)
        return;
    throw InputError(std::string(what) +
                     (phase == Phase::declaring
                          ? " is only allowed while declaring; call reset() first"
                          : " needs an initialized cell; call init_state() first"));
}

Cell& Cell::paint(const Region& region, const Paintable& what) {
    require(Phase::declaring, "paint()");
    if (auto* d = std::get_if<Density>(&what))
        check_params(density_spec(d->mechanism), d->params);
    if (auto* r = std::get_if<Reversal>(&what)) {
        if (r->ion.empty())
            throw InputError("a reversal potential needs an ion name");
        if (r->nernst_from) {
            if (!(r->nernst_from->inside_mM > 0 && r->nernst_from->outside_mM > 0))
                throw InputError("reversal of '" + r->ion +
                                 "': Nernst concentrations must be positive");
            if (ion_valence(r->ion) == 0)
                throw InputError("reversal of '" + r->ion +
                                 "': unknown valence for Nernst (known: na, k, ca, cl); give E");
        }
    }
    paints_.push_back({region, what});
    return *this;
}

Cell& Cell::place(const Locset& locset, const Placeable& what) {
    require(Phase::declaring, "place()");
    if (auto* p = std::get_if<Point>(&what)) {
        const MechanismSpec* spec = find_point_spec(p->mechanism);
        if (!spec)
            throw InputError(
                "unknown point mechanism '" + p->mechanism + "'" +
                did_you_mean(p->mechanism, mechanism_names(MechanismSpec::Kind::point)));
        check_params(*spec, p->params);
        if (p->name.empty())
            throw InputError("a placed " + p->mechanism + " needs a name");
        if (!p->steps.empty() && p->mechanism != "IClamp")
            throw InputError("only IClamp takes steps");
        for (const auto& rule : places_) {
            const std::string* other = nullptr;
            if (auto* q = std::get_if<Point>(&rule.what))
                other = &q->name;
            if (auto* q = std::get_if<Probe>(&rule.what))
                other = &q->name;
            if (other && *other == p->name)
                throw InputError("the name '" + p->name + "' is already placed");
        }
    } else {
        const auto& probe = std::get<Probe>(what);
        if (probe.name.empty())
            throw InputError("a probe needs a name");
    }
    places_.push_back({locset, what});
    return *this;
}

Cell& Cell::bind_synapse_input(const std::string& synapse, InputSource source,
                               std::vector<double> weight, InputTransform transform) {
    require(Phase::declaring, "bind_synapse_input()");
    if (weight.empty())
        weight = {1.0};
    if (weight.size() != 1 && weight.size() != members_)
        throw InputError("bind_synapse_input('" + synapse + "'): weight needs 1 or " +
                         std::to_string(members_) + " values");
    bindings_.push_back({synapse, std::move(source), std::move(weight), std::move(transform)});
    return *this;
}

void Cell::init_state(std::size_t) {
    if (phase_ == Phase::initialized)
        throw InputError("init_state(): the cell is already initialized; call reset() first");
    auto rt = std::make_unique<Runtime>();
    Runtime& R = *rt;
    const std::size_t P = members_;
    R.P = P;
    const LabelDict& labels = options_.labels;

    // ---- Cable properties per CV (needed by the d-λ policy, so per branch first) ----
    CableProperties cable_for_policy;
    {
        std::vector<double> Ra(morpho_.num_branches(), 35.4), cm(morpho_.num_branches(), 1.0);
        for (const auto& rule : paints_) {
            const auto* c = std::get_if<CableSettings>(&rule.what);
            if (!c)
                continue;
            for (const Cable& cab : rule.region.evaluate(morpho_, labels)) {
                const double mid = morpho_.path_distance(cab.branch, 0.5 * (cab.x0 + cab.x1));
                if (c->Ra)
                    Ra[cab.branch] = c->Ra->value(0, P, mid);
                if (c->cm)
                    cm[cab.branch] = c->cm->value(0, P, mid);
            }
        }
        cable_for_policy.Ra_per_branch = Ra;
        cable_for_policy.cm_per_branch = cm;
    }
    R.layout =
        discretize(morpho_, options_.cv_policy.cvs_per_branch(morpho_, cable_for_policy, labels));
    const CvLayout& L = R.layout;
    R.n_cvs = L.num_cvs();
    R.n_nodes = L.num_nodes();
    const std::size_t ncv = R.n_cvs, nn = R.n_nodes;

    std::vector<double> mid_distance(ncv);
    for (std::size_t cv = 0; cv < ncv; ++cv)
        mid_distance[cv] = morpho_.path_distance(
            L.cv_branch[cv], 0.5 * (L.cv_x0[cv] + L.cv_x1(static_cast<int>(cv))));

    // ---- Paint rules, in order, by CV midpoint ----
    std::vector<ParamValue> cm(ncv, 1.0), Ra(ncv, 35.4), v_rest(ncv, -65.0), celsius(ncv, 6.3);
    IonSettings ions(ncv);  // ena, cai, cao, ... per CV (ion_settings.hpp)
    std::map<std::string, std::vector<std::map<std::string, ParamValue>>> mech;  // name → per CV
    std::map<std::string, std::vector<std::uint8_t>> present;
    std::vector<std::string> mech_order;
    std::map<std::string, std::vector<std::string>> ion_of;  // key → per CV: `ion` field
    for (const auto& rule : paints_) {
        const std::vector<int> cvs = cvs_in(rule.region.evaluate(morpho_, labels), L);
        if (auto* c = std::get_if<CableSettings>(&rule.what)) {
            for (int cv : cvs) {
                if (c->cm)
                    cm[cv] = *c->cm;
                if (c->Ra)
                    Ra[cv] = *c->Ra;
                if (c->v_rest)
                    v_rest[cv] = *c->v_rest;
                if (c->celsius)
                    celsius[cv] = *c->celsius;
            }
        } else if (auto* r = std::get_if<Reversal>(&rule.what)) {
            ions.paint(*r, cvs);
        } else if (const auto& d = std::get<Density>(rule.what); is_ion_setting(d.mechanism)) {
            ions.paint(d, density_spec(d.mechanism), cvs);
        } else {
            // Pools are kept apart per ion instance ("CalciumDetailed@ca_t"; unnamed: the
            // species, "CalciumDetailed@ca"); a channel keeps one entry and remembers, per CV,
            // the ion instance names it was painted with.
            std::string key = d.mechanism;
            if (const std::string species = pool_species(d.mechanism); !species.empty()) {
                const auto names = ion_names(d.ion);
                if (names.size() > 1)
                    throw InputError(d.mechanism + ": a pool is one ion instance, not '" + d.ion +
                                     "'");
                key += "@" + (names.empty() ? species : names[0]);
            }
            if (!mech.count(key)) {
                mech[key].resize(ncv);
                present[key].resize(ncv, 0);
                mech_order.push_back(key);
                ion_of[key].resize(ncv);
            }
            for (int cv : cvs) {
                present[key][cv] = 1;
                ion_of[key][cv] = d.ion;
                for (const auto& [p, v] : d.params)
                    mech[key][cv][p] = v;
            }
        }
    }
    auto member_value = [&](const ParamValue& v, std::size_t m, int cv, const std::string& what) {
        return value_of(v, m, P, mid_distance[cv], what);
    };
    // A mechanism's parameter: also its own temperature set to the region's (R.celsius is
    // filled below, before any mechanism is lowered).
    auto mechanism_value = [&](const ParamValue& v, std::size_t m, int cv,
                               const std::string& what) {
        return v.is_region_temperature() ? R.celsius[static_cast<std::size_t>(cv) * P + m]
                                         : member_value(v, m, cv, what);
    };

    // ---- Nodes: capacitance, axial conductance, initial voltage ----
    R.V.assign(nn * P + 1, -65.0);  // + the spare slot, at a voltage the kernels can evaluate
    R.V_init = R.V;
    R.solver.resize(nn, P);
    std::vector<double> g_layout(nn * P, 0.0), cap_layout(nn * P, 0.0), v_layout(nn * P, 0.0);
    R.celsius.assign(ncv * P, 6.3);
    std::vector<double> Ra_cv(ncv * P);
    for (std::size_t cv = 0; cv < ncv; ++cv)
        for (std::size_t m = 0; m < P; ++m) {
            Ra_cv[cv * P + m] = member_value(Ra[cv], m, cv, "Ra");
            R.celsius[cv * P + m] = member_value(celsius[cv], m, cv, "celsius");
            if (!(Ra_cv[cv * P + m] > 0))
                throw InputError("Ra must be positive");
        }
    // Nernst reversal potentials at init, at the rules' or the regions' temperatures [mV].
    ions.resolve(P, mechanism_value, [&](int cv, std::size_t m) {
        return R.celsius[static_cast<std::size_t>(cv) * P + m];
    });
    std::vector<double> Ra_member(ncv);
    for (std::size_t n = 0; n < nn; ++n) {
        const int cv_here = L.node_nearest_cv(static_cast<int>(n));
        for (std::size_t m = 0; m < P; ++m) {
            const std::size_t i = n * P + m;
            if (L.node_cv[n] >= 0) {
                const int cv = L.node_cv[n];
                const double c = member_value(cm[cv], m, cv, "cm");
                if (!(c > 0))
                    throw InputError("cm must be positive");
                cap_layout[i] = c * L.cv_area_um2[cv] * 1e-5;  // µF/cm² · µm² → nF
            }
            if (n > 0) {
                for (std::size_t cv = 0; cv < ncv; ++cv)
                    Ra_member[cv] = Ra_cv[cv * P + m];
                g_layout[i] = 1.0 / L.axial_resistance_MOhm(static_cast<int>(n), Ra_member);  // µS
            }
            v_layout[i] = options_.V_init ? *options_.V_init
                                          : member_value(v_rest[cv_here], m, cv_here, "v_rest");
        }
    }
    // Renumber nodes for the solver (solver_order.hpp); from here on, node indices in the
    // runtime are solver indices.
    const SolverOrder order = centre_rooted_order(L.node_parent);
    R.solver_index = order.solver_index;
    R.solver.parent = order.parent;
    for (std::size_t n = 0; n < nn; ++n) {
        const std::size_t to = static_cast<std::size_t>(order.solver_index[n]);
        for (std::size_t m = 0; m < P; ++m) {
            R.solver.cap[to * P + m] = cap_layout[n * P + m];
            R.V_init[to * P + m] = v_layout[n * P + m];
            if (order.edge[to] >= 0)
                R.solver.g_axial[to * P + m] = g_layout[static_cast<std::size_t>(order.edge[to]) * P + m];
        }
    }
    if (options_.V_init) {  // uniform: no per-node copy
        R.V_init_uniform = *options_.V_init;
        R.V_init.clear();
        R.V_init.shrink_to_fit();
    }
    R.cv_node.resize(ncv);
    for (std::size_t cv = 0; cv < ncv; ++cv)
        R.cv_node[cv] = R.solver_index[L.cv_node[cv]];

    // ---- Ion pools, then density mechanisms ----
    for (const std::string& key : mech_order)
        if (const auto at = key.find('@'); at != std::string::npos)
            lower_pools(R.pools, key.substr(0, at), key.substr(at + 1), present[key], mech[key], P,
                        mechanism_value);
    for (const std::string& name : mech_order) {
        if (name.find('@') != std::string::npos)  // a pool
            continue;
        Runtime::DensitySet set;
        set.mech = make_density_runtime(name);
        const MechanismSpec& spec = set.mech->spec();
        for (std::size_t cv = 0; cv < ncv; ++cv)
            if (present[name][cv]) {
                set.cv.push_back(static_cast<int>(cv));
                set.node.push_back(R.cv_node[cv]);
            }
        const std::size_t count = set.cv.size() * P;
        set.mech->allocate(count);
        std::vector<int> index(set.mech->padded(),
                               static_cast<int>(nn * P));  // padding → spare slot
        std::vector<double> area_factor(set.mech->padded(), 0.0);
        for (std::size_t inst = 0; inst < set.cv.size(); ++inst)
            for (std::size_t m = 0; m < P; ++m) {
                index[inst * P + m] = set.node[inst] * static_cast<int>(P) + static_cast<int>(m);
                area_factor[inst * P + m] =
                    L.cv_area_um2[set.cv[inst]] * 1e-2;  // µm² → (mA/cm² → nA)
            }
        set.mech->set_layout(std::move(index), std::move(area_factor));
        for (std::size_t k = 0; k < spec.params.size(); ++k) {
            const std::string pname = spec.params[k].name;
            double* out = set.mech->param(k);
            for (std::size_t inst = 0; inst < set.cv.size(); ++inst) {
                const int cv = set.cv[inst];
                const auto& overrides = mech[name][cv];
                const ParamValue* v = nullptr;
                if (auto it = overrides.find(pname); it != overrides.end())
                    v = &it->second;
                else
                    v = ions.find(pname, cv);
                for (std::size_t m = 0; m < P; ++m)
                    out[inst * P + m] = v ? mechanism_value(*v, m, cv, name + "." + pname)
                                          : spec.params[k].default_value;
            }
        }
        set.ions = couple_ions(*set.mech, set.cv, R.pools, ion_of[name], P);
        R.density.push_back(std::move(set));
    }

    lower_places(R, mid_distance);
    lower_bindings(R);

    // ---- Spike detection ----
    R.cell_spike.assign(P, 0);
    R.cv_spike.assign(ncv * P, 0);
    const Locset detector = options_.detector ? *options_.detector : ls::root();
    const LocationList dl = detector.evaluate(morpho_, labels);
    if (dl.size() != 1)
        throw InputError("the spike detector locset must give exactly one location");
    R.detector_node = R.solver_index[L.node_of(dl[0])];

    // Temperature-dependent rate factors.
    for (auto& set : R.density) {
        set.celsius.assign(set.mech->padded(), 6.3);
        for (std::size_t inst = 0; inst < set.cv.size(); ++inst)
            for (std::size_t m = 0; m < P; ++m)
                set.celsius[inst * P + m] = R.celsius[set.cv[inst] * P + m];
        set.mech->prepare(set.celsius.data());
    }
    R.celsius.clear();  // kept per mechanism instance from here on
    R.celsius.shrink_to_fit();

    rt_ = std::move(rt);
    phase_ = Phase::initialized;
    prepare_dt();
    reset_state();
}

void Cell::reset_state() {
    require(Phase::initialized, "reset_state()");
    Runtime& R = *rt_;
    if (R.V_init.empty())
        std::fill(R.V.begin(), R.V.end(), R.V_init_uniform);
    else
        R.V = R.V_init;
    std::fill(R.solver.b.begin(), R.solver.b.end(), 0.0);  // no step taken: V_prev = V
    R.pools.reset();
    sync_ion_parameters();  // gates gated by cai start at their steady state for Ci_init
    for (auto& set : R.density)
        set.mech->init_states(R.V.data());
    compute_ion_currents();
    for (auto& p : R.points)
        p->init();
    for (auto& b : R.bindings)
        b.cursor = 0;
    std::fill(R.cell_spike.begin(), R.cell_spike.end(), 0);
    std::fill(R.cv_spike.begin(), R.cv_spike.end(), 0);
    t_ = 0.0;
    step_ = 0;
}

void Cell::reset() {
    require(Phase::initialized, "reset()");
    rt_.reset();
    phase_ = Phase::declaring;
    t_ = 0.0;
    step_ = 0;
}

const CvLayout& Cell::layout() const {
    require(Phase::initialized, "layout()");
    return rt_->layout;
}

std::size_t Cell::n_compartment() const {
    require(Phase::initialized, "n_compartment");
    return rt_->n_cvs;
}

std::vector<std::size_t> Cell::varshape() const {
    std::vector<std::size_t> shape = options_.pop_size;
    shape.push_back(n_compartment());
    return shape;
}

std::span<const double> Cell::node_voltage() const {
    require(Phase::initialized, "node_voltage()");
    return rt_->V;
}

double Cell::voltage(const Location& loc, std::size_t member) const {
    require(Phase::initialized, "voltage()");
    return rt_->V.at(
        static_cast<std::size_t>(rt_->solver_index[rt_->layout.node_of(loc)]) * rt_->P + member);
}

std::span<const std::uint8_t> Cell::spikes() const {
    require(Phase::initialized, "spikes()");
    return rt_->cell_spike;
}

namespace {
template <class T>
std::size_t bytes(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}
}  // namespace

std::size_t Cell::memory_bytes() const {
    require(Phase::initialized, "memory_bytes()");
    const Runtime& R = *rt_;
    const CvLayout& L = R.layout;
    std::size_t n = bytes(R.V) + bytes(R.V_init) + bytes(R.solver.d_const) + bytes(R.solver.d) + bytes(R.solver.b) +
                    bytes(R.solver.cap) + bytes(R.solver.g_axial) + bytes(R.solver.parent) + bytes(R.celsius) +
                    bytes(R.cell_spike) + bytes(R.cv_spike) + bytes(R.cv_node) +
                    bytes(R.solver_index);
    n += bytes(L.branch_first_cv) + bytes(L.branch_cv_count) + bytes(L.branch_proximal_node) +
         bytes(L.branch_distal_node) + bytes(L.cv_branch) + bytes(L.cv_x0) +
         bytes(L.branch_length_um) + bytes(L.cv_area_um2) + bytes(L.cv_volume_um3) +
         bytes(L.cv_proximal_factor) + bytes(L.cv_distal_factor) + bytes(L.cv_node) +
         bytes(L.node_kind) + bytes(L.node_parent) + bytes(L.node_cv) + bytes(L.node_branch);
    for (const auto& set : R.density)
        n += set.mech->memory_bytes() + bytes(set.cv) + bytes(set.node) + bytes(set.celsius);
    for (const auto& p : R.points)
        n += p->memory_bytes();
    return n + sizeof(Runtime);
}

std::span<const std::uint8_t> Cell::cv_spikes() const {
    require(Phase::initialized, "cv_spikes()");
    Runtime& R = *rt_;
    const std::size_t P = R.P;
    const double th = options_.V_th;
    for (std::size_t cv = 0; cv < R.n_cvs; ++cv) {
        const std::size_t base = static_cast<std::size_t>(R.cv_node[cv]) * P;
        for (std::size_t m = 0; m < P; ++m)
            R.cv_spike[cv * P + m] = R.V_prev(base + m) < th && R.V[base + m] >= th;
    }
    return R.cv_spike;
}

std::span<double> Cell::parameter(const std::string& mechanism, const std::string& param) {
    require(Phase::initialized, "parameter()");
    if (auto* set = rt_->find_density(mechanism)) {
        const auto& spec = set->mech->spec();
        for (std::size_t k = 0; k < spec.params.size(); ++k)
            if (param == spec.params[k].name)
                return {set->mech->param(k), set->mech->size()};
        std::vector<std::string> names;
        for (const auto& p : spec.params)
            names.push_back(p.name);
        throw InputError("mechanism '" + mechanism + "' has no parameter '" + param + "'" +
                         did_you_mean(param, names));
    }
    if (auto* pt = rt_->find_point(mechanism)) {
        const auto& spec = pt->spec();
        for (std::size_t k = 0; k < spec.params.size(); ++k)
            if (param == spec.params[k].name)
                return {pt->param(k), pt->size()};
        throw InputError("'" + mechanism + "' has no parameter '" + param + "'");
    }
    throw InputError("nothing named '" + mechanism + "' is painted or placed on this cell");
}

void Cell::set_parameter(const std::string& mechanism, const std::string& param, double value) {
    auto values = parameter(mechanism, param);
    std::fill(values.begin(), values.end(), value);
    if (auto* set = rt_->find_density(mechanism))
        set->mech->prepare(set->celsius.data());  // e.g. phi
    if (auto* pt = rt_->find_point(mechanism))
        pt->prepare(dt_);  // e.g. tau
}

std::span<double> Cell::state(const std::string& mechanism, const std::string& name) {
    require(Phase::initialized, "state()");
    if (auto* set = rt_->find_density(mechanism)) {
        const auto& states = set->mech->spec().states;
        for (std::size_t k = 0; k < states.size(); ++k)
            if (states[k] == name)
                return {set->mech->state(k), set->mech->size()};
    }
    if (auto* pt = rt_->find_point(mechanism)) {
        const auto& states = pt->spec().states;
        for (std::size_t k = 0; k < states.size(); ++k)
            if (states[k] == name)
                return {pt->state(k), pt->size()};
    }
    throw InputError("no state '" + name + "' on '" + mechanism + "'");
}

int Cell::synapse_index(const std::string& synapse) {
    require(Phase::initialized, "synapse_index()");
    for (std::size_t i = 0; i < rt_->points.size(); ++i)
        if (rt_->points[i]->name() == synapse && rt_->points[i]->is_synapse())
            return static_cast<int>(i);
    std::vector<std::string> names;
    for (const auto& p : rt_->points)
        if (p->is_synapse())
            names.push_back(p->name());
    throw InputError("no synapse named '" + synapse + "'" + did_you_mean(synapse, names));
}

void Cell::deliver_event(int synapse, int member, double weight, int instance) {
    if (!rt_ || synapse < 0 || static_cast<std::size_t>(synapse) >= rt_->points.size())
        return;
    PointRuntime& syn = *rt_->points[synapse];
    const std::size_t P = rt_->P;
    if (member >= static_cast<int>(P) || instance >= static_cast<int>(syn.instances()))
        return;
    const std::size_t first = member < 0 ? 0 : static_cast<std::size_t>(member);
    const std::size_t last = member < 0 ? P : first + 1;
    const std::size_t i0 = instance < 0 ? 0 : static_cast<std::size_t>(instance);
    const std::size_t i1 = instance < 0 ? syn.instances() : i0 + 1;
    for (std::size_t inst = i0; inst < i1; ++inst)
        for (std::size_t m = first; m < last; ++m)
            syn.receive(inst * P + m, weight);
}

std::size_t Cell::synapse_instances(int synapse) const {
    require(Phase::initialized, "synapse_instances()");
    return rt_->points.at(static_cast<std::size_t>(synapse))->instances();
}

std::vector<std::pair<std::string, std::string>> Cell::parameter_list() const {
    require(Phase::initialized, "parameter_list()");
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& set : rt_->density)
        for (const auto& p : set.mech->spec().params)
            out.push_back({set.mech->spec().name, p.name});
    for (const auto& pt : rt_->points)
        for (const auto& p : pt->spec().params)
            out.push_back({pt->name(), p.name});
    return out;
}

std::vector<std::string> Cell::synapse_names() const {
    require(Phase::initialized, "synapse_names()");
    std::vector<std::string> out;
    for (const auto& pt : rt_->points)
        if (pt->is_synapse())
            out.push_back(pt->name());
    return out;
}

std::vector<double> Cell::cv_values(const std::string& quantity, std::size_t member) const {
    require(Phase::initialized, "cv_values()");
    const Runtime& R = *rt_;
    if (member >= R.P)
        throw InputError("member " + std::to_string(member) + " is outside the population");
    std::vector<double> out(R.n_cvs, std::numeric_limits<double>::quiet_NaN());
    if (quantity == "V" || quantity == "voltage" || quantity == "v") {
        for (std::size_t cv = 0; cv < R.n_cvs; ++cv)
            out[cv] = R.V[static_cast<std::size_t>(R.cv_node[cv]) * R.P + member];
        return out;
    }
    const auto dot = quantity.find('.');
    if (dot != std::string::npos)
        for (const auto& set : R.density) {
            if (set.mech->spec().name != quantity.substr(0, dot))
                continue;
            const auto& states = set.mech->spec().states;
            const auto it = std::find(states.begin(), states.end(), quantity.substr(dot + 1));
            if (it == states.end())
                throw InputError("mechanism '" + set.mech->spec().name + "' has no state '" +
                                 quantity.substr(dot + 1) + "'" +
                                 did_you_mean(quantity.substr(dot + 1), states));
            const double* s = set.mech->state(static_cast<std::size_t>(it - states.begin()));
            for (std::size_t inst = 0; inst < set.cv.size(); ++inst)
                out[set.cv[inst]] = s[inst * R.P + member];
            return out;
        }
    throw InputError("unknown quantity '" + quantity +
                     "' (use V or <mechanism>.<state> of a painted mechanism)");
}

std::vector<double> Cell::node_voltages(std::size_t member) const {
    require(Phase::initialized, "node_voltages()");
    const Runtime& R = *rt_;
    std::vector<double> out(R.n_nodes);
    for (std::size_t n = 0; n < R.n_nodes; ++n)
        out[n] = R.V[static_cast<std::size_t>(R.solver_index[n]) * R.P + member];
    return out;
}

std::vector<std::string> Cell::probe_names() const {
    require(Phase::initialized, "probe_names()");
    std::vector<std::string> out;
    for (const auto& p : rt_->probes)
        out.push_back(p.name);
    return out;
}

std::vector<const double*> Cell::probe_sources() const {
    require(Phase::initialized, "probe_sources()");
    std::vector<const double*> out;
    for (const auto& p : rt_->probes)
        out.push_back(p.source);
    return out;
}

std::span<double> Cell::binding_weight(const std::string& synapse) {
    require(Phase::initialized, "binding_weight()");
    for (auto& b : rt_->bindings)
        if (b.synapse->name() == synapse)
            return b.weight;
    throw InputError("no input is bound to '" + synapse + "'");
}

}  // namespace rtcell
