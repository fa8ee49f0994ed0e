// The dynamic clamp closed through the real-time loop and the clamp exchange: a simulated rig
// on its own thread, in lockstep (wait_for_sample), gives the same trace step for step as the
// same loop run in one thread — and the loop's safety rules hold at its ends (zero while
// waiting for the first sample and after a stop).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "rt/clock.hpp"

#include "model/cell/cell.hpp"
#include "model/clamp/dynamic_clamp.hpp"
#include "model/clamp/live_membrane.hpp"
#include "model/clamp/simulated_rig.hpp"
#include "rt/deadline_loop.hpp"
#include "support/quiet_loop.hpp"
#include "tools/clamp/rig_bridge.hpp"

using namespace rtcell;

namespace {

constexpr double kDt = 0.025;
constexpr std::uint64_t kSamples = 2000;  // 50 ms

// The living cell: an HH soma of 3000 µm² with a hyperpolarizing step from 5 to 35 ms.
SimulatedRig living_cell(double step_nA = -0.15) {
    CellOptions o;
    o.V_init = -65;
    Cell c(live_membrane_morphology(3000), o);
    c.paint(reg::all(), Density{"hh", {}});
    c.place(ls::location(0, 0.5),
            Point{"IClamp", "step", {{"delay", 5.0}, {"dur", 30.0}, {"amp", step_nA}}});
    return SimulatedRig(std::move(c), {0, 0.5}, kDt);
}

// The artificial conductance: an HCN current on the same area (on each of `channels` cells).
Cell hcn_membrane(std::size_t channels = 1) {
    CellOptions o;
    o.V_init = -65;
    o.live = LiveMembraneOptions{};
    if (channels > 1)
        o.pop_size = {channels};
    Cell c(live_membrane_morphology(3000), o);
    c.paint(reg::all(), Density{"HCN_HM1992", {{"g_max", 0.002}}});
    c.set_dt(kDt);
    c.init_state();
    return c;
}

}  // namespace

TEST_CASE("the clamp through the loop and the exchange equals the same loop in one thread",
          "[clamp][rt][lockstep]") {
    // Each step waits up to 10 min for its sample: lockstep however loaded the machine (the stop
    // control ends a wait at once).
    const rt::ClampSafety safety{1.0, 10, std::int64_t{600'000'000'000}};

    // In one thread.
    std::vector<double> direct;
    {
        SimulatedRig rig = living_cell();
        Cell live = hcn_membrane();
        DynamicClamp clamp(live, nullptr, {});
        for (std::uint64_t k = 0; k < kSamples; ++k) {
            clamp.before_model_step(rig.sample());
            live.update();
            double i = clamp.command_nA();
            i = std::clamp(i, -safety.current_limit_nA, safety.current_limit_nA);
            rig.inject(i);
            rig.step();
            direct.push_back(rig.true_voltage());
        }
    }

    // Through the real-time loop, with the rig on its own thread.
    SimulatedRig rig = living_cell();
    Cell live = hcn_membrane();
    DynamicClamp clamp(live, nullptr, {});
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::ClampExchange exchange;
    rt::DeadlineLoop<Cell> loop(live, rt::quiet(kDt, 0));
    loop.attach_clamp(hook, exchange, safety);
    loop.start();
    // Before the first sample the loop waits and outputs zero (it may not have run yet).
    rt::ClampCommand first;
    CHECK((!rt::read_command(exchange, first) || first.i_nA == 0.0));
    tools::RigBridgeResult r;
    std::thread bridge([&] { r = tools::run_rig_bridge(exchange, rig, {kSamples, kDt}); });
    bridge.join();
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::stop});
    loop.join();

    CHECK(r.timeouts == 0);
    REQUIRE(r.trace.size() == kSamples);
    std::size_t differing = 0;
    double worst = 0;
    for (std::size_t k = 0; k < kSamples; ++k) {
        differing += r.trace[k].v_mV != direct[k];
        worst = std::max(worst, std::fabs(r.trace[k].v_mV - direct[k]));
    }
    CHECK(differing == 0);
    CHECK(worst == 0.0);
    CHECK(exchange.late_samples.load() == 0);
    CHECK(live.steps() == kSamples);
    // The clamp did act: the HCN current depolarizes the cell hyperpolarized by the step.
    SimulatedRig unclamped = living_cell();
    double sag = 0;
    for (std::uint64_t k = 0; k < kSamples; ++k) {
        unclamped.step();
        sag = std::max(sag, direct[k] - unclamped.true_voltage());
    }
    CHECK(sag > 1.0);  // mV
    // After the stop: zero, flagged.
    rt::ClampCommand last;
    REQUIRE(rt::read_command(exchange, last));
    CHECK(last.i_nA == 0.0);
    CHECK(last.flags == rt::clamp_flag::stopped);
    CHECK(exchange.state.load() == static_cast<std::uint32_t>(rt::ClampState::stopped));
}

