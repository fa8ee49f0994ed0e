// Cell: what init_state binds to the allocated runtime — probes (pointers to the values they
// record) and input bindings (their synapses, weights and spike times).
#include <algorithm>
#include <iomanip>
#include <sstream>

#include "model/cell/cell.hpp"
#include "model/cell/cell_runtime.hpp"
#include "model/cell/spike_trains.hpp"
#include "model/ions/ion_coupling.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

namespace {

// The binding's event times: one train for all members, or one per member (random trains),
// each from the stream of its member of the population.
void draw_trains(Cell::Runtime::BindingState& st, const InputSource& source, std::size_t index,
                 std::size_t P, const MemberWindow& window) {
    const std::string what = "the input of synapse '" + st.binding->synapse + "'";
    if (!draws_per_member(source)) {
        st.times = train_times(source, index, 0, 1, what);
        return;
    }
    st.per_member = true;
    st.first.assign(1, 0);
    for (std::size_t m = 0; m < P; ++m) {
        const std::vector<double> t =
            train_times(source, index, window.member(m), window.of(P), what);
        st.times.insert(st.times.end(), t.begin(), t.end());
        st.first.push_back(st.times.size());
    }
    st.next.assign(st.first.begin(), st.first.end() - 1);
}

// Adds one probe's columns: "<name>[location]#member", the parts only where there are several.
// Members are numbered in the population (a member slice's first is not 0).
struct ProbeColumns {
    Cell::Runtime& R;
    const Probe& probe;
    std::string unit;  // of the columns being added
    MemberWindow window;
    void add(std::size_t loc, std::size_t nlocs, std::size_t m, const double* src,
             std::string where) {
        std::string s = probe.name;
        if (nlocs > 1)
            s += "[" + std::to_string(loc) + "]";
        const std::size_t member = window.member(m);
        if (window.of(R.P) > 1)
            s += "#" + std::to_string(member);
        R.probes.push_back({s, src, {probe.name, probe.quantity, unit, member, std::move(where)}});
    }
    InputError error(const std::string& what) const {
        return InputError("probe '" + probe.name + "': " + what);
    }
};

std::string location_text(const Location& l) {
    std::ostringstream s;
    s << "(location " << l.branch << " " << std::setprecision(17) << l.x << ")";
    return s.str();
}

// The unit of a pool quantity: concentrations "cai"/"nao" [mM], reversal potentials "eca"
// [mV], total current densities "ica" [mA/cm²].
std::string pool_unit(const std::string& q) {
    if (q.size() > 1 && (q.back() == 'i' || q.back() == 'o') && q[0] != 'i' && q[0] != 'e')
        return "mM";
    return q[0] == 'e' ? "mV" : "mA/cm2";
}

// An ion pool at each location: concentration [mM], Nernst potential [mV] or total current
// density of its species [mA/cm², inward < 0], as of the recorded state.
void pool_columns(ProbeColumns& out, const LocationList& locs, const std::vector<double>& src,
                  const std::string& ion) {
    const Cell::Runtime& R = out.R;
    const auto inst = R.pools.instances.find(ion);
    for (std::size_t l = 0; l < locs.size(); ++l) {
        const int slot =
            inst == R.pools.instances.end() ? -1 : inst->second.slot[R.layout.cv_of(locs[l])];
        if (slot < 0)
            throw out.error("no pool of ion '" + ion + "' is painted at location " +
                            std::to_string(l));
        for (std::size_t m = 0; m < R.P; ++m)
            out.add(l, locs.size(), m, &src[static_cast<std::size_t>(slot) + m],
                    location_text(locs[l]));
    }
}

void voltage_columns(ProbeColumns& out, const LocationList& locs) {
    const Cell::Runtime& R = out.R;
    for (std::size_t l = 0; l < locs.size(); ++l) {
        const auto node = static_cast<std::size_t>(R.solver_index[R.layout.node_of(locs[l])]);
        for (std::size_t m = 0; m < R.P; ++m)
            out.add(l, locs.size(), m, &R.V[node * R.P + m], location_text(locs[l]));
    }
}

// A point mechanism's current "i", conductance "g" (synapses) or a state, at every instance.
void point_columns(ProbeColumns& out, const PointRuntime& pt, const std::string& field) {
    const auto& states = pt.spec().states;
    const auto named = std::find(states.begin(), states.end(), field);
    if (field != "i" && field != "g" && named == states.end())
        throw out.error("point mechanisms record 'i', 'g' or one of their states, not '" + field +
                        "'");
    if (field == "g" && !pt.is_synapse())
        throw out.error("only synapses have g");
    const std::size_t k =
        named == states.end() ? 0 : static_cast<std::size_t>(named - states.begin());
    const std::size_t P = out.R.P;
    for (std::size_t inst = 0; inst < pt.instances(); ++inst)
        for (std::size_t m = 0; m < P; ++m)
            out.add(inst, pt.instances(), m,
                    field == "i" ? pt.current() + inst * P + m : pt.state(k) + inst * P + m,
                    "instance " + std::to_string(inst) + " of " + pt.name());
}

// The current `field` names: "i" (the mechanism's total), or "i" + an ion it carries ("ina");
// -2 when it names no current.
int current_field(const DensityRuntime& mech, const std::string& field) {
    if (field == "i")
        return -1;
    const auto ions = mech.ions();
    for (std::size_t k = 0; k < ions.size(); ++k)
        if (field == std::string("i") + ions[k])
            return static_cast<int>(k);
    return -2;
}

// The buffer a probed current is kept in, shared by the probes of one current.
const double* current_buffer(Cell::Runtime& R, const Cell::Runtime::DensitySet& ds, int ion) {
    for (const auto& cp : R.current_probes)
        if (cp->set == &ds && cp->ion == ion)
            return cp->i.data();
    const std::size_t n = ds.mech->padded();
    R.current_probes.push_back(std::make_unique<Cell::Runtime::CurrentProbe>(
        Cell::Runtime::CurrentProbe{&ds, ion, std::vector<double>(n), std::vector<double>(n)}));
    return R.current_probes.back()->i.data();
}

// A density mechanism's state or current at each location, which must lie on a CV it is
// painted on.
void density_columns(ProbeColumns& out, const LocationList& locs,
                     const Cell::Runtime::DensitySet& ds, const std::string& field) {
    const std::string& owner = ds.mech->spec().name;
    const auto& states = ds.mech->spec().states;
    const auto it = std::find(states.begin(), states.end(), field);
    const int current = current_field(*ds.mech, field);
    if (it == states.end() && current == -2) {
        std::vector<std::string> names(states.begin(), states.end());
        names.push_back("i");
        for (const char* ion : ds.mech->ions())
            names.push_back(std::string("i") + ion);
        throw out.error("mechanism '" + owner + "' has no state or current '" + field + "'" +
                        did_you_mean(field, names));
    }
    if (it == states.end())
        out.unit = "mA/cm2";
    const double* source = it == states.end() ? current_buffer(out.R, ds, current)
                                              : ds.mech->state(it - states.begin());
    const std::size_t P = out.R.P;
    for (std::size_t l = 0; l < locs.size(); ++l) {
        const auto pos = std::find(ds.cv.begin(), ds.cv.end(), out.R.layout.cv_of(locs[l]));
        if (pos == ds.cv.end())
            throw out.error("'" + owner + "' is not painted at location " + std::to_string(l));
        const std::size_t inst = pos - ds.cv.begin();
        for (std::size_t m = 0; m < P; ++m)
            out.add(l, locs.size(), m, source + inst * P + m, location_text(locs[l]));
    }
}

}  // namespace

