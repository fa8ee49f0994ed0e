#include "tools/dashboard/stream_message.hpp"

namespace rtcell::tools {

namespace {
using io::read_le;

StreamMessage malformed(StreamMessage m, std::string why) {
    m.kind = StreamMessage::Kind::malformed;
    m.error = std::move(why);
    return m;
}

StreamMessage decode_spikes(StreamMessage m, std::span<const std::uint8_t> p) {
    constexpr std::size_t kRecord = 24;
    if (p.size() < 20)
        return malformed(std::move(m), "spikes: shorter than its count");
    const std::uint32_t n = read_le<std::uint32_t>(p.data() + 16);
    if (p.size() != 20 + std::size_t{n} * kRecord)
        return malformed(std::move(m), "spikes: size does not match its count");
    m.spikes.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint8_t* r = p.data() + 20 + i * kRecord;
        m.spikes.push_back({read_le<std::uint64_t>(r), read_le<double>(r + 8),
                            read_le<std::int32_t>(r + 16), read_le<std::int32_t>(r + 20)});
    }
    m.kind = StreamMessage::Kind::spikes;
    return m;
}

StreamMessage decode_frame(StreamMessage m, std::span<const std::uint8_t> p) {
    if (p.size() < 48)
        return malformed(std::move(m), "voltage: shorter than its frame header");
    StreamFrame& f = m.frame;
    f.first_step = read_le<std::uint64_t>(p.data() + 16);
    f.t0_ms = read_le<double>(p.data() + 24);
    f.row_dt_ms = read_le<double>(p.data() + 32);
    f.rows = read_le<std::uint32_t>(p.data() + 40);
    f.columns = read_le<std::uint32_t>(p.data() + 44);
    const std::size_t n = std::size_t{f.rows} * f.columns;
    if (p.size() != 48 + n * 8)
        return malformed(std::move(m), "voltage: size does not match rows x columns");
    if (!(f.row_dt_ms > 0))
        return malformed(std::move(m), "voltage: the time between rows is not positive");
    f.values.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        f.values[i] = read_le<double>(p.data() + 48 + i * 8);
    m.kind = StreamMessage::Kind::voltage;
    return m;
}
}  // namespace

StreamMessage decode_stream_message(std::span<const std::uint8_t> payload) {
    StreamMessage m;
    io::Header h{};
    io::DropReason reason{};
    if (!io::decode_header(payload, h, reason))
        return malformed(std::move(m), io::drop_reason_name(reason));
    m.type = h.type;
    m.sequence = h.sequence;
    switch (h.type) {
    case io::MessageType::spikes:
        return decode_spikes(std::move(m), payload);
    case io::MessageType::voltage:
        return decode_frame(std::move(m), payload);
    case io::MessageType::telemetry:
    case io::MessageType::metadata:
    case io::MessageType::end:
        m.json.assign(reinterpret_cast<const char*>(payload.data()) + io::kHeaderSize,
                      payload.size() - io::kHeaderSize);
        m.kind = StreamMessage::Kind::json;
        return m;
    default:
        return malformed(std::move(m), "not an output message type");
    }
}

}  // namespace rtcell::tools
