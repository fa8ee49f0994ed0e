// Morphology: frustum geometry against closed forms, tree queries, and validation errors.
#include <catch2/catch.hpp>
#include <numbers>
#include <type_traits>

#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;
using std::numbers::pi;

TEST_CASE("samples take a diameter, as the configuration and NEURON do", "[morphology]") {
    const Sample s{0, 0, 0, Diameter{3}};
    CHECK(s.radius == 1.5);
    CHECK(s.diameter() == 3);
    // The old radius form {x, y, z, r} no longer compiles.
    static_assert(!std::is_constructible_v<Sample, double, double, double, double>);
}

TEST_CASE("a cylinder has the closed-form length, area, volume and resistance", "[morphology]") {
    const Morphology m = test::cable(100, 2);
    CHECK(m.length(0) == Approx(100));
    CHECK(m.area(0) == Approx(2 * pi * 2 * 100));
    CHECK(m.volume(0) == Approx(pi * 4 * 100));
    CHECK(m.resistance_factor(0, 0, 1) == Approx(100 / (pi * 4)));
    CHECK(m.area(0, 0.25, 0.75) == Approx(2 * pi * 2 * 50));
    CHECK(m.radius_at(0, 0.3) == Approx(2));
}

TEST_CASE("a cone has the closed-form frustum integrals, also over a part", "[morphology]") {
    const Morphology m = test::cable(30, 1, 4);  // r(x) = 1 + 3x
    const double slant = std::sqrt(30.0 * 30 + 9);
    CHECK(m.area(0) == Approx(pi * 5 * slant));
    CHECK(m.volume(0) == Approx(pi * 30 * (1 + 4 + 16) / 3.0));
    CHECK(m.resistance_factor(0, 0, 1) == Approx(30 / (pi * 1 * 4)));
    // First half: radii 1 → 2.5 over 15 µm.
    CHECK(m.area(0, 0, 0.5) == Approx(pi * 3.5 * std::sqrt(15.0 * 15 + 1.5 * 1.5)));
    CHECK(m.resistance_factor(0, 0, 0.5) == Approx(15 / (pi * 1 * 2.5)));
    CHECK(m.radius_at(0, 0.5) == Approx(2.5));
    CHECK(m.position_at(0, 0.5)[0] == Approx(15));
}

TEST_CASE("a radius jump is a zero-length frustum whose annulus counts as membrane",
          "[morphology]") {
    Branch b{"b",
             BranchType::axon,
             2,
             -1,
             1.0,
             {{0, 0, 0, Diameter{2}},
              {10, 0, 0, Diameter{2}},
              {10, 0, 0, Diameter{4}},
              {20, 0, 0, Diameter{4}}},
             {}};
    const Morphology m({b}, "jump");
    CHECK(m.length(0) == Approx(20));
    CHECK(m.area(0) == Approx(2 * pi * 10 + pi * 3 * 1 + 2 * pi * 2 * 10));
    // The annulus sits at x = 0.5 and belongs to the proximal part [0, 0.5].
    CHECK(m.area(0, 0, 0.5) == Approx(2 * pi * 10 + pi * 3));
    CHECK(m.area(0, 0.5, 1) == Approx(2 * pi * 2 * 10));
    CHECK(m.radius_at(0, 0.5) == Approx(2));
}

TEST_CASE("tree queries: parents, children, order, path distance, topological order",
          "[morphology]") {
    const Morphology m = test::y_tree();
    CHECK(m.root() == 0);
    CHECK(m.find_branch("right") == 2);
    CHECK(m.find_branch("nope") == -1);
    CHECK(m.parent(3) == 0);
    CHECK(m.children(0) == std::vector<int>{1, 2, 3});
    CHECK(m.branch_order(0) == 0);
    CHECK(m.branch_order(2) == 1);
    CHECK(m.path_distance(1, 1.0) == Approx(150));
    CHECK(m.path_distance(3, 1.0) == Approx(80));  // attached at the trunk's middle
    CHECK(m.total_length() == Approx(260));
    const auto& order = m.topological_order();
    REQUIRE(order.size() == 4);
    CHECK(order.front() == 0);
}

TEST_CASE("invalid trees are rejected with a message naming the problem", "[morphology][errors]") {
    auto make = [](std::vector<Branch> b) { return Morphology(std::move(b), "test.yaml"); };
    Branch a{"a", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{2}}, {1, 0, 0, Diameter{2}}},
             {}};
    Branch b = a;
    b.name = "b";
    CHECK_THROWS_WITH(make({a, b}), Catch::Contains("more than one root"));
    b.parent = 0;
    Branch dup = b;
    CHECK_THROWS_WITH(make({a, b, dup}), Catch::Contains("duplicate branch name 'b'"));
    Branch c = a;
    c.name = "c";
    c.parent = 2;  // c → d → b → c
    Branch d = a;
    d.name = "d";
    d.parent = 3;
    b.parent = 1;
    CHECK_THROWS_WITH(make({a, c, d, b}), Catch::Contains("cycle"));
    Branch thin = b;
    thin.parent = 0;
    thin.samples[1].radius = 0;
    CHECK_THROWS_WITH(make({a, thin}), Catch::Contains("non-positive radius"));
    Branch point = b;
    point.parent = 0;
    point.samples.pop_back();
    CHECK_THROWS_WITH(make({a, point}), Catch::Contains("at least two samples"));
    Branch flat = b;
    flat.parent = 0;
    flat.samples[1] = flat.samples[0];
    CHECK_THROWS_WITH(make({a, flat}), Catch::Contains("zero length"));
    Branch orphan = b;
    orphan.parent = 7;
    CHECK_THROWS_WITH(make({a, orphan}), Catch::Contains("parent that does not exist"));
    CHECK_THROWS_AS(make({}), InputError);
}