TEST_CASE("two rig channels through the loop: each equals its own cell clamped in one thread",
          "[clamp][rt][lockstep][channels]") {
    const rt::ClampSafety safety{1.0, 10, std::int64_t{600'000'000'000}};
    const double steps_nA[2] = {-0.15, -0.3};

    // In one thread: both cells, one two-member live membrane.
    std::vector<double> direct[2];
    {
        SimulatedRig rigs[2] = {living_cell(steps_nA[0]), living_cell(steps_nA[1])};
        Cell live = hcn_membrane(2);
        DynamicClamp clamp(live, nullptr, {});
        double v[2], i[2];
        const std::uint64_t index[2] = {0, 0};
        for (std::uint64_t k = 0; k < kSamples; ++k) {
            for (int c = 0; c < 2; ++c)
                v[c] = rigs[c].sample();
            clamp.before_model_step(v, index);
            live.update();
            clamp.command_nA(i);
            for (int c = 0; c < 2; ++c) {
                rigs[c].inject(std::clamp(i[c], -safety.current_limit_nA, safety.current_limit_nA));
                rigs[c].step();
                direct[c].push_back(rigs[c].true_voltage());
            }
        }
    }

    // Through the loop: an exchange and a bridge thread per channel.
    SimulatedRig rigs[2] = {living_cell(steps_nA[0]), living_cell(steps_nA[1])};
    Cell live = hcn_membrane(2);
    DynamicClamp clamp(live, nullptr, {});
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::ClampExchange exchanges[2];
    rt::DeadlineLoop<Cell> loop(live, rt::quiet(kDt, 0));
    CHECK_THROWS_WITH(loop.attach_clamp(hook, exchanges[0], safety),
                      Catch::Contains("2 channels, 1 exchanges"));
    loop.attach_clamp(hook, {&exchanges[0], &exchanges[1]}, safety);
    loop.start();
    tools::RigBridgeResult r[2];
    std::thread bridges[2];
    for (int c = 0; c < 2; ++c)
        bridges[c] = std::thread([&, c] {
            r[c] = tools::run_rig_bridge(exchanges[c], rigs[c], {kSamples, kDt, false, 600});
        });
    for (auto& b : bridges)
        b.join();
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::stop});
    loop.join();

    for (int c = 0; c < 2; ++c) {
        INFO("channel " << c);
        CHECK(r[c].timeouts == 0);
        REQUIRE(r[c].trace.size() == kSamples);
        std::size_t differing = 0;
        for (std::size_t k = 0; k < kSamples; ++k)
            differing += r[c].trace[k].v_mV != direct[c][k];
        CHECK(differing == 0);
        CHECK(exchanges[c].late_samples.load() == 0);
    }
    CHECK(live.steps() == kSamples);
    // The channels are two cells: the stronger step hyperpolarizes the second further.
    CHECK(direct[1][kSamples / 2] < direct[0][kSamples / 2] - 1.0);
}

TEST_CASE("with several channels the model waits for every channel's first sample",
          "[clamp][rt][channels]") {
    Cell live = hcn_membrane(2);
    DynamicClamp clamp(live, nullptr, {});
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::ClampExchange exchanges[2];
    rt::DeadlineLoop<Cell> loop(live, rt::quiet(1.0, 0));
    loop.attach_clamp(hook, {&exchanges[0], &exchanges[1]}, rt::ClampSafety{1.0, 3, 0});
    rt::write_sample(exchanges[0], {1, -60.0});
    loop.start();
    auto wait_until = [](auto&& condition) {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!condition() && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return condition();
    };
    // Ticks pass (the loop says it waits, on both channels) and the model is not stepped.
    const std::int64_t written = rt::now_ns();
    REQUIRE(wait_until([&] { return loop.last_tick_deadline_ns() > written + 3'000'000; }));
    for (auto& x : exchanges) {
        rt::ClampCommand c;
        REQUIRE(rt::read_command(x, c));
        CHECK(c.step == 0);  // the model's step count: not stepped
        CHECK(c.flags == rt::clamp_flag::waiting);
        CHECK(c.i_nA == 0.0);
        CHECK(x.state.load() == static_cast<std::uint32_t>(rt::ClampState::waiting));
    }
    // Channel 1's first sample: now it steps, and channel 0, which sends no more, is stale
    // until its watchdog zeroes it, while channel 1 (also stale) trips its own.
    rt::write_sample(exchanges[1], {1, -80.0});
    REQUIRE(wait_until([&] { return exchanges[0].watchdog_trips.load() == 1; }));
    REQUIRE(wait_until([&] { return exchanges[1].watchdog_trips.load() == 1; }));
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::stop});
    loop.join();
    CHECK(live.steps() > 0);
    rt::ClampCommand c0;
    REQUIRE(rt::read_command(exchanges[0], c0));
    CHECK(c0.flags == rt::clamp_flag::stopped);
}
