// The real-time end of a dynamic clamp (rt/clamp/clamp_port.hpp) on a plain ClampExchange: the
// seqlocked slots and every safety rule — waiting for the first sample, stale samples reused
// and counted, the watchdog, the current limit, a non-finite current.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "rt/clamp/clamp_port.hpp"

using namespace rtcell::rt;

namespace {
ClampCommand last_command(const ClampExchange& x) {
    ClampCommand c;
    REQUIRE(read_command(x, c));
    return c;
}
}  // namespace

TEST_CASE("the clamp exchange's seqlock gives consistent copies and refuses a torn one",
          "[clamp][exchange]") {
    ClampExchange x;
    ClampSample s;
    CHECK_FALSE(read_sample(x, s));  // nothing written yet
    write_sample(x, {7, -61.5});
    REQUIRE(read_sample(x, s));
    CHECK(s.index == 7);
    CHECK(s.v_mV == -61.5);
    CHECK(x.sample_seq.load() == 2);
    x.sample_seq.store(3);  // a writer in the middle of its write
    CHECK_FALSE(read_sample(x, s));
}

TEST_CASE("the clamp port waits for the first sample, then reuses the newest when none is new",
          "[clamp][safety]") {
    ClampExchange x;
    ClampPort port(x, ClampSafety{10.0, 3, 0});
    double v = 0;
    CHECK_FALSE(port.take_sample(v));
    CHECK(last_command(x).flags == clamp_flag::waiting);
    CHECK(x.state.load() == static_cast<std::uint32_t>(ClampState::waiting));

    write_sample(x, {1, -50.0});
    REQUIRE(port.take_sample(v));
    CHECK(v == -50.0);
    port.put_command(0.25, 1);
    ClampCommand c = last_command(x);
    CHECK(c.i_nA == 0.25);
    CHECK(c.flags == clamp_flag::on);
    CHECK(c.sample_index == 1);
    CHECK(c.step == 1);
    CHECK(x.state.load() == static_cast<std::uint32_t>(ClampState::running));

    // No new sample: the newest is reused, flagged and counted; after 3 such steps, zero.
    for (int k = 1; k <= 5; ++k) {
        REQUIRE(port.take_sample(v));
        CHECK(v == -50.0);
        port.put_command(0.25, 1 + k);
        c = last_command(x);
        CHECK((c.flags & clamp_flag::stale) != 0);
        if (k < 3) {
            CHECK(c.i_nA == 0.25);
        } else {
            CHECK(c.i_nA == 0.0);
            CHECK((c.flags & clamp_flag::watchdog) != 0);
            CHECK((c.flags & clamp_flag::on) == 0);
        }
    }
    CHECK(x.late_samples.load() == 5);
    CHECK(x.watchdog_trips.load() == 1);
    // Samples again: the output comes back.
    write_sample(x, {2, -45.0});
    REQUIRE(port.take_sample(v));
    port.put_command(0.5, 7);
    c = last_command(x);
    CHECK(c.flags == clamp_flag::on);
    CHECK(c.i_nA == 0.5);
    CHECK(c.sample_index == 2);
}

TEST_CASE("the clamp port clips to the current limit and zeroes a non-finite current",
          "[clamp][safety]") {
    ClampExchange x;
    ClampPort port(x, ClampSafety{2.0, 10, 0});
    double v = 0;
    std::uint64_t index = 0;
    auto command_for = [&](double i_nA) {
        write_sample(x, {++index, -60.0});
        REQUIRE(port.take_sample(v));
        port.put_command(i_nA, index);
        return last_command(x);
    };
    CHECK(command_for(5.0).i_nA == 2.0);
    CHECK(command_for(-7.0).i_nA == -2.0);
    CHECK((command_for(-7.0).flags & clamp_flag::clipped) != 0);
    CHECK(command_for(1.5).flags == clamp_flag::on);
    CHECK(x.clipped.load() == 3);
    const ClampCommand nan = command_for(std::numeric_limits<double>::quiet_NaN());
    CHECK(nan.i_nA == 0.0);
    CHECK(nan.flags == clamp_flag::fault);
    const ClampCommand inf = command_for(std::numeric_limits<double>::infinity());
    CHECK(inf.i_nA == 0.0);
    port.put_zero(clamp_flag::paused, ClampState::paused, 9);
    CHECK(last_command(x).flags == clamp_flag::paused);
    CHECK(last_command(x).i_nA == 0.0);
}

TEST_CASE("wait_for_sample lets a step wait for the rig's next sample", "[clamp][safety]") {
    ClampExchange x;
    ClampPort port(x, ClampSafety{10.0, 10, std::int64_t{20'000'000'000}});  // up to 20 s
    std::thread rig([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        write_sample(x, {1, -55.0});
    });
    double v = 0;
    const bool got = port.take_sample(v);  // returns as soon as the sample is there
    rig.join();
    CHECK(got);
    CHECK(v == -55.0);
    CHECK(x.late_samples.load() == 0);
}
