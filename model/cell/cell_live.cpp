// Cell: the step of a live membrane (LiveMembraneOptions in cell.hpp), whose voltage is
// imposed instead of solved for. Like the rest of the step path it allocates, locks, throws
// and logs nothing.
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/cell/cell.hpp"
#include "model/cell/cell_runtime.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {

namespace {

// Σ over the nodes of one member's entries of a node × member array.
double node_sum(const std::vector<double>& a, std::size_t n_nodes, std::size_t P, std::size_t m) {
    double sum = 0.0;
    for (std::size_t n = 0; n < n_nodes; ++n)
        sum += a[n * P + m];
    return sum;
}

}  // namespace

bool Cell::impose_voltage(std::span<const double> v_mV) noexcept {
    if (phase_ != Phase::initialized || !options_.live)
        return false;
    const std::size_t n = std::min(v_mV.size(), rt_->live.imposed_V.size());
    std::copy_n(v_mV.begin(), n, rt_->live.imposed_V.begin());
    return true;
}

std::span<const double> Cell::membrane_current() const {
    require(Phase::initialized, "membrane_current()");
    return rt_->live.current;
}

std::span<const double> Cell::membrane_current_by_part() const {
    require(Phase::initialized, "membrane_current_by_part()");
    return rt_->live.parts;
}

std::vector<std::string> Cell::membrane_current_parts() const {
    require(Phase::initialized, "membrane_current_parts()");
    std::vector<std::string> names;
    for (const auto& set : rt_->density)
        names.push_back(set.mech->spec().name);
    for (const auto& p : rt_->points)
        names.push_back(p->name());
    return names;
}

void Cell::live_step() {
    Runtime& R = *rt_;
    Runtime::LiveState& L = R.live;
    const std::size_t P = R.P, N = R.n_nodes;
    // V := the sample; b keeps the change, so that V_prev() reads as after a solve.
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t m = 0; m < P; ++m) {
            const std::size_t i = n * P + m;
            R.solver.b[i] = L.imposed_V[m] - R.V[i];
            R.V[i] = L.imposed_V[m];
        }
    R.dv_factor = 1.0;
    if (step_ == 0) {  // the first sample since init or reset: states at their steady state
        std::fill(R.solver.b.begin(), R.solver.b.end(), 0.0);
        start_states();
        std::fill(L.last_spike_ms.begin(), L.last_spike_ms.end(),
                  -std::numeric_limits<double>::infinity());
    } else {
        post_integral();  // the step that just ended, at the V it ended with
    }
    // Threshold crossings at the detector, with the refractory period.
    const std::size_t det = static_cast<std::size_t>(R.detector_node) * P;
    for (std::size_t m = 0; m < P; ++m) {
        const bool crossed = R.V_prev(det + m) < options_.V_th && R.V[det + m] >= options_.V_th &&
                             t_ - L.last_spike_ms[m] >= options_.live->refractory_ms;
        R.cell_spike[m] = crossed;
        if (crossed)
            L.last_spike_ms[m] = t_;
    }
    // Every membrane current at V, part by part: what each drives into the cell [nA].
    apply_inputs();
    std::fill(L.current.begin(), L.current.end(), 0.0);
    const double t_mid = t_ + 0.5 * dt_;
    std::size_t part = 0;
    auto add_part = [&] {
        for (std::size_t m = 0; m < P; ++m) {
            const double into = node_sum(L.scratch_b, N, P, m);
            L.parts[part * P + m] = into;
            L.current[m] += into;
        }
        ++part;
    };
    for (const auto& set : R.density) {
        std::fill(L.scratch_b.begin(), L.scratch_b.end(), 0.0);
        set.mech->accumulate(R.V.data(), L.scratch_b.data(), L.scratch_d.data());
        add_part();
    }
    for (auto& p : R.points) {
        std::fill(L.scratch_b.begin(), L.scratch_b.end(), 0.0);
        p->contribute(t_mid, R.V.data(), L.scratch_b.data(), L.scratch_d.data());
        add_part();
    }
    // A sample or current out of the physical range is a numerical fault, as on a model cell.
    if (fault_step_ == 0)
        for (std::size_t m = 0; m < P; ++m)
            if (!(std::fabs(R.V[det + m]) <= kMaxVoltage_mV) || !std::isfinite(L.current[m])) {
                fault_step_ = step_ + 1;
                fault_member_ = m;
                break;
            }
    update_current_probes();
    ++step_;
    t_ = static_cast<double>(step_) * dt_;
}

}  // namespace rtcell
