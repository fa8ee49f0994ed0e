#pragma once
// The task that does nothing: CyclicLoop<IdleTask> is the platform's floor — the wake-up
// latency and tick time of the very loop that steps a model, with no model in it.
#include <cstdint>

#include "rt/cyclic_loop.hpp"

namespace rtcell::rt {

struct IdleTask {
    TickResult tick(std::uint64_t, TimingSnapshot&) noexcept { return {}; }
};

}  // namespace rtcell::rt
