// An event given by its time is delivered in the step NEURON delivers it in, and the IO
// thread's rule (delivery_step) is the one the cell applies to its own spike trains.
#include <catch2/catch.hpp>

#include "model/cell/cell.hpp"
#include "model/cell/event_timing.hpp"

using namespace rtcell;

namespace {
// The update (from 1) in which a spike train event at t reaches an ExpSyn: the first row
// whose g is non-zero (row k is recorded after update k).
std::uint64_t delivered_in(double t_ms, double dt) {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Cell cell(Morphology({soma}, "soma"));
    cell.paint(reg::all(), Density{"pas", {}});
    cell.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}}, {}});
    cell.place(ls::location(0, 0.5), Probe{"g", "syn.g"});
    cell.bind_synapse_input("syn", SpikeTrain{{t_ms}}, {0.01});
    const Traces out = cell.run(dt, t_ms + 1);
    const auto& g = out.column("g");
    for (std::size_t k = 0; k < g.size(); ++k)
        if (g[k] > 0)
            return k;
    return 0;
}
}  // namespace

TEST_CASE("an event at t is delivered in the first step whose midpoint is at or after t",
          "[inputs][timing]") {
    const double dt = 0.025;
    // t = k·dt: the step starting at t (its midpoint t + dt/2 is the first at or after t).
    CHECK(delivery_step(5.0, dt) == 201);
    CHECK(delivery_step(5.0125, dt) == 201);  // exactly a midpoint: that step
    CHECK(delivery_step(5.013, dt) == 202);   // just after: the next
    CHECK(delivery_step(0.001, dt) == 1);
    for (double t : {0.0125, 0.025, 0.03, 1.0, 4.9876, 5.0, 5.0125, 5.013, 7.31}) {
        INFO("t = " << t);
        CHECK(delivered_in(t, dt) == delivery_step(t, dt));
    }
}
