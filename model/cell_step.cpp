// Cell: the step path. Nothing here allocates, locks, throws or logs; every array was sized
// by init_state().
#include <algorithm>
#include <cmath>

#include "cell.hpp"
#include "cell_runtime.hpp"
#include "input_error.hpp"

namespace rtcell {

void Cell::set_dt(double dt_ms) {
    if (!(dt_ms > 0) || !std::isfinite(dt_ms)) throw InputError("dt must be positive");
    dt_ = dt_ms;
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
        } else if (std::holds_alternative<SpikeTrain>(src)) {
            double count = 0;
            while (b.cursor < b.times.size() && b.times[b.cursor] <= t_due + 1e-9 * dt_) {
                ++count;
                ++b.cursor;
            }
            std::fill(b.value.begin(), b.value.end(), count);
        } else {
            const Cell* other = std::get<CellSpikes>(src).cell;
            const auto spikes = other->rt_ ? std::span<const std::uint8_t>(other->rt_->cell_spike)
                                           : std::span<const std::uint8_t>();
            for (std::size_t m = 0; m < b.value.size(); ++m) b.value[m] = m < spikes.size() ? spikes[m] : 0.0;
        }
        if (b.binding->transform) {
            b.binding->transform(b.value, b.mapped);
        } else {
            std::copy_n(b.value.begin(), std::min(b.value.size(), b.mapped.size()), b.mapped.begin());
        }
        PointRuntime& syn = *b.synapse;
        for (std::size_t m = 0; m < P; ++m) {
            const double x = b.mapped[m];
            if (x == 0.0) continue;
            for (std::size_t inst = 0; inst < syn.instances(); ++inst) syn.receive(inst * P + m, b.weight[m] * x);
        }
    }
}

void Cell::pre_integral() {
    Runtime& R = *rt_;
    const std::size_t P = R.P;
    apply_inputs();
    std::fill(R.rhs.begin(), R.rhs.end(), 0.0);
    std::fill(R.diag.begin(), R.diag.end(), 0.0);
    for (auto& set : R.density) {
        const std::size_t n = set.cv.size();
        for (std::size_t inst = 0; inst < n; ++inst) {
            const double* v = &R.V[static_cast<std::size_t>(set.node[inst]) * P];
            std::copy_n(v, P, &set.v[inst * P]);
        }
        set.mech->current(set.v.data(), set.i.data(), set.g.data());
        for (std::size_t inst = 0; inst < n; ++inst) {
            const std::size_t base = static_cast<std::size_t>(set.node[inst]) * P;
            const double af = set.area_factor[inst];
            for (std::size_t m = 0; m < P; ++m) {
                R.rhs[base + m] -= set.i[inst * P + m] * af;
                R.diag[base + m] += set.g[inst * P + m] * af;
            }
        }
    }
    const double t_mid = t_ + 0.5 * dt_;
    for (auto& p : R.points) p->contribute(t_mid, R.V.data(), R.rhs.data(), R.diag.data());
}

// Backward Euler on the tree (Hines): (C/dt + G) Δ + Σ g_ax (Δ_i − Δ_j) = I − Σ g_ax (V_i − V_j),
// then V += Δ. Crank–Nicolson solves the same system over dt/2 and sets V += 2Δ.
void Cell::compute_derivative() {
    Runtime& R = *rt_;
    const std::size_t P = R.P, N = R.n_nodes;
    const bool cn = options_.solver == "crank_nicolson";
    const double cfac = (cn ? 2.0 : 1.0) / dt_;
    double* __restrict d = R.d.data();
    double* __restrict b = R.b.data();
    const double* __restrict V = R.V.data();
    const double* __restrict cap = R.cap.data();
    const double* __restrict diag = R.diag.data();
    const double* __restrict rhs = R.rhs.data();
    const double* __restrict g = R.g_axial.data();
    const int* __restrict parent = R.parent.data();
    std::copy(R.V.begin(), R.V.end(), R.V_prev.begin());
    for (std::size_t i = 0; i < N * P; ++i) {
        d[i] = cap[i] * cfac + diag[i];
        b[i] = rhs[i];
    }
    for (std::size_t n = 1; n < N; ++n) {
        const std::size_t p = static_cast<std::size_t>(parent[n]) * P, c = n * P;
        for (std::size_t m = 0; m < P; ++m) {
            const double gm = g[c + m];
            const double flow = gm * (V[c + m] - V[p + m]);
            b[c + m] -= flow;
            b[p + m] += flow;
            d[c + m] += gm;
            d[p + m] += gm;
        }
    }
    // Eliminate leaves towards the root; the off-diagonal entries are −g_ax.
    for (std::size_t n = N - 1; n >= 1; --n) {
        const std::size_t p = static_cast<std::size_t>(parent[n]) * P, c = n * P;
        for (std::size_t m = 0; m < P; ++m) {
            const double f = g[c + m] / d[c + m];
            d[p + m] -= f * g[c + m];
            b[p + m] += f * b[c + m];
        }
    }
    for (std::size_t m = 0; m < P; ++m) b[m] /= d[m];
    for (std::size_t n = 1; n < N; ++n) {
        const std::size_t p = static_cast<std::size_t>(parent[n]) * P, c = n * P;
        for (std::size_t m = 0; m < P; ++m) b[c + m] = (b[c + m] + g[c + m] * b[p + m]) / d[c + m];
    }
    const double vfac = cn ? 2.0 : 1.0;
    double* __restrict Vw = R.V.data();
    for (std::size_t i = 0; i < N * P; ++i) Vw[i] += vfac * b[i];
}

