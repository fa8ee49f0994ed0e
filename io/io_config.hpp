#pragma once
// What the IO thread opens: the PUB socket for outputs, the REP socket for control, and one
// socket per input binding (configuration section `io`, see README "ZeroMQ").
#include <cstdint>
#include <string>
#include <vector>

#include "io/curve_security.hpp"

namespace rtcell::io {

struct InputBinding {
    std::string name;
    // samples: the living cell's membrane potential for a dynamic clamp (each value record one
    // sample [mV], its step field the rig's sample index).
    enum class Kind { events, values, samples } kind = Kind::events;
    std::string target;  // events: a synapse name; values: "mechanism.param" or "weight:synapse"
    enum class Socket { sub, pull } socket = Socket::pull;
    std::string endpoint;              // tcp://…, ipc://…, inproc://…
    bool bind = true;                  // bind, or connect to a sender that binds
    std::string topic;                 // SUB only
    double weight = 1.0;               // multiplies every event weight or value
    double scale = 1.0, offset = 0.0;  // transform: x → clip(scale·x + offset)
    double clip_lo = -1e300, clip_hi = 1e300;
    std::vector<int> members;  // transform: incoming member i → members[i] (empty: identity)
};

// The configuration's (and the metadata's) name of a binding's kind.
inline const char* kind_name(InputBinding::Kind k) {
    switch (k) {
        case InputBinding::Kind::events:
            return "events";
        case InputBinding::Kind::values:
            return "values";
        case InputBinding::Kind::samples:
            return "samples";
    }
    return "?";
}

struct IoConfig {
    bool enabled = false;
    std::string publish;            // PUB endpoint ("" : no outputs)
    std::string control;            // REP endpoint ("" : no control socket)
    std::uint32_t frame_every = 0;  // probe frames every this many steps (0: none)
    std::uint32_t rows_per_message = 10;
    double telemetry_interval_s = 1.0;
    double metadata_interval_s = 5.0;
    bool busy_poll = false;  // never sleep: lowest latency, costs a whole CPU (use with ≥ 4 cores)
    // How the IO thread waits between passes: poll (sleep briefly after activity, block in
    // zmq::poll up to 1 ms when idle) or schedule (wake twice per loop period, a quarter period
    // after each deadline and a quarter before the next: outputs leave within a quarter period
    // of their tick, inputs reach the next tick; costs CPU in proportion to the rate).
    enum class Wake { poll, schedule } wake = Wake::poll;
    int priority = 0;      // SCHED_FIFO priority of rtcell-io (0: the normal scheduler)
    int cpu = -1;          // pin rtcell-io to this CPU (−1: no pinning)
    int send_hwm = 10000;  // ZeroMQ high-water marks (messages)
    int receive_hwm = 10000;
    std::vector<InputBinding> inputs;
    CurveConfig curve;  // CURVE security of the control socket (io/curve_security.hpp)
};

}  // namespace rtcell::io
