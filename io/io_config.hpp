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
    // How the IO thread waits between passes: poll (short waits after activity, up to 1 ms in
    // zmq::poll when idle) or schedule (io/loop_pacer.hpp: block on the sockets until the loop's
    // next deadline, then spin until that tick is done: its outputs leave at once; a wake-up per
    // period). A message ends the wait at once in both.
    enum class Wake { poll, schedule } wake = Wake::poll;
    // SCHED_FIFO priority (0: the normal scheduler) and CPU (−1: no pinning) of rtcell-io and of
    // ZeroMQ's I/O thread, which moves the bytes of every socket.
    int priority = 0;
    int cpu = -1;
    int send_hwm = 10000;  // ZeroMQ high-water marks (messages)
    int receive_hwm = 10000;
    std::vector<InputBinding> inputs;
    CurveConfig curve;  // CURVE security of the control socket (io/curve_security.hpp)
};

}  // namespace rtcell::io
