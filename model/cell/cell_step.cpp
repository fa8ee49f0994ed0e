// Cell: the step path. Nothing here allocates, locks, throws or logs; every array was sized
// by init_state(). The tree system itself is model/cable/tree_solver.hpp.
#include <algorithm>
#include <cmath>

#include "model/cell/cell.hpp"
#include "model/cell/cell_runtime.hpp"
#include "model/cell/event_timing.hpp"
#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {

void Cell::set_dt(double dt_ms) {
    if (!(dt_ms >= kMinDt_ms && dt_ms <= kMaxDt_ms))
        throw InputError("dt must be in [1e-6, 1000] ms, got " + std::to_string(dt_ms));
    dt_ = dt_ms;
    if (phase_ == Phase::initialized)
        prepare_dt();
}

// d_const = C·k/dt + Σ g_axial over the node's connections (k = 2 for Crank–Nicolson, which
// solves over dt/2), and the point mechanisms' decay factors.
void Cell::prepare_dt() {
    Runtime& R = *rt_;
    R.solver.prepare((solver_ == SolverKind::crank_nicolson ? 2.0 : 1.0) / dt_);
    for (auto& p : R.points)
        p->prepare(dt_);
    R.pools.prepare(dt_);
    R.dt_prepared = dt_;
}

// Presynaptic drive for this step → events on the bound synapses.
void Cell::apply_inputs() {
    Runtime& R = *rt_;
    const std::size_t P = R.P;
    const double t_due = t_ + 0.5 * dt_;  // events due by mid-step are delivered now
    for (auto& b : R.bindings) {
        const InputSource& src = b.binding->source;
        if (auto* c = std::get_if<double>(&src)) {
            std::fill(b.value.begin(), b.value.end(), *c);
        } else if (auto* f = std::get_if<StepFunction>(&src)) {
            (*f)(t_, b.value);
        } else if (b.per_member) {  // a random train per member
            for (std::size_t m = 0; m < b.value.size(); ++m) {
                double count = 0;
                for (; b.next[m] < b.first[m + 1] &&
                       b.times[b.next[m]] <= t_due + kEventTolerance * dt_;
                     ++b.next[m])
                    ++count;
                b.value[m] = count;
            }
        } else if (std::holds_alternative<SpikeTrain>(src)) {
            double count = 0;
            while (b.cursor < b.times.size() &&
                   b.times[b.cursor] <= t_due + kEventTolerance * dt_) {
                ++count;
                ++b.cursor;
            }
            std::fill(b.value.begin(), b.value.end(), count);
        } else {
            const Cell* other = std::get<CellSpikes>(src).cell;
            const auto spikes = other->rt_ ? std::span<const std::uint8_t>(other->rt_->cell_spike)
                                           : std::span<const std::uint8_t>();
            for (std::size_t m = 0; m < b.value.size(); ++m)
                b.value[m] = m < spikes.size() ? spikes[m] : 0.0;
        }
        if (b.binding->transform) {
            b.binding->transform(b.value, b.mapped);
        } else {
            std::copy_n(b.value.begin(), std::min(b.value.size(), b.mapped.size()),
                        b.mapped.begin());
        }
        PointRuntime& syn = *b.synapse;
        for (std::size_t m = 0; m < P; ++m) {
            const double x = b.mapped[m];
            if (x == 0.0)
                continue;
            for (std::size_t inst = 0; inst < syn.instances(); ++inst)
                syn.receive(inst * P + m, b.weight[m] * x);
        }
    }
}

void Cell::pre_integral() {
    Runtime& R = *rt_;
    apply_inputs();
    R.solver.assemble(R.V.data());
    double* b = R.solver.b.data();
    double* d = R.solver.d.data();
    for (const auto& set : R.density)
        set.mech->accumulate(R.V.data(), b, d);
    const double t_mid = t_ + 0.5 * dt_;
    for (auto& p : R.points)
        p->contribute(t_mid, R.V.data(), b, d);
}

// Backward Euler: (C/dt + G + axial) ΔV = b, V += ΔV. Crank–Nicolson solves the same system
// over dt/2 (d_const has 2C/dt) and sets V += 2ΔV.
void Cell::compute_derivative() {
    Runtime& R = *rt_;
    R.dv_factor = solver_ == SolverKind::crank_nicolson ? 2.0 : 1.0;
    R.solver.solve(R.V.data(), R.dv_factor);
}

