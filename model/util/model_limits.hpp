#pragma once
// Upper bounds on a model's size, so that a mistyped configuration ("fixed: 2000000000", a
// population of 65536⁴) gets a clear error instead of exhausting memory or wrapping to zero.
// Each is far beyond what steps in real time or fits a workstation's memory (a CV of a member
// holds a few hundred bytes of state).
#include <cstddef>

namespace rtcell {

constexpr std::size_t kMaxCvsPerBranch = 1'000'000;
constexpr std::size_t kMaxCvs = 10'000'000;        // in one cell (one member)
constexpr std::size_t kMaxMembers = 10'000'000;    // a population's product of pop_size
constexpr std::size_t kMaxCvMembers = 50'000'000;  // CVs × members

// The time step [ms]: below 1 ps nothing physiological changes, and the step count of a run
// soon leaves the exact range of a double; above 1 s the schemes mean nothing.
constexpr double kMinDt_ms = 1e-6;
constexpr double kMaxDt_ms = 1000;
// The messages that quote these say "[1e-6, 1000] ms".
static_assert(kMinDt_ms == 1e-6 && kMaxDt_ms == 1000);
constexpr double kMaxSteps = 1e12;                  // in one run
constexpr double kMaxRecordedValues = 500'000'000;  // samples × (probes + 1) kept by Cell::run
// Events drawn in advance for the random spike trains of one cell (all members and sources).
constexpr double kMaxTrainEvents = 100'000'000;

// A membrane voltage beyond ±10 V is a numerical failure, not physiology: the health check
// (Cell::faulted) reports it as it reports NaN and infinity.
constexpr double kMaxVoltage_mV = 1e4;

}  // namespace rtcell
