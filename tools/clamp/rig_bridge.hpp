#pragma once
// The rig's side of the shared-memory dynamic clamp (rt/clamp/clamp_exchange.hpp), driving a
// simulated rig (model/clamp/simulated_rig.hpp): the reference C++ bridge. A bridge for a real
// DAQ does the same with the amplifier's input and output in place of sample() and inject().
//
// Each period: write the sample (index k), get the command, inject it, step.
//   lockstep: wait (spinning, up to timeout) for the command computed from sample k — with
//             rtcell's wait_for_sample, kernel and rig then go step for step, however loaded
//             the machine, and the trace equals the same loop run in one process;
//   paced:    the rig keeps its own clock (one period per dt, as a DAQ does): the command read
//             at the end of the period is the newest there is; one computed from an older
//             sample is counted late (and still applied: a DAQ holds its last output); after
//             10 periods without any new command the rig injects zero (a dead kernel).
#include <cstdint>
#include <functional>
#include <vector>

#include "model/clamp/simulated_rig.hpp"
#include "rt/clamp/clamp_exchange.hpp"

namespace rtcell::tools {

struct RigBridgeOptions {
    std::uint64_t samples = 0;  // periods to run
    double dt_ms = 0.025;       // the rig's period (paced)
    bool paced = false;
    double timeout_s = 10;  // lockstep: longest wait for one command
};

struct RigStep {
    double t_ms, v_mV, i_nA;  // time, true voltage after the step, current applied in it
    std::uint32_t flags;      // the command's clamp_flag bits
};

struct RigBridgeResult {
    std::vector<RigStep> trace;
    std::uint64_t timeouts = 0;        // lockstep: no command in time (zero injected)
    std::uint64_t late_commands = 0;   // paced: the command was from an older sample
    std::uint64_t silent_periods = 0;  // paced: zero injected, the kernel wrote nothing for 10
    bool kernel_stopped = false;       // the kernel said it stopped
};

// Runs until options.samples periods are done, the kernel stops, or `stop` (when given)
// returns true.
RigBridgeResult run_rig_bridge(rt::ClampExchange& x, SimulatedRig& rig,
                               const RigBridgeOptions& options,
                               const std::function<bool()>& stop = {});

}  // namespace rtcell::tools