// Each pool's total current of its species at the present V, gates and E.
void Cell::compute_ion_currents() {
    Runtime& R = *rt_;
    if (R.pools.empty())
        return;
    std::fill(R.pools.itotal.begin(), R.pools.itotal.end(), 0.0);
    for (auto& set : R.density) {
        IonCoupling& c = set.ions;
        for (const auto& w : c.writes) {
            set.mech->ion_current(R.V.data(), w.which, c.i_scratch.data(), c.g_scratch.data());
            for (std::size_t e = 0; e < w.slot.size(); ++e)
                if (w.slot[e] >= 0)
                    R.pools.itotal[static_cast<std::size_t>(w.slot[e])] += c.i_scratch[e];
        }
    }
}

// Channels on a pool follow its Nernst potential (their "ena", "ek", "eca") and read its
// concentration (their "cai").
void Cell::sync_ion_parameters() {
    Runtime& R = *rt_;
    if (R.pools.empty())
        return;
    for (auto& set : R.density) {
        const IonCoupling& c = set.ions;
        for (const auto& w : c.writes) {
            if (w.e_param < 0)
                continue;
            double* e = set.mech->param(static_cast<std::size_t>(w.e_param));
            for (std::size_t i = 0; i < w.slot.size(); ++i)
                if (w.slot[i] >= 0)
                    e[i] = R.pools.E[static_cast<std::size_t>(w.slot[i])];
        }
        if (c.conc_param >= 0) {
            double* conc = set.mech->param(static_cast<std::size_t>(c.conc_param));
            for (std::size_t i = 0; i < c.read_slot.size(); ++i)
                if (c.read_slot[i] >= 0)
                    conc[i] = R.pools.ci[static_cast<std::size_t>(c.read_slot[i])];
        }
    }
}

// The ion pools from NMODL: each takes its pool's total current, steps its own state, and
// that state becomes the pool's concentration.
void Cell::advance_nmodl_pools() {
    Runtime& R = *rt_;
    for (auto& set : R.density) {
        const IonCoupling::Holds& h = set.ions.holds;
        if (h.slot.empty())
            continue;
        double* itotal = set.mech->param(static_cast<std::size_t>(h.current_param));
        for (std::size_t e = 0; e < h.slot.size(); ++e)
            if (h.slot[e] >= 0 && h.current_param >= 0)
                itotal[e] = R.pools.itotal[static_cast<std::size_t>(h.slot[e])];
        set.mech->advance(R.V.data(), dt_);
        const double* conc = set.mech->state(static_cast<std::size_t>(h.conc_state));
        for (std::size_t e = 0; e < h.slot.size(); ++e)
            if (h.slot[e] >= 0)
                R.pools.ci[static_cast<std::size_t>(h.slot[e])] = conc[e];
    }
}

// Gates at V(t + dt); with ion pools, the ion and channel updates in the configured order:
// "family" advances the pools first (with the total current cached at the start of the step,
// or re-evaluated now when cache_ion_total_current is off) and then the gates, which read the
// new concentration; "integration" advances the gates first. Then E (Nernst) and the total
// current for the next step.
void Cell::post_integral() {
    Runtime& R = *rt_;
    if (R.pools.empty()) {
        for (auto& set : R.density)
            set.mech->advance(R.V.data(), dt_);
    } else {
        if (!options_.cache_ion_total_current)
            compute_ion_currents();
        const bool family = update_order_ == IonUpdateOrder::family;
        if (family) {
            R.pools.advance();
            advance_nmodl_pools();
            sync_ion_parameters();
        }
        for (auto& set : R.density)
            if (set.ions.holds.slot.empty())
                set.mech->advance(R.V.data(), dt_);
        if (!family) {
            R.pools.advance();
            advance_nmodl_pools();
        }
        R.pools.nernst();
        sync_ion_parameters();
        compute_ion_currents();
    }
    for (auto& p : R.points)
        p->advance(R.V.data());
}

