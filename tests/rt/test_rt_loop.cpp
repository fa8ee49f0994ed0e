// The real-time loop: timing histograms, the schedule, overrun policies, control messages and
// inputs at named steps, queue overflow. Timing here is on a shared machine, so the tests
// check counts and orderings that hold whatever the latency, never how fast a step is.
#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "model/cell/cell.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/latency_histogram.hpp"
#include "support/quiet_loop.hpp"

using namespace rtcell;
using namespace rtcell::rt;

namespace {

Morphology soma() {
    Branch b{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    return Morphology({b}, "soma");
}

Cell make_cell(SolverFunction solver = {}) {
    CellOptions o;
    o.V_init = -65;
    o.solver_function = std::move(solver);
    Cell c(soma(), o);
    c.paint(reg::all(), Density{"hh", {}});
    c.place(ls::location(0, 0.5), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.0}}});
    c.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 5.0}}});
    return c;
}

void busy_for(double ms) {
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(ms);
    while (std::chrono::steady_clock::now() < until) {
    }
}

}  // namespace

TEST_CASE("the loop steps the cell once per period for the duration", "[rt]") {
    Cell cell = make_cell();
    DeadlineLoop<Cell> loop(cell, quiet(1.0, 0.2));  // 200 steps of 1 ms
    const SetupReport& setup = loop.start();
    CHECK(!setup.items.empty());
    // Its sleeps end at the deadline under the normal scheduler too (no 50 us timer slack).
    bool exact_timers = false;
    for (const auto& item : setup.items)
        exact_timers |= item.what == "timer slack 1 ns" && item.ok;
    CHECK(exact_timers);
    loop.join();
    CHECK(cell.steps() == 200);
    CHECK(cell.time() == Approx(200 * 1.0));
    const TimingSnapshot& t = loop.final_snapshot();
    CHECK(t.steps == 200);
    CHECK(t.measured_steps == 200);
    CHECK(t.compute.count() == 200);
    CHECK(t.elapsed_s >= 0.199);
    CHECK(t.stopped);
}

TEST_CASE("overrun policies: catch up, skip, stop", "[rt][overrun]") {
    // Steps 5 to 7 take 3.5 ms each at a 1 ms period.
    auto slow_steps = [](Cell& c) {
        if (c.steps() >= 4 && c.steps() < 7)
            busy_for(3.5);
        c.pre_integral();
        c.compute_derivative();
        c.post_integral();
    };
    SECTION("catch_up keeps the schedule: every step runs, late ones back to back") {
        Cell cell = make_cell(slow_steps);
        LoopConfig c = quiet(1.0, 0.05);
        c.overrun = OverrunPolicy::catch_up;
        DeadlineLoop<Cell> loop(cell, c);
        loop.start();
        loop.join();
        CHECK(cell.steps() == 50);
        const auto& t = loop.final_snapshot();
        CHECK(t.overruns >= 3);
        CHECK(t.skipped == 0);
        // Each overrun is timestamped; the slow steps finished at least 2.5 ms late. (The ring
        // keeps the last 16: on a loaded machine later overruns may have replaced them.)
        double latest = 0;
        for (const auto& o : t.recent_overruns)
            latest = std::max(latest, o.late_ms);
        if (t.overruns <= TimingSnapshot::kRecentOverruns)
            CHECK(latest >= 2.4);
        CHECK(t.last_overrun_ms > 0);
    }
    SECTION("skip jumps to the next future deadline and counts what it skipped") {
        Cell cell = make_cell(slow_steps);
        LoopConfig c = quiet(1.0, 0.05);
        c.overrun = OverrunPolicy::skip;
        DeadlineLoop<Cell> loop(cell, c);
        loop.start();
        loop.join();
        const auto& t = loop.final_snapshot();
        CHECK(t.skipped >= 6);
        CHECK(cell.steps() + t.skipped == 50);
    }
    SECTION("stop ends the run at the first overrun") {
        Cell cell = make_cell(slow_steps);
        LoopConfig c = quiet(1.0, 0.05);
        c.overrun = OverrunPolicy::stop;
        DeadlineLoop<Cell> loop(cell, c);
        loop.start();
        loop.join();
        // Step 5 is slow, so the run stops there at the latest (earlier if the machine is loaded).
        CHECK(loop.final_snapshot().overruns >= 1);
        CHECK(cell.steps() <= 5);
        CHECK(loop.final_snapshot().steps < 50);
    }
}