void Cell::post_integral() {
    Runtime& R = *rt_;
    const std::size_t P = R.P;
    for (auto& set : R.density) {
        if (set.mech->spec().states.empty()) continue;
        for (std::size_t inst = 0; inst < set.cv.size(); ++inst)
            std::copy_n(&R.V[static_cast<std::size_t>(set.node[inst]) * P], P, &set.v[inst * P]);
        set.mech->advance(set.v.data(), dt_);
    }
    for (auto& p : R.points) p->advance(dt_);
}

void Cell::detect_spikes() {
    Runtime& R = *rt_;
    const std::size_t P = R.P;
    const double th = options_.V_th;
    for (std::size_t cv = 0; cv < R.n_cvs; ++cv) {
        const std::size_t base = static_cast<std::size_t>(R.cv_node[cv]) * P;
        for (std::size_t m = 0; m < P; ++m)
            R.cv_spike[cv * P + m] = R.V_prev[base + m] < th && R.V[base + m] >= th;
    }
    const std::size_t det = static_cast<std::size_t>(R.detector_node) * P;
    for (std::size_t m = 0; m < P; ++m) R.cell_spike[m] = R.V_prev[det + m] < th && R.V[det + m] >= th;
}

std::span<const std::uint8_t> Cell::update() {
    if (phase_ != Phase::initialized) init_state();  // only allocates on the first call
    if (options_.solver_function) {
        options_.solver_function(*this);
    } else {
        pre_integral();
        compute_derivative();
        post_integral();
    }
    detect_spikes();
    ++step_;
    t_ = static_cast<double>(step_) * dt_;
    return rt_->cell_spike;
}

Traces Cell::run(double dt_ms, double duration_ms, int record_every) {
    set_dt(dt_ms);
    if (record_every < 1) throw InputError("run(): record_every must be at least 1");
    if (!(duration_ms >= 0)) throw InputError("run(): duration must not be negative");
    if (phase_ != Phase::initialized) init_state();
    Runtime& R = *rt_;
    const auto n_steps = static_cast<std::uint64_t>(std::llround(duration_ms / dt_ms));
    Traces out;
    out.names.reserve(R.probes.size());
    for (const auto& p : R.probes) out.names.push_back(p.name);
    const std::size_t rows = n_steps / record_every + 1;
    out.t_ms.reserve(rows);
    out.columns.assign(R.probes.size(), {});
    for (auto& c : out.columns) c.reserve(rows);
    out.spike_times_ms.assign(R.P, {});
    auto record = [&] {
        out.t_ms.push_back(t_);
        for (std::size_t k = 0; k < R.probes.size(); ++k) out.columns[k].push_back(*R.probes[k].source);
    };
    record();
    const std::size_t det = static_cast<std::size_t>(R.detector_node) * R.P;
    for (std::uint64_t s = 0; s < n_steps; ++s) {
        const double t0 = t_;
        const auto spikes = update();
        for (std::size_t m = 0; m < R.P; ++m)
            if (spikes[m]) {
                const double v0 = R.V_prev[det + m], v1 = R.V[det + m];
                out.spike_times_ms[m].push_back(t0 + dt_ * (options_.V_th - v0) / (v1 - v0));
            }
        if ((s + 1) % static_cast<std::uint64_t>(record_every) == 0) record();
    }
    return out;
}

}  // namespace rtcell
