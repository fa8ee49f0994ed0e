// Regions and locsets: every operator evaluated on small trees with known answers, and
// the value semantics (printing, equality, composition).
#include <catch2/catch.hpp>

#include "model/morph/label_parser.hpp"
#include "model/morph/morph_expr.hpp"
#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;

namespace {
// y_tree: 0 trunk (100 µm, r 2→1), 1 left (50 µm at trunk end), 2 right (80 µm at trunk
// end), 3 side (30 µm at trunk middle).
const Morphology& Y() {
    static const Morphology m = test::y_tree();
    return m;
}
CableList cables_of(const Region& r) {
    return r.evaluate(Y());
}
LocationList locs_of(const Locset& l) {
    return l.evaluate(Y());
}
void check_cable(const Cable& c, int b, double x0, double x1) {
    INFO("cable (" << c.branch << ", " << c.x0 << ", " << c.x1 << ")");
    CHECK(c.branch == b);
    CHECK(c.x0 == Approx(x0).margin(1e-12));
    CHECK(c.x1 == Approx(x1).margin(1e-12));
}
}  // namespace

TEST_CASE("basic regions", "[region]") {
    CHECK(cables_of(reg::all()).size() == 4);
    CHECK(cables_of(reg::nothing()).empty());
    const auto b = cables_of(reg::branch("right"));
    REQUIRE(b.size() == 1);
    check_cable(b[0], 2, 0, 1);
    const auto c = cables_of(reg::cable(0, 0.2, 0.4));
    check_cable(c.at(0), 0, 0.2, 0.4);
    CHECK(cables_of(reg::tag(3)).size() == 2);
    CHECK(cables_of(reg::type(BranchType::axon)).at(0).branch == 2);
    CHECK(cables_of(reg::branch_length(40, 90)).size() == 2);    // left 50, right 80
    CHECK(cables_of(reg::branch_radius(0.4, 0.6)).size() == 2);  // right and side
    CHECK(cables_of(reg::branch_order(1, 1)).size() == 3);
    CHECK_THROWS_AS(cables_of(reg::branch("nope")), InputError);
    CHECK_THROWS_AS(cables_of(reg::branch(9)), InputError);
}

TEST_CASE("distance regions measure path length along the tree", "[region]") {
    // From the root: trunk [0, 100], side from 50, left/right from 100.
    const auto far = cables_of(reg::distance_ge(120, ls::root()));
    REQUIRE(far.size() == 2);  // "side" ends 80 µm from the root: none of it qualifies
    check_cable(far[0], 1, 20.0 / 50, 1);
    check_cable(far[1], 2, 20.0 / 80, 1);
}

TEST_CASE("distance bands around an interior location go both ways", "[region]") {
    // 20 µm around trunk(0.5): trunk [0.3, 0.7] and side [0, 20/30].
    const auto near = cables_of(reg::distance_le(20, ls::location("trunk", 0.5)));
    REQUIRE(near.size() == 2);
    check_cable(near[0], 0, 0.3, 0.7);
    check_cable(near[1], 3, 0, 20.0 / 30);
    // Between 40 and 60 µm of the root: trunk [0.4, 0.6] and side [0, 10/30].
    const auto band = cables_of(reg::distance_between(40, 60, ls::root()));
    REQUIRE(band.size() == 2);
    check_cable(band[0], 0, 0.4, 0.6);
    check_cable(band[1], 3, 0, 10.0 / 30);
}

TEST_CASE("radius ranges follow the taper", "[region]") {
    // Trunk radius 2 → 1 along x: r ≤ 1.5 for x ≥ 0.5; left has r = 1 everywhere.
    const auto thin =
        cables_of(reg::intersect(reg::radius_between(0.9, 1.5), reg::branch("trunk")));
    REQUIRE(thin.size() == 1);
    check_cable(thin[0], 0, 0.5, 1);
    CHECK(cables_of(reg::radius_between(0.9, 1.1)).size() == 2);  // trunk end and left
}

TEST_CASE("subtree, proximal and distal intervals", "[region]") {
    CHECK(cables_of(reg::subtree("trunk")).size() == 4);
    CHECK(cables_of(reg::subtree(1)).size() == 1);
    const auto up = cables_of(reg::proximal_interval(ls::location("left", 0.5), 40));
    REQUIRE(up.size() == 2);
    check_cable(up[0], 0, 0.85, 1);
    check_cable(up[1], 1, 0, 0.5);
    const auto down = cables_of(reg::distal_interval(ls::location("trunk", 0.4), 30));
    REQUIRE(down.size() == 2);
    check_cable(down[0], 0, 0.4, 0.7);
    check_cable(down[1], 3, 0, 20.0 / 30);
    CHECK(cables_of(reg::distal_interval(ls::location("trunk", 0.4))).size() == 4);
}