// Probes: where each column's value lives in the runtime (V, a state, a pool's array).
void Cell::bind_probes(Runtime& R) const {
    for (const auto& rule : places_) {
        const auto* probe = std::get_if<Probe>(&rule.what);
        if (!probe)
            continue;
        ProbeColumns out{R, *probe, "", window_};
        const std::string& q = probe->quantity;
        std::string ion;
        const std::vector<double>* src = nullptr;
        try {
            src = pool_quantity(R.pools, q, ion);
        } catch (const InputError& e) {
            throw out.error(e.what());
        }
        const auto dot = q.find('.');
        if (src || q == "v") {
            const LocationList locs = rule.locset.evaluate(morpho_, options_.labels);
            out.unit = src ? pool_unit(q) : "mV";
            if (src)
                pool_columns(out, locs, *src, ion);
            else
                voltage_columns(out, locs);
        } else if (dot != std::string::npos) {
            const std::string owner = q.substr(0, dot), field = q.substr(dot + 1);
            // Point currents [nA] and conductances [µS]; states in their mechanism's units
            // ("1" for gates and fractions).
            out.unit = field == "i" ? "nA" : field == "g" ? "uS" : "1";
            if (const PointRuntime* pt = R.find_point(owner))
                point_columns(out, *pt, field);
            else if (const Runtime::DensitySet* ds = R.find_density(owner))
                density_columns(out, rule.locset.evaluate(morpho_, options_.labels), *ds, field);
            else
                throw out.error("nothing named '" + owner + "' is painted or placed");
        } else {
            throw out.error("unknown quantity '" + q +
                            "' (use v, <mechanism>.<state>, <mechanism>.i, <mechanism>.ina or "
                            "<synapse>.i)");
        }
    }
}

void Cell::lower_bindings(Runtime& R) const {
    const std::size_t P = R.P;
    for (const Binding& b : bindings_) {
        Runtime::BindingState st;
        st.binding = &b;
        st.synapse = R.find_point(b.synapse);
        if (!st.synapse || !st.synapse->is_synapse()) {
            std::vector<std::string> names;
            for (const auto& p : R.points)
                if (p->is_synapse())
                    names.push_back(p->name());
            throw InputError("bind_synapse_input: no synapse named '" + b.synapse + "'" +
                             did_you_mean(b.synapse, names));
        }
        st.weight.resize(P);
        for (std::size_t m = 0; m < P; ++m)
            st.weight[m] = b.weight.size() == 1 ? b.weight[0] : b.weight[window_.member(m)];
        draw_trains(st, b.source, R.bindings.size(), P, window_);
        if (auto* other = std::get_if<CellSpikes>(&b.source)) {
            if (!other->cell)
                throw InputError("bind_synapse_input('" + b.synapse + "'): no source cell");
            if (other->cell->members() != P && !b.transform)
                throw InputError("bind_synapse_input('" + b.synapse + "'): the source cell has " +
                                 std::to_string(other->cell->members()) + " members and this one " +
                                 std::to_string(P) + "; give a transform");
            st.value.resize(other->cell->members());
        } else {
            st.value.resize(P);
        }
        st.mapped.resize(P);
        R.bindings.push_back(std::move(st));
    }
}

}  // namespace rtcell
