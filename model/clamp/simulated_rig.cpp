#include "model/clamp/simulated_rig.hpp"

#include "model/util/input_error.hpp"

namespace rtcell {

SimulatedRig::SimulatedRig(Cell cell, const Location& recorded, double dt_ms, RigSettings settings)
    : cell_(std::move(cell)),
      recorded_(recorded),
      settings_(settings),
      noise_(settings.noise_seed, 0),
      pending_(settings.latency_steps + 1, 0.0) {
    if (!(settings_.noise_mV >= 0))
        throw InputError("simulated rig: the noise must not be negative");
    cell_.place(ls::location(recorded.branch, recorded.x),
                Point{"IClamp", "rig_electrode", {{"delay", 0.0}, {"dur", 1e18}, {"amp", 0.0}}});
    cell_.set_dt(dt_ms);
    cell_.init_state();
    electrode_ = cell_.parameter("rig_electrode", "amp");
}

double SimulatedRig::true_voltage() const {
    return cell_.voltage(recorded_);
}

double SimulatedRig::sample() {
    const double v = true_voltage();
    return settings_.noise_mV > 0 ? v + settings_.noise_mV * noise_.normal() : v;
}

// The ring holds latency + 1 commands; the one written now is read latency steps later.
void SimulatedRig::inject(double i_nA) {
    pending_[(head_ + settings_.latency_steps) % pending_.size()] = i_nA;
}

void SimulatedRig::step() {
    applied_nA_ = pending_[head_];
    pending_[head_] = 0.0;
    head_ = (head_ + 1) % pending_.size();
    for (double& a : electrode_)
        a = applied_nA_;
    cell_.update();
}

}  // namespace rtcell