TEST_CASE("set operations on regions", "[region]") {
    const Region a = reg::cable(0, 0, 0.6), b = reg::cable(0, 0.4, 1);
    check_cable(cables_of(a | b).at(0), 0, 0, 1);
    check_cable(cables_of(a & b).at(0), 0, 0.4, 0.6);
    check_cable(cables_of(reg::difference(a, b)).at(0), 0, 0, 0.4);
    const auto outside = cables_of(reg::complement(a));
    REQUIRE(outside.size() == 4);
    check_cable(outside[0], 0, 0.6, 1);
    CHECK(cables_of(reg::complement(reg::all())).empty());
    CHECK(cables::length(cables_of(reg::all()), Y()) == Approx(260));
}

TEST_CASE("locsets", "[locset]") {
    CHECK(locs_of(ls::root()) == LocationList{{0, 0.0}});
    CHECK(locs_of(ls::location("side", 0.25)) == LocationList{{3, 0.25}});
    CHECK(locs_of(ls::terminals()) == LocationList{{1, 1.0}, {2, 1.0}, {3, 1.0}});
    CHECK(locs_of(ls::forks()) == LocationList{{0, 0.5}, {0, 1.0}});
    CHECK(locs_of(ls::on_branches(0.5)).size() == 4);
    // Uniform: 4 points over the 50 µm of "left": at 6.25, 18.75, 31.25, 43.75 µm.
    const auto u = locs_of(ls::uniform(reg::branch("left"), 4));
    REQUIRE(u.size() == 4);
    CHECK(u[0].x == Approx(0.125));
    CHECK(u[3].x == Approx(0.875));
    // Random: reproducible for a seed, inside the region, different for another seed.
    const auto r1 = locs_of(ls::random(reg::tag(3), 20, 7));
    CHECK(r1 == locs_of(ls::random(reg::tag(3), 20, 7)));
    CHECK(r1 != locs_of(ls::random(reg::tag(3), 20, 8)));
    for (const auto& l : r1)
        CHECK((l.branch == 1 || l.branch == 3));
    CHECK(locs_of(ls::proximal(reg::all())) == LocationList{{0, 0.0}});
    CHECK(locs_of(ls::distal(reg::all())) == LocationList{{1, 1.0}, {2, 1.0}, {3, 1.0}});
    CHECK(locs_of(ls::distal(reg::cable(0, 0.1, 0.3))) == LocationList{{0, 0.3}});
    CHECK(locs_of(ls::restrict_to(ls::terminals(), reg::tag(3))) ==
          LocationList{{1, 1.0}, {3, 1.0}});
    const Locset t = ls::location(1, 0.5);
    CHECK(locs_of(t | t).size() == 1);
    CHECK(locs_of(t + t).size() == 2);
}

TEST_CASE("regions and locsets print, compare and parse back by value", "[region][locset]") {
    const Region r = reg::join(reg::tag(3), reg::distance_ge(100, ls::location("trunk", 0.5)));
    CHECK(r.to_string() == "(join (tag 3) (distance-ge 100 (location \"trunk\" 0.5)))");
    CHECK(parse_region(r.to_string()) == r);
    CHECK(r == (reg::tag(3) | reg::distance_ge(100, ls::location("trunk", 0.5))));
    CHECK_FALSE(r == reg::tag(3));
    const Locset l = ls::sum(ls::terminals(), ls::uniform(reg::all(), 3));
    CHECK(parse_locset(l.to_string()) == l);
    const Region p = reg::proximal_interval(ls::root());
    CHECK(parse_region(p.to_string()) == p);
}

TEST_CASE("named labels are resolved through a dictionary", "[region][locset]") {
    LabelDict labels;
    labels.regions["dends"] = reg::tag(3);
    labels.regions["far dends"] =
        reg::intersect(reg::named("dends"), reg::distance_ge(120, ls::root()));
    labels.locsets["tips"] = ls::restrict_to(ls::terminals(), reg::named("dends"));
    CHECK(reg::named("far dends").evaluate(Y(), labels).size() == 1);
    CHECK(ls::named("tips").evaluate(Y(), labels).size() == 2);
    CHECK_THROWS_WITH(reg::named("missing").evaluate(Y(), labels),
                      Catch::Contains("no region labelled 'missing'"));
    labels.regions["loop"] = reg::named("loop");
    CHECK_THROWS_WITH(reg::named("loop").evaluate(Y(), labels), Catch::Contains("cycle"));
}
