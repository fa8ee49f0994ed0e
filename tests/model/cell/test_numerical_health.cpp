// Numerical health: a member whose voltage leaves the physical range (NaN, infinite, beyond
// ±10 V) is noted at the step it happens, with where, while the others step on; the check
// reads only the detector, so a failure far from it must reach it within the same step.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/cell/cell.hpp"

using namespace rtcell;

namespace {
// A soma with a 3-branch dendritic tree, HH in the soma, pas elsewhere, 3 members.
Cell tree_cell() {
    CellOptions o;
    o.V_init = -65;
    o.pop_size = {3};
    o.cv_policy = CvPolicy::fixed_per_branch(5);
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Branch d0{"d0", BranchType::basal_dendrite,
              3,    0,
              1.0,  {{20, 0, 0, Diameter{4}}, {120, 0, 0, Diameter{4}}},
              {}};
    Branch d1{"d1", BranchType::basal_dendrite,
              3,    1,
              1.0,  {{120, 0, 0, Diameter{2}}, {200, 50, 0, Diameter{2}}},
              {}};
    Branch d2{"d2", BranchType::basal_dendrite,
              3,    1,
              1.0,  {{120, 0, 0, Diameter{2}}, {200, -50, 0, Diameter{2}}},
              {}};
    Cell c(Morphology({soma, d0, d1, d2}, "tree"), o);
    c.paint(reg::tag(1), Density{"hh", {}});
    c.paint(reg::tag(3), Density{"pas", {{"g", 1e-4}, {"e", -65.0}}});
    c.place(ls::location(3, 0.9), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.0}}});
    return c;
}
}  // namespace

TEST_CASE("a voltage out of range is noted at its step, with member and place", "[cell][health]") {
    Cell cell = tree_cell();
    cell.init_state();
    for (int i = 0; i < 10; ++i)
        cell.update();
    CHECK_FALSE(cell.faulted());
    CHECK_FALSE(cell.numerical_fault());
    // Member 1 only, on the far tip of d2 (not the detector's CV): −1e12 nA drives it beyond
    // ±10 V in one step.
    cell.parameter("stim", "amp")[1] = -1e12;
    cell.update();
    REQUIRE(cell.faulted());
    const auto f = cell.numerical_fault();
    REQUIRE(f);
    CHECK(f->step == 11);
    CHECK(f->t_ms == Approx(11 * cell.dt()));
    CHECK(f->member == 1);
    CHECK(f->cv >= 0);
    CHECK(describe(*f).find("step 11") != std::string::npos);
    // The other members are untouched and keep stepping.
    CHECK(std::fabs(cell.voltage({0, 0.5}, 0) + 65) < 5);
    CHECK(std::fabs(cell.voltage({0, 0.5}, 2) + 65) < 5);
    cell.parameter("stim", "amp")[1] = 0;
    cell.reset_state();
    CHECK_FALSE(cell.faulted());
}

TEST_CASE("a NaN anywhere in the tree reaches the detector within the step", "[cell][health]") {
    Cell cell = tree_cell();
    cell.init_state();
    cell.update();
    // One pas instance (the last CV of d2, for member 2) gets a NaN conductance.
    const std::span<double> g = cell.parameter("pas", "g");
    g[g.size() - 1] = NAN;
    cell.update();
    REQUIRE(cell.faulted());
    CHECK(cell.numerical_fault()->member == 2);
    CHECK(cell.numerical_fault()->step == 2);
}
