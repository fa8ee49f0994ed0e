// A kernel's PUB messages as the dashboard decodes them: every size is checked against the counts
// the message declares.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "io/wire_format.hpp"
#include "tools/dashboard/stream_message.hpp"

using namespace rtcell;
using tools::StreamMessage;

namespace {
std::vector<std::uint8_t> frame(std::uint32_t rows, std::uint32_t cols, std::size_t values) {
    std::vector<std::uint8_t> m;
    io::put_header(m, io::MessageType::voltage, 7);
    io::write_le<std::uint64_t>(m, 41);
    io::write_le<double>(m, 1.0);
    io::write_le<double>(m, 0.1);
    io::write_le<std::uint32_t>(m, rows);
    io::write_le<std::uint32_t>(m, cols);
    for (std::size_t i = 0; i < values; ++i)
        io::write_le<double>(m, -65.0 + static_cast<double>(i));
    return m;
}
}  // namespace

TEST_CASE("voltage frames decode with their rows and columns", "[dashboard]") {
    const auto m = tools::decode_stream_message(frame(2, 3, 6));
    REQUIRE(m.kind == StreamMessage::Kind::voltage);
    CHECK(m.sequence == 7);
    CHECK(m.frame.first_step == 41);
    CHECK(m.frame.rows == 2);
    CHECK(m.frame.columns == 3);
    CHECK(m.frame.values[5] == -60.0);
    CHECK(tools::decode_stream_message(frame(2, 3, 5)).kind == StreamMessage::Kind::malformed);
    CHECK(tools::decode_stream_message(frame(2, 3, 7)).kind == StreamMessage::Kind::malformed);
    // 2^32 - 1 rows declared: rejected by size, never allocated.
    const auto huge = tools::decode_stream_message(frame(0xffffffffu, 0xffffffffu, 1));
    CHECK(huge.kind == StreamMessage::Kind::malformed);
}

TEST_CASE("spikes, JSON bodies and bad headers", "[dashboard]") {
    std::vector<std::uint8_t> s;
    io::put_header(s, io::MessageType::spikes, 3);
    io::write_le<std::uint32_t>(s, 1);
    io::write_le<std::uint64_t>(s, 400);
    io::write_le<double>(s, 10.0);
    io::write_le<std::int32_t>(s, 2);
    io::write_le<std::int32_t>(s, 1);
    auto m = tools::decode_stream_message(s);
    REQUIRE(m.kind == StreamMessage::Kind::spikes);
    REQUIRE(m.spikes.size() == 1);
    CHECK(m.spikes[0].step == 400);
    CHECK(m.spikes[0].member == 2);
    CHECK(m.spikes[0].group == 1);
    s.push_back(0);
    CHECK(tools::decode_stream_message(s).kind == StreamMessage::Kind::malformed);

    std::vector<std::uint8_t> j;
    io::put_header(j, io::MessageType::telemetry, 1);
    const std::string body = R"({"steps": 5})";
    j.insert(j.end(), body.begin(), body.end());
    m = tools::decode_stream_message(j);
    CHECK(m.kind == StreamMessage::Kind::json);
    CHECK(m.json == body);

    std::vector<std::uint8_t> bad = {1, 2, 3};
    m = tools::decode_stream_message(bad);
    CHECK(m.kind == StreamMessage::Kind::malformed);
    CHECK_FALSE(m.error.empty());
    std::vector<std::uint8_t> input;
    io::put_header(input, io::MessageType::events, 1);  // an input type on the output stream
    CHECK(tools::decode_stream_message(input).kind == StreamMessage::Kind::malformed);
}
