#pragma once
// One message of a kernel's PUB stream (io/PROTOCOL.md "Outputs"), decoded for a client: spikes,
// a voltage frame, or a JSON body (telemetry, metadata, end). Decoding checks every size against
// the counts it declares and never throws: anything else is `malformed`, with the reason.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/wire_format.hpp"

namespace rtcell::tools {

struct StreamSpike {
    std::uint64_t step;
    double t_ms;  // model time at the end of the step [ms]
    std::int32_t member, group;
};

struct StreamFrame {
    std::uint64_t first_step;
    double t0_ms, row_dt_ms;  // time of the first row and between rows [ms]
    std::uint32_t rows = 0, columns = 0;
    std::vector<double> values;  // rows × columns, row-major, in each probe's unit (mV)
};

struct StreamMessage {
    enum class Kind { spikes, voltage, json, malformed } kind = Kind::malformed;
    io::MessageType type{};     // as the header says
    std::uint64_t sequence = 0; // per topic
    std::vector<StreamSpike> spikes;
    StreamFrame frame;
    std::string json;   // telemetry, metadata or end: the UTF-8 JSON body
    std::string error;  // why it is malformed
};

StreamMessage decode_stream_message(std::span<const std::uint8_t> payload);

}  // namespace rtcell::tools
