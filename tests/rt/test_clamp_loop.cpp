// The dynamic clamp closed through the real-time loop and the clamp exchange: a simulated rig
// on its own thread, in lockstep (wait_for_sample), gives the same trace step for step as the
// same loop run in one thread — and the loop's safety rules hold at its ends (zero while
// waiting for the first sample and after a stop).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

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
SimulatedRig living_cell() {
    CellOptions o;
    o.V_init = -65;
    Cell c(live_membrane_morphology(3000), o);
    c.paint(reg::all(), Density{"hh", {}});
    c.place(ls::location(0, 0.5),
            Point{"IClamp", "step", {{"delay", 5.0}, {"dur", 30.0}, {"amp", -0.15}}});
    return SimulatedRig(std::move(c), {0, 0.5}, kDt);
}

// The artificial conductance: an HCN current on the same area.
Cell hcn_membrane() {
    CellOptions o;
    o.V_init = -65;
    o.live = LiveMembraneOptions{};
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
