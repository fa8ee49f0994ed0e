#pragma once
// rtcell's wire format, version 1 (documented in io/PROTOCOL.md). Little-endian binary
// payloads with a 16-byte header; JSON bodies for telemetry, metadata and control.
// Decoding validates every field and never throws: a bad message gets a DropReason.
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace rtcell::io {

constexpr std::uint32_t kMagic = 0x4C435452;  // "RTCL" read as a little-endian u32
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kHeaderSize = 16;
constexpr std::size_t kMaxInputPayload = 1 << 20;  // larger input messages are dropped
// Events further ahead than this many steps are dropped (at 40 kHz about 7 years): a step this
// far off is a client's mistake, and a time in ms beyond it would overflow the step count.
constexpr std::uint64_t kInputHorizonSteps = std::uint64_t{1} << 43;

enum class MessageType : std::uint8_t {
    events = 1,      // in: synaptic events
    values = 2,      // in: continuous values (latest wins)
    spikes = 16,     // out
    voltage = 17,    // out: probe frames
    telemetry = 18,  // out: JSON
    metadata = 19,   // out: JSON
    end = 20,        // out: JSON, the last message of a run (topic "end")
};

enum class DropReason : std::uint8_t {
    too_short,  // shorter than its header or its declared count
    oversized,  // larger than kMaxInputPayload
    bad_magic,
    bad_version,
    wrong_type,      // not the type this binding takes
    trailing_bytes,  // longer than its declared count
    bad_member,      // member index outside the population
    bad_instance,    // synapse instance outside the locset
    not_finite,      // NaN or infinite weight, value or time
    bad_frames,      // wrong number of ZeroMQ frames, or an unexpected topic
    beyond_horizon,  // an event's step or time beyond kInputHorizonSteps
    out_of_range,    // a value outside its parameter's physical range (a negative conductance)
    pending_full,    // an event for a later step when kMaxPendingMessages already wait
    count_           // number of reasons
};
const char* drop_reason_name(DropReason r);
using DropCounters = std::array<std::uint64_t, static_cast<std::size_t>(DropReason::count_)>;

struct Header {
    MessageType type;
    std::uint64_t sequence;
};

// One event as it travels: member, synapse instance (index within the synapse's locset; −1
// for every instance), weight [µS], and when it applies: a model step, or a time [ms] when
// step is 0 (both 0: the next step).
struct WireEvent {
    std::int32_t member;
    std::int32_t instance;
    double weight;
    std::uint64_t step;
    double t_ms;
};
struct WireValue {
    std::int32_t member;  // −1: every member
    double value;
    std::uint64_t step;
};
constexpr std::size_t kEventSize = 32, kValueSize = 24;

// ---- encoding (used by rtcell send, the tests and the output side) ----
void put_header(std::vector<std::uint8_t>& out, MessageType type, std::uint64_t sequence);
std::vector<std::uint8_t> encode_events(std::span<const WireEvent> events, std::uint64_t sequence);
std::vector<std::uint8_t> encode_values(std::span<const WireValue> values, std::uint64_t sequence);

// ---- decoding ----
// Reads the header and checks magic and version. Returns false with `reason` set.
bool decode_header(std::span<const std::uint8_t> payload, Header& header, DropReason& reason);
// Decodes an events or values message; the callback sees each record. Structure errors drop the
// whole message (false, reason); the callback may reject single records itself.
template <class F>
bool decode_events(std::span<const std::uint8_t> payload, DropReason& reason, F&& on_event);
template <class F>
bool decode_values(std::span<const std::uint8_t> payload, DropReason& reason, F&& on_value);

// ---- little-endian helpers ----
template <class T>
inline T read_le(const std::uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof v);  // the x86-64 and AArch64 targets are little-endian
    return v;
}
template <class T>
inline void write_le(std::vector<std::uint8_t>& out, T v) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
    out.insert(out.end(), p, p + sizeof v);
}

namespace detail {
template <class F>
bool decode_records(std::span<const std::uint8_t> payload, MessageType expected,
                    std::size_t record_size, DropReason& reason, F&& each) {
    Header h;
    if (!decode_header(payload, h, reason))
        return false;
    if (h.type != expected) {
        reason = DropReason::wrong_type;
        return false;
    }
    if (payload.size() < kHeaderSize + 4) {
        reason = DropReason::too_short;
        return false;
    }
    const std::uint32_t count = read_le<std::uint32_t>(payload.data() + kHeaderSize);
    const std::size_t need = kHeaderSize + 4 + static_cast<std::size_t>(count) * record_size;
    if (payload.size() < need) {
        reason = DropReason::too_short;
        return false;
    }
    if (payload.size() > need) {
        reason = DropReason::trailing_bytes;
        return false;
    }
    for (std::uint32_t i = 0; i < count; ++i)
        each(payload.data() + kHeaderSize + 4 + i * record_size);
    return true;
}
}  // namespace detail

template <class F>
bool decode_events(std::span<const std::uint8_t> payload, DropReason& reason, F&& on_event) {
    return detail::decode_records(
        payload, MessageType::events, kEventSize, reason, [&](const std::uint8_t* p) {
            on_event(WireEvent{read_le<std::int32_t>(p), read_le<std::int32_t>(p + 4),
                               read_le<double>(p + 8), read_le<std::uint64_t>(p + 16),
                               read_le<double>(p + 24)});
        });
}

template <class F>
bool decode_values(std::span<const std::uint8_t> payload, DropReason& reason, F&& on_value) {
    return detail::decode_records(
        payload, MessageType::values, kValueSize, reason, [&](const std::uint8_t* p) {
            on_value(WireValue{read_le<std::int32_t>(p), read_le<double>(p + 8),
                               read_le<std::uint64_t>(p + 16)});
        });
}

}  // namespace rtcell::io
