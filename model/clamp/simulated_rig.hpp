#pragma once
// A simulated rig: a model cell playing the living cell of a dynamic-clamp experiment, for
// tests and demos. Each period it gives the membrane potential an amplifier would sample, with
// optional Gaussian measurement noise, and takes the command current, which reaches the cell
// through an electrode (an IClamp it places at the recorded location) after an optional
// latency of whole periods — the delay of a DAQ's output stage.
//   sample() → V [mV] + noise;  inject(I [nA]);  step() advances the cell by one period.
// Pure computation: a bridge process (tools/clamp/) or a test moves the numbers.
#include <cstdint>
#include <vector>

#include "model/cell/cell.hpp"
#include "model/util/random_stream.hpp"

namespace rtcell {

struct RigSettings {
    double noise_mV = 0;  // standard deviation of the measurement noise [mV]
    std::uint64_t noise_seed = 1;
    std::uint32_t latency_steps = 0;  // periods between a command and its effect
};

class SimulatedRig {
  public:
    // `cell` (declaring) is the living cell; its voltage is sampled at `recorded`, where the
    // electrode is placed. The cell is initialized here, with dt_ms.
    SimulatedRig(Cell cell, const Location& recorded, double dt_ms, RigSettings settings = {});

    double sample();              // the sampled voltage of this period [mV]
    void inject(double i_nA);     // the command for this period
    void step();                  // one period
    double true_voltage() const;  // without noise [mV]
    double applied_current() const { return applied_nA_; }  // in the last step [nA]
    Cell& cell() { return cell_; }

  private:
    Cell cell_;
    Location recorded_;
    RigSettings settings_;
    RandomStream noise_;
    std::vector<double> pending_;  // commands not yet applied, oldest first (ring)
    std::size_t head_ = 0;
    std::span<double> electrode_;  // the IClamp's amp [nA]
    double applied_nA_ = 0;
};

}  // namespace rtcell