TEST_CASE("control messages apply at the start of the named step", "[rt][control]") {
    Cell cell = make_cell();
    DeadlineLoop<Cell> loop(cell, quiet(0.5, 0));  // until stopped
    const int amp = loop.parameter_handle("stim", "amp");
    REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::pause, 11, -1, -1, 0}));
    REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::resume, 21, -1, -1, 0}));
    REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::set_parameter, 31, amp, -1, 0.7}));
    REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::stop, 41, -1, -1, 0}));
    loop.start();
    loop.join();
    // Ticks 1-10 step the cell; ticks 11-20 are paused; ticks 21-40 step it again (model steps
    // 11-30); the stop ends the loop at the start of tick 41.
    CHECK(cell.steps() == 30);
    CHECK(loop.final_snapshot().steps == 40);
    CHECK(cell.parameter("stim", "amp")[0] == 0.7);
}

TEST_CASE("a parameter set by a control message re-derives what depends on it", "[rt][control]") {
    // ExpSyn's decay factor comes from tau, and hh's rate factor from celsius: a set must
    // change them as Cell::set_parameter does, not only the number.
    Cell cell = make_cell();
    DeadlineLoop<Cell> loop(cell, quiet(0.5, 0));
    const int tau = loop.parameter_handle("syn", "tau");
    const int syn = loop.synapse_handle("syn");
    REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::set_parameter, 5, tau, -1, 1.0}));
    REQUIRE(loop.send(InputEvent{syn, 0, 0.01, 10}));
    REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::stop, 12, -1, -1, 0}));
    loop.start();
    loop.join();
    // Delivered at step 10's start, decayed over steps 10 and 11 with tau = 1 ms (not 5).
    CHECK(cell.state("syn", "g")[0] == Approx(0.01 * std::exp(-2 * 0.5 / 1.0)).epsilon(1e-12));
}

TEST_CASE("input events reach the synapse at the promised step", "[rt][inputs]") {
    for (std::uint64_t stop_at : {30u, 31u}) {
        Cell cell = make_cell();
        DeadlineLoop<Cell> loop(cell, quiet(0.5, 0));
        const int syn = loop.synapse_handle("syn");
        REQUIRE(loop.send(InputEvent{syn, 0, 0.01, 30}));
        REQUIRE(loop.send(ControlMessage{ControlMessage::Kind::stop, stop_at, -1, -1, 0}));
        loop.start();
        loop.join();
        const double g = cell.state("syn", "g")[0];
        if (stop_at == 30)
            CHECK(g == 0.0);  // step 30 never ran
        else
            CHECK(g == Approx(0.01 *
                              std::exp(-0.5 / 5.0)));  // delivered at step 30's start, decayed once
    }
}

TEST_CASE("full queues drop and count, never block", "[rt][queues]") {
    Cell cell = make_cell();
    LoopConfig c = quiet(1.0, 0.01);
    c.control_queue = 2;
    c.input_queue = 4;
    DeadlineLoop<Cell> loop(cell, c);
    const int syn = loop.synapse_handle("syn");
    int accepted = 0;
    for (int k = 0; k < 10; ++k)
        accepted += loop.send(ControlMessage{ControlMessage::Kind::resume, 0, -1, -1, 0});
    for (int k = 0; k < 10; ++k)
        accepted += loop.send(InputEvent{syn, 0, 1e-3, 0});
    CHECK(accepted == 6);
    CHECK(loop.dropped_controls() == 8);
    CHECK(loop.dropped_inputs() == 6);
    loop.start();
    loop.join();
    CHECK(cell.state("syn", "g")[0] > 0);
}

TEST_CASE("spikes come out through the output queue", "[rt]") {
    Cell cell = make_cell();
    cell.set_dt(0.025);
    cell.init_state();
    cell.set_parameter("stim", "amp", 0.3);
    DeadlineLoop<Cell> loop(cell, quiet(0.1, 0.1));  // 1000 steps of 0.1 ms = 100 ms of model time
    loop.start();
    loop.join();
    int spikes = 0;
    SpikeRecord s;
    std::uint64_t last = 0;
    while (loop.poll(s)) {
        ++spikes;
        CHECK(s.step > last);
        last = s.step;
    }
    CHECK(spikes >= 3);
}
