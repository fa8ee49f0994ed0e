#pragma once
// The event times of the spike-train input sources (cell_description.hpp), drawn once at
// init_state: regular NetStim trains shared by every member, and the random ones (NetStim with
// noise, Poisson, inhomogeneous Poisson) one per member, each from its own stream of the
// source's seed, so that members and sources are independent and a seed reproduces a run.
#include <cstdint>
#include <vector>

#include "model/cell/cell_description.hpp"

namespace rtcell {

// Whether a source draws a train per member (true) or one train for all.
bool draws_per_member(const InputSource& source);

// The sorted event times [ms] of member `member` of the source at position `source_index`
// among a cell's input bindings; `what` names the binding in errors (InputError: noise outside
// [0, 1], a negative rate, a rate profile not in time order, more events than
// kMaxTrainEvents / members expected).
std::vector<double> train_times(const InputSource& source, std::size_t source_index,
                                std::size_t member, std::size_t members, const std::string& what);

}  // namespace rtcell
