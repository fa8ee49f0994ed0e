// The wire format: round trips, every drop reason, and a seeded random-mutation fuzz of the
// decoder (bounded in count) that must never crash or accept a malformed structure.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "io/wire_format.hpp"

using namespace rtcell::io;

namespace {
std::vector<WireEvent> decode_all(const std::vector<std::uint8_t>& p, bool& ok,
                                  DropReason& reason) {
    std::vector<WireEvent> out;
    ok = decode_events(p, reason, [&](const WireEvent& e) { out.push_back(e); });
    return out;
}
}  // namespace

TEST_CASE("events and values round-trip", "[wire]") {
    const std::vector<WireEvent> events = {
        {0, -1, 0.02, 0, 0.0}, {3, 1, 1.5, 1234, 0.0}, {-1, 0, 0.5, 0, 12.5}};
    const auto payload = encode_events(events, 42);
    CHECK(payload.size() == kHeaderSize + 4 + 3 * kEventSize);
    Header h{};
    DropReason r{};
    REQUIRE(decode_header(payload, h, r));
    CHECK(h.type == MessageType::events);
    CHECK(h.sequence == 42);
    bool ok = false;
    const auto back = decode_all(payload, ok, r);
    REQUIRE(ok);
    REQUIRE(back.size() == 3);
    CHECK(back[1].member == 3);
    CHECK(back[1].instance == 1);
    CHECK(back[1].weight == 1.5);
    CHECK(back[1].step == 1234);
    CHECK(back[2].t_ms == 12.5);
    const std::vector<WireValue> values = {{1, 0.25, 0}, {-1, -3.0, 0}};
    std::vector<WireValue> vback;
    REQUIRE(decode_values(encode_values(values, 7), r,
                          [&](const WireValue& v) { vback.push_back(v); }));
    REQUIRE(vback.size() == 2);
    CHECK(vback[0].value == 0.25);
    CHECK(vback[1].member == -1);
}

TEST_CASE("malformed messages are dropped with their reason", "[wire][errors]") {
    const auto good = encode_events(std::vector<WireEvent>{{0, -1, 0.1, 0, 0}}, 1);
    auto reason_of = [](std::vector<std::uint8_t> p) {
        DropReason r{};
        bool ok = false;
        decode_all(p, ok, r);
        CHECK_FALSE(ok);
        return r;
    };
    CHECK(reason_of({}) == DropReason::too_short);
    CHECK(reason_of(std::vector<std::uint8_t>(good.begin(), good.begin() + 10)) ==
          DropReason::too_short);
    CHECK(reason_of(std::vector<std::uint8_t>(good.begin(), good.end() - 1)) ==
          DropReason::too_short);
    auto longer = good;
    longer.push_back(0);
    CHECK(reason_of(longer) == DropReason::trailing_bytes);
    auto magic = good;
    magic[0] ^= 0xFF;
    CHECK(reason_of(magic) == DropReason::bad_magic);
    auto version = good;
    version[4] = 2;
    CHECK(reason_of(version) == DropReason::bad_version);
    CHECK(reason_of(encode_values(std::vector<WireValue>{{0, 1.0, 0}}, 1)) ==
          DropReason::wrong_type);
    auto huge_count = good;
    huge_count[16] = 0xFF;
    huge_count[17] = 0xFF;
    huge_count[18] = 0xFF;
    huge_count[19] = 0xFF;
    CHECK(reason_of(huge_count) == DropReason::too_short);
    CHECK(reason_of(std::vector<std::uint8_t>(kMaxInputPayload + 1, 0)) == DropReason::oversized);
    for (int r = 0; r < static_cast<int>(DropReason::count_); ++r)
        CHECK(std::string(drop_reason_name(static_cast<DropReason>(r))) != "unknown");
}

TEST_CASE("fuzz: random mutations of valid messages never crash the decoder", "[wire][fuzz]") {
    std::mt19937_64 rng(20261126);
    std::vector<WireEvent> events;
    for (int k = 0; k < 5; ++k)
        events.push_back({k, k - 1, 0.01 * k, static_cast<std::uint64_t>(k), 0});
    const auto base = encode_events(events, 9);
    const auto base_values = encode_values(std::vector<WireValue>{{0, 1, 0}, {1, 2, 0}}, 9);
    std::size_t accepted = 0, rejected = 0, records = 0;
    for (int trial = 0; trial < 20000; ++trial) {
        std::vector<std::uint8_t> p = trial % 3 ? base : base_values;
        switch (trial % 4) {
            case 0:  // flip bytes
                for (int k = 0; k < 1 + trial % 5; ++k)
                    p[rng() % p.size()] = static_cast<std::uint8_t>(rng());
                break;
            case 1:  // truncate
                p.resize(rng() % (p.size() + 1));
                break;
            case 2:  // extend with garbage
                for (int k = 0; k < 1 + static_cast<int>(rng() % 64); ++k)
                    p.push_back(static_cast<std::uint8_t>(rng()));
                break;
            default:  // random bytes behind a valid header
                p.resize(kHeaderSize + rng() % 200);
                for (std::size_t k = kHeaderSize; k < p.size(); ++k)
                    p[k] = static_cast<std::uint8_t>(rng());
        }
        DropReason r{};
        std::size_t seen = 0;
        const bool ok = decode_events(p, r,
                                      [&](const WireEvent& e) {
                                          (void)std::isfinite(e.weight);
                                          ++seen;
                                      }) ||
                        decode_values(p, r, [&](const WireValue&) { ++seen; });
        if (ok) {
            ++accepted;
            // An accepted message had exactly the size its count declares.
            const auto count = read_le<std::uint32_t>(p.data() + kHeaderSize);
            CHECK((p.size() == kHeaderSize + 4 + count * kEventSize ||
                   p.size() == kHeaderSize + 4 + count * kValueSize));
            records += seen;
        } else {
            ++rejected;
        }
    }
    CHECK(accepted > 0);
    CHECK(records > 0);  // accepted messages were decoded into records
    CHECK(rejected > accepted);
}
