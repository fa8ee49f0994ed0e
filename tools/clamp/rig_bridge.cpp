#include "tools/clamp/rig_bridge.hpp"

#include <chrono>
#include <thread>

namespace rtcell::tools {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kSilentPeriods = 10;  // paced: periods without a new command → zero

bool stopped(const rt::ClampExchange& x) {
    return x.state.load(std::memory_order_relaxed) ==
           static_cast<std::uint32_t>(rt::ClampState::stopped);
}

// Lockstep: the command computed from sample `index`, or a zero one after the time-out.
bool wait_for_command(const rt::ClampExchange& x, std::uint64_t index, double timeout_s,
                      rt::ClampCommand& c) {
    const auto until = Clock::now() + std::chrono::duration<double>(timeout_s);
    std::uint32_t spins = 0;
    while (Clock::now() < until) {
        if (rt::read_command(x, c) && c.sample_index == index)
            return true;
        if (stopped(x))
            break;
        if (++spins % 1024 == 0)
            std::this_thread::yield();  // a loaded test machine: let the kernel run
    }
    c = {};
    return false;
}

}  // namespace

RigBridgeResult run_rig_bridge(rt::ClampExchange& x, SimulatedRig& rig,
                               const RigBridgeOptions& options, const std::function<bool()>& stop) {
    RigBridgeResult r;
    r.trace.reserve(options.samples);
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(options.dt_ms));
    auto next = Clock::now() + period;
    std::uint64_t last_seq = 0, silent = 0;
    for (std::uint64_t k = 1; k <= options.samples; ++k) {
        if ((stop && stop()) || stopped(x)) {
            r.kernel_stopped = stopped(x);
            break;
        }
        rt::write_sample(x, {k, rig.sample()});
        rt::ClampCommand c;
        if (options.paced) {
            std::this_thread::sleep_until(next);
            next += period;
            if (!rt::read_command(x, c))
                c = {};
            if (c.sample_index != k)
                ++r.late_commands;
            // A kernel that stopped writing (crashed, or stopped) gets no say: zero.
            const std::uint64_t seq = x.command_seq.load(std::memory_order_relaxed);
            silent = seq == last_seq ? silent + 1 : 0;
            last_seq = seq;
            if (silent >= kSilentPeriods) {
                c = {};
                ++r.silent_periods;
            }
        } else if (!wait_for_command(x, k, options.timeout_s, c)) {
            ++r.timeouts;
        }
        rig.inject(c.i_nA);
        rig.step();
        r.trace.push_back({rig.cell().time(), rig.true_voltage(), rig.applied_current(), c.flags});
    }
    return r;
}

}  // namespace rtcell::tools
