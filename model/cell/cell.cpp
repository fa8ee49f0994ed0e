// Cell: the declaration phase, init_state (lower: model/lowering/, then allocate:
// cell_allocate.cpp) and inspection. The step path is in cell_step.cpp.
#include "model/cell/cell.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "model/cell/cell_runtime.hpp"
#include "model/ions/ion_coupling.hpp"
#include "model/ions/ion_settings.hpp"
#include "model/lowering/lowering.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {
namespace {

std::vector<std::string> mechanism_names(MechanismSpec::Kind kind) {
    std::vector<std::string> names;
    for (const auto& s : kind == MechanismSpec::Kind::density ? density_specs() : point_specs())
        names.push_back(s.name);
    return names;
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
        if (s > kMaxMembers / members_)  // checked before multiplying: the product cannot wrap
            throw InputError("pop_size gives more than " + std::to_string(kMaxMembers) +
                             " members");
        members_ *= s;
    }
    if (options_.solver == "crank_nicolson")
        solver_ = SolverKind::crank_nicolson;
    else if (options_.solver != "staggered" && !options_.solver_function)
        throw InputError(
            "unknown solver '" + options_.solver + "'" +
            did_you_mean(options_.solver, std::vector<std::string>{"staggered", "crank_nicolson"}));
    if (options_.ion_channel_update_order == "integration")
        update_order_ = IonUpdateOrder::integration;
    else if (options_.ion_channel_update_order != "family")
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

namespace {
const std::string& placed_name(const Placeable& what) {
    return std::visit([](const auto& w) -> const std::string& { return w.name; }, what);
}
}  // namespace

Cell& Cell::place(const Locset& locset, const Placeable& what) {
    require(Phase::declaring, "place()");
    const std::string& name = placed_name(what);
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
    } else if (name.empty()) {
        throw InputError("a probe needs a name");
    }
    // Point names and probe names share one namespace: each names a column or a target.
    for (const auto& rule : places_)
        if (placed_name(rule.what) == name)
            throw InputError("the name '" + name + "' is already placed" +
                             (std::holds_alternative<Probe>(what) ? " (two probes, or a probe and "
                                                                    "a point mechanism, cannot "
                                                                    "share a name)"
                                                                  : ""));
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

bool Cell::sliceable(std::string* why) const {
    auto no = [&](const std::string& reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (options_.solver_function)
        return no("its solver is a C++ function");
    for (const auto& b : bindings_) {
        if (b.transform)
            return no("the input of '" + b.synapse + "' has a C++ transform");
        if (std::holds_alternative<StepFunction>(b.source))
            return no("the input of '" + b.synapse + "' is a C++ function");
        if (std::holds_alternative<CellSpikes>(b.source))
            return no("the input of '" + b.synapse + "' is another cell's spikes");
    }
    return true;
}

Cell Cell::member_slice(std::size_t first, std::size_t count) const {
    require(Phase::declaring, "member_slice()");
    std::string why;
    if (!sliceable(&why))
        throw InputError("cell '" + options_.name + "' cannot be split by member: " + why);
    if (count == 0 || first > members_ || count > members_ - first)
        throw InputError("member_slice(" + std::to_string(first) + ", " + std::to_string(count) +
                         "): the cell has " + std::to_string(members_) + " members");
    CellOptions o = options_;
    o.pop_size = {count};
    Cell part(morpho_, std::move(o));
    part.paints_ = paints_;
    part.places_ = places_;
    part.bindings_ = bindings_;
    part.window_ = {window_.first + first, population()};
    return part;
}

LoweredCell Cell::lower() const {
    require(Phase::declaring, "lower()");
    return lower_cell({morpho_, options_, paints_, places_, members_, window_});
}

std::size_t Cell::planned_cvs() const {
    require(Phase::declaring, "planned_cvs()");
    std::size_t n = 0;
    for (int c : planned_cv_counts())
        n += static_cast<std::size_t>(std::max(c, 0));
    return n;
}

std::vector<int> Cell::planned_cv_counts() const {
    require(Phase::declaring, "planned_cv_counts()");
    return plan_cv_counts({morpho_, options_, paints_, places_, members_, window_});
}

// Lower, then allocate. The runtime is kept only when both succeed.
void Cell::init_state(std::size_t) {
    if (phase_ == Phase::initialized)
        throw InputError("init_state(): the cell is already initialized; call reset() first");
    LoweredCell lowered = lower();
    warnings_ = lowered.warnings;
    rt_ = allocate(std::move(lowered));
    phase_ = Phase::initialized;
    prepare_dt();
    reset_state();
}

void Cell::reset_state() {
    require(Phase::initialized, "reset_state()");
    Runtime& R = *rt_;
    fault_step_ = 0;
    if (R.V_init.empty())
        std::fill(R.V.begin(), R.V.end(), R.V_init_uniform);
    else
        R.V = R.V_init;
    std::fill(R.solver.b.begin(), R.solver.b.end(), 0.0);  // no step taken: V_prev = V
    start_states();
    for (auto& b : R.bindings) {
        b.cursor = 0;
        if (b.per_member)
            std::copy(b.first.begin(), b.first.end() - 1, b.next.begin());
    }
    update_current_probes();
    std::fill(R.cell_spike.begin(), R.cell_spike.end(), 0);
    std::fill(R.cv_spike.begin(), R.cv_spike.end(), 0);
    t_ = 0.0;
    step_ = 0;
}

void Cell::start_states() {
    Runtime& R = *rt_;
    R.pools.reset();
    // Pools from NMODL first: their INITIAL sets the concentration the channels then see.
    for (auto& set : R.density) {
        const IonCoupling::Holds& h = set.ions.holds;
        if (h.slot.empty())
            continue;
        set.mech->init_states(R.V.data());
        const double* conc = set.mech->state(static_cast<std::size_t>(h.conc_state));
        for (std::size_t e = 0; e < h.slot.size(); ++e)
            if (h.slot[e] >= 0)
                R.pools.ci[static_cast<std::size_t>(h.slot[e])] = conc[e];
    }
    R.pools.nernst();
    sync_ion_parameters();  // gates gated by cai start at their steady state for Ci_init
    for (auto& set : R.density)
        if (set.ions.holds.slot.empty())
            set.mech->init_states(R.V.data());
    compute_ion_currents();
    for (auto& p : R.points) {
        p->init();
        p->init_at(R.V.data());
    }
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

const double* Cell::voltage_address(const Location& loc, std::size_t member) const {
    (void)voltage(loc, member);  // checks the phase and the member (throws)
    return rt_->V.data() +
           static_cast<std::size_t>(rt_->solver_index[rt_->layout.node_of(loc)]) * rt_->P + member;
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
    std::size_t n = bytes(R.V) + bytes(R.V_init) + bytes(R.solver.d_const) + bytes(R.solver.d) +
                    bytes(R.solver.b) + bytes(R.solver.cap) + bytes(R.solver.g_axial) +
                    bytes(R.solver.parent) + bytes(R.cell_spike) + bytes(R.cv_spike) +
                    bytes(R.cv_node) + bytes(R.solver_index);
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

std::optional<NumericalFault> Cell::numerical_fault() const {
    if (fault_step_ == 0)
        return std::nullopt;
    const Runtime& R = *rt_;
    NumericalFault f;
    f.step = fault_step_;
    f.t_ms = static_cast<double>(fault_step_) * dt_;
    f.member = fault_member_;
    for (std::size_t cv = 0; cv < R.n_cvs; ++cv)
        if (!(std::fabs(R.V[static_cast<std::size_t>(R.cv_node[cv]) * R.P + f.member]) <=
              kMaxVoltage_mV)) {
            const int b = R.layout.cv_branch[cv];
            f.cv = static_cast<long>(cv);
            f.branch = morpho_.branch(static_cast<std::size_t>(b)).name;
            f.x = 0.5 * (R.layout.cv_x0[cv] + R.layout.cv_x1(static_cast<int>(cv)));
            break;
        }
    return f;
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
    parameters_changed(mechanism);
}

void Cell::parameters_changed(const std::string& mechanism) {
    refresh(refresh_handle(mechanism));
}

// Handles: density set k is k, point mechanism j is (density sets) + j.
int Cell::refresh_handle(const std::string& mechanism) const {
    require(Phase::initialized, "parameters_changed()");
    const auto& density = rt_->density;
    for (std::size_t k = 0; k < density.size(); ++k)
        if (density[k].mech->spec().name == mechanism)
            return static_cast<int>(k);
    const auto& points = rt_->points;
    for (std::size_t j = 0; j < points.size(); ++j)
        if (points[j]->name() == mechanism)
            return static_cast<int>(density.size() + j);
    return -1;
}

void Cell::refresh(int handle) noexcept {
    if (handle < 0 || !rt_)
        return;
    const auto h = static_cast<std::size_t>(handle);
    if (h < rt_->density.size()) {
        auto& set = rt_->density[h];
        set.mech->prepare(set.celsius.data());  // e.g. phi
    } else if (h - rt_->density.size() < rt_->points.size()) {
        rt_->points[h - rt_->density.size()]->prepare(dt_);  // e.g. tau
    }
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

std::string Cell::parameter_unit(const std::string& owner, const std::string& param) const {
    require(Phase::initialized, "parameter_unit()");
    auto find = [&](const MechanismSpec& spec) -> std::string {
        for (const auto& p : spec.params)
            if (param == p.name)
                return p.unit;
        return "";
    };
    for (const auto& set : rt_->density)
        if (set.mech->spec().name == owner)
            return find(set.mech->spec());
    for (const auto& pt : rt_->points)
        if (pt->name() == owner)
            return find(pt->spec());
    return "";
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

std::pair<std::string, double> Cell::fastest_gate() const {
    require(Phase::initialized, "fastest_gate()");
    std::pair<std::string, double> best{"", std::numeric_limits<double>::infinity()};
    for (const auto& set : rt_->density)
        if (const double tau = set.mech->fastest_time_constant_ms(); tau < best.second)
            best = {set.mech->spec().name, tau};
    return best;
}

std::vector<ProbeColumnInfo> Cell::probe_columns() const {
    require(Phase::initialized, "probe_columns()");
    std::vector<ProbeColumnInfo> out;
    for (const auto& p : rt_->probes)
        out.push_back(p.info);
    return out;
}

std::vector<const double*> Cell::probe_sources() const {
    require(Phase::initialized, "probe_sources()");
    std::vector<const double*> out;
    for (const auto& p : rt_->probes)
        out.push_back(p.source);
    return out;
}

std::span<const double> Cell::point_current(const std::string& point) const {
    require(Phase::initialized, "point_current()");
    for (const auto& p : rt_->points)
        if (p->name() == point)
            return {p->current(), p->size()};
    throw InputError("no placed point mechanism named '" + point + "'");
}

std::span<double> Cell::binding_weight(const std::string& synapse) {
    require(Phase::initialized, "binding_weight()");
    for (auto& b : rt_->bindings)
        if (b.synapse->name() == synapse)
            return b.weight;
    throw InputError("no input is bound to '" + synapse + "'");
}

}  // namespace rtcell
