#pragma once
// When an event given by its time is delivered: NEURON's rule, which Cell applies to its
// spike trains (cell_step.cpp, apply_inputs) and the IO thread to events that name a time
// instead of a step. An event at t [ms] is delivered in the first step whose midpoint is at
// or after it, t ≤ t_k + dt/2 (with a tolerance of 1e-9·dt for rounding), where t_k = k·dt is
// the step's start: that is update number k + 1 (updates count from 1).
#include <cmath>
#include <cstdint>

namespace rtcell {

inline constexpr double kEventTolerance = 1e-9;  // of dt

inline std::uint64_t delivery_step(double t_ms, double dt_ms) {
    const double k = std::ceil(t_ms / dt_ms - 0.5 - kEventTolerance);
    return static_cast<std::uint64_t>(k > 0 ? k : 0) + 1;
}

}  // namespace rtcell
