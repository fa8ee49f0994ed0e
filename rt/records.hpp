#pragma once
// The fixed-size records that cross the real-time thread's queues.
#include <cstdint>

#include "rt/latency_histogram.hpp"

namespace rtcell::rt {

// Control, applied at a step boundary: at the start of loop tick `step` (ticks count periods
// from 1, paused ones included) if that is in the future, otherwise at the next tick.
struct ControlMessage {
    enum class Kind : std::uint8_t {
        pause,
        resume,
        stop,
        reset_state,
        set_parameter,
        set_weight
    } kind;
    std::uint64_t step = 0;    // loop tick; 0: the next
    std::int32_t target = -1;  // parameter or binding handle (DeadlineLoop::parameter_handle)
    std::int32_t member = -1;  // −1: every member
    double value = 0;
};

// The name of a control message's kind ("set_parameter", ...), as recordings and the
// control socket's "pending" list give it.
inline const char* control_kind_name(ControlMessage::Kind kind) {
    using K = ControlMessage::Kind;
    switch (kind) {
        case K::pause:
            return "pause";
        case K::resume:
            return "resume";
        case K::stop:
            return "stop";
        case K::reset_state:
            return "reset_state";
        case K::set_parameter:
            return "set_parameter";
        case K::set_weight:
            return "set_weight";
    }
    return "unknown";
}

// External drive for one synapse (an event of `weight` µS), applied at the start of model step
// `step` (the cell's update count, from 1; 0: the next step; a step already past applies at
// once and counts as late).
struct InputEvent {
    std::int32_t synapse = -1;  // DeadlineLoop::synapse_handle
    std::int32_t member = 0;    // −1: every member
    double weight = 0;          // µS
    std::uint64_t step = 0;
    std::int32_t instance = -1;  // index in the synapse's locset; −1: every instance
    // ≥ 0: not an event but a parameter value named for a model step (a values message with a
    // step): the parameter handle set to `weight` for `member` at `step`.
    std::int32_t parameter = -1;
};

// Probe values of one recorded step, a slice of at most kValues probes starting at `first`.
struct FrameRecord {
    static constexpr int kValues = 60;
    std::uint64_t step;
    double t_ms;
    std::uint32_t first, count;
    double values[kValues];
};

// A cell-level spike, in the step that produced it.
struct SpikeRecord {
    std::uint64_t step;
    double t_ms;
    std::int32_t member;
};

// An input event or control message as the real-time thread applied it, for a recording:
// `step` is the model step it acts on (inputs: the step they enter; controls: the next step
// after it), `tick` the loop tick.
struct AppliedRecord {
    enum class Kind : std::uint8_t { input, control } kind;
    ControlMessage::Kind control = ControlMessage::Kind::pause;
    std::uint64_t step = 0, tick = 0;
    std::int32_t target = -1;  // synapse or parameter handle
    std::int32_t member = -1, instance = -1;
    double value = 0;  // the event's weight [µS] or the parameter's new value
};

// Timing figures handed to the reporting thread. The histograms cover everything since
// warm-up; counters are totals.
struct TimingSnapshot {
    std::uint64_t steps = 0;           // steps taken
    std::uint64_t measured_steps = 0;  // after warm-up
    std::uint64_t overruns = 0;        // steps that did not finish before the next deadline
    std::uint64_t late_starts = 0;     // steps that started after their next deadline had passed
    std::uint64_t skipped = 0;         // deadlines skipped (policy skip)
    std::uint64_t late_inputs = 0;     // inputs that arrived after their named step
    std::uint64_t last_overrun_step = 0;
    double last_overrun_ms = 0;  // how late it finished
    // The most recent overruns, oldest overwritten first: loop tick, when it ended (s since the
    // first deadline) and how far past its deadline [ms].
    struct Overrun {
        std::uint64_t tick = 0;
        double at_s = 0, late_ms = 0;
    };
    static constexpr int kRecentOverruns = 16;
    Overrun recent_overruns[kRecentOverruns]{};
    double elapsed_s = 0;  // wall time since the first deadline
    bool paused = false, stopped = false;
    // The model step at which the model's numbers stopped being finite (0: never), and
    // whether the model is held because of it (fault policy hold).
    std::uint64_t fault_step = 0;
    bool held = false;
    LatencyHistogram wake;     // wake-up latency: start − deadline [ns]
    LatencyHistogram compute;  // step duration: end − start [ns]
    LatencyHistogram total;    // end − deadline [ns]
};

}  // namespace rtcell::rt
