#include "io/wire_format.hpp"

namespace rtcell::io {

const char* drop_reason_name(DropReason r) {
    switch (r) {
        case DropReason::too_short:
            return "too_short";
        case DropReason::oversized:
            return "oversized";
        case DropReason::bad_magic:
            return "bad_magic";
        case DropReason::bad_version:
            return "bad_version";
        case DropReason::wrong_type:
            return "wrong_type";
        case DropReason::trailing_bytes:
            return "trailing_bytes";
        case DropReason::bad_member:
            return "bad_member";
        case DropReason::bad_instance:
            return "bad_instance";
        case DropReason::not_finite:
            return "not_finite";
        case DropReason::out_of_range:
            return "out_of_range";
        case DropReason::pending_full:
            return "pending_full";
        case DropReason::bad_frames:
            return "bad_frames";
        case DropReason::beyond_horizon:
            return "beyond_horizon";
        case DropReason::count_:
            break;
    }
    return "unknown";
}

void put_header(std::vector<std::uint8_t>& out, MessageType type, std::uint64_t sequence) {
    write_le<std::uint32_t>(out, kMagic);
    write_le<std::uint8_t>(out, kVersion);
    write_le<std::uint8_t>(out, static_cast<std::uint8_t>(type));
    write_le<std::uint16_t>(out, 0);
    write_le<std::uint64_t>(out, sequence);
}

std::vector<std::uint8_t> encode_events(std::span<const WireEvent> events, std::uint64_t sequence) {
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderSize + 4 + events.size() * kEventSize);
    put_header(out, MessageType::events, sequence);
    write_le<std::uint32_t>(out, static_cast<std::uint32_t>(events.size()));
    for (const auto& e : events) {
        write_le<std::int32_t>(out, e.member);
        write_le<std::int32_t>(out, e.instance);
        write_le<double>(out, e.weight);
        write_le<std::uint64_t>(out, e.step);
        write_le<double>(out, e.t_ms);
    }
    return out;
}

std::vector<std::uint8_t> encode_values(std::span<const WireValue> values, std::uint64_t sequence) {
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderSize + 4 + values.size() * kValueSize);
    put_header(out, MessageType::values, sequence);
    write_le<std::uint32_t>(out, static_cast<std::uint32_t>(values.size()));
    for (const auto& v : values) {
        write_le<std::int32_t>(out, v.member);
        write_le<std::int32_t>(out, 0);
        write_le<double>(out, v.value);
        write_le<std::uint64_t>(out, v.step);
    }
    return out;
}

bool decode_header(std::span<const std::uint8_t> payload, Header& header, DropReason& reason) {
    if (payload.size() > kMaxInputPayload) {
        reason = DropReason::oversized;
        return false;
    }
    if (payload.size() < kHeaderSize) {
        reason = DropReason::too_short;
        return false;
    }
    if (read_le<std::uint32_t>(payload.data()) != kMagic) {
        reason = DropReason::bad_magic;
        return false;
    }
    if (payload[4] != kVersion) {
        reason = DropReason::bad_version;
        return false;
    }
    header.type = static_cast<MessageType>(payload[5]);
    header.sequence = read_le<std::uint64_t>(payload.data() + 8);
    return true;
}

}  // namespace rtcell::io