void Cell::detect_spikes() {
    Runtime& R = *rt_;
    const std::size_t P = R.P;
    const double th = options_.V_th;
    const std::size_t det = static_cast<std::size_t>(R.detector_node) * P;
    // Counted without a branch (NaN fails every comparison, so `!(|v| <= bound)` holds for it).
    int unhealthy = 0;
    for (std::size_t m = 0; m < P; ++m) {
        R.cell_spike[m] = R.V_prev(det + m) < th && R.V[det + m] >= th;
        unhealthy += !(std::fabs(R.V[det + m]) <= kMaxVoltage_mV);
    }
    if (unhealthy != 0 && fault_step_ == 0) [[unlikely]] {
        std::size_t m = 0;
        while (m + 1 < P && std::fabs(R.V[det + m]) <= kMaxVoltage_mV)
            ++m;
        fault_step_ = step_ + 1;  // the step being finished
        fault_member_ = m;
    }
}

// The probed density currents at the present V and states (nothing when none is probed).
void Cell::update_current_probes() {
    for (auto& cp : rt_->current_probes) {
        if (cp->ion < 0)
            cp->set->mech->current(rt_->V.data(), cp->i.data(), cp->g.data());
        else
            cp->set->mech->ion_current(rt_->V.data(), static_cast<std::size_t>(cp->ion),
                                       cp->i.data(), cp->g.data());
    }
}

std::span<const std::uint8_t> Cell::update() {
    if (phase_ != Phase::initialized)
        init_state();  // only allocates on the first call
    if (rt_->dt_prepared != dt_)
        prepare_dt();
    if (options_.live) {
        live_step();  // detects spikes and updates the current probes itself
        return rt_->cell_spike;
    }
    if (options_.solver_function) {
        options_.solver_function(*this);
    } else {
        pre_integral();
        compute_derivative();
        post_integral();
    }
    detect_spikes();
    update_current_probes();
    ++step_;
    t_ = static_cast<double>(step_) * dt_;
    return rt_->cell_spike;
}

Traces Cell::run(double dt_ms, double duration_ms, int record_every, const Progress& progress) {
    set_dt(dt_ms);
    if (record_every < 1)
        throw InputError("run(): record_every must be at least 1");
    if (!(duration_ms >= 0))
        throw InputError("run(): duration must not be negative");
    if (!(duration_ms / dt_ms <= kMaxSteps))
        throw InputError("run(): " + std::to_string(duration_ms / dt_ms) +
                         " steps is more than the limit of " + std::to_string(kMaxSteps));
    if (phase_ != Phase::initialized)
        init_state();
    Runtime& R = *rt_;
    const auto n_steps = static_cast<std::uint64_t>(std::llround(duration_ms / dt_ms));
    if (static_cast<double>(n_steps / record_every + 1) * static_cast<double>(R.probes.size() + 1) >
        kMaxRecordedValues)
        throw InputError("run(): recording " + std::to_string(R.probes.size()) + " probes over " +
                         std::to_string(n_steps) + " steps (every " + std::to_string(record_every) +
                         ") is more than the limit of " + std::to_string(kMaxRecordedValues) +
                         " values; record less often (record_every) or run in parts");
    Traces out;
    out.names.reserve(R.probes.size());
    for (const auto& p : R.probes)
        out.names.push_back(p.name);
    const std::size_t rows = n_steps / record_every + 1;
    out.t_ms.reserve(rows);
    out.columns.assign(R.probes.size(), {});
    for (auto& c : out.columns)
        c.reserve(rows);
    out.spike_times_ms.assign(R.P, {});
    auto record = [&] {
        out.t_ms.push_back(t_);
        for (std::size_t k = 0; k < R.probes.size(); ++k)
            out.columns[k].push_back(*R.probes[k].source);
    };
    record();
    const std::size_t det = static_cast<std::size_t>(R.detector_node) * R.P;
    for (std::uint64_t s = 0; s < n_steps; ++s) {
        const double t0 = t_;
        const auto spikes = update();
        for (std::size_t m = 0; m < R.P; ++m)
            if (spikes[m]) {
                const double v0 = R.V_prev(det + m), v1 = R.V[det + m];
                out.spike_times_ms[m].push_back(t0 + dt_ * (options_.V_th - v0) / (v1 - v0));
            }
        if ((s + 1) % static_cast<std::uint64_t>(record_every) == 0)
            record();
        if (progress && (s + 1) % 4096 == 0)
            progress(s + 1, n_steps);
    }
    if (progress)
        progress(n_steps, n_steps);
    return out;
}

}  // namespace rtcell
