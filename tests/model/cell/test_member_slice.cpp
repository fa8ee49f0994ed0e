// Cell::member_slice: the parts of a population, each lowered as a cell of its own, step to
// exactly what the whole population steps to — parameters per member and ranged across
// members, per-member binding weights, random trains per member, probe names by the
// population's member — and what cannot be split is refused with the reason.
#include <catch2/catch.hpp>
#include <map>

#include "model/cell/cell.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;

namespace {

constexpr std::size_t kMembers = 6;

Cell population() {
    CellOptions o;
    o.pop_size = {kMembers};
    o.V_init = -65;
    Cell c(test::ball_and_stick(), o);
    c.paint(
        reg::tag(1),
        Density{"hh", {{"gnabar", ParamValue::per_member({0.12, 0.11, 0.13, 0.1, 0.12, 0.14})}}});
    c.paint(reg::tag(3), Density{"pas", {{"g", ParamValue::linear_range(1e-4, 3e-4)}}});
    c.place(ls::location("soma", 0.5),
            Point{"IClamp",
                  "stim",
                  {{"delay", 2.0}, {"dur", 30.0}, {"amp", ParamValue::linear_range(0.05, 0.3)}}});
    c.place(ls::location("dend", 0.8), Point{"ExpSyn", "syn", {{"tau", 2.0}, {"e", 0.0}}});
    c.place(ls::location("dend", 0.8), Probe{"v_dend", "v"});
    c.place(ls::location("soma", 0.5), Probe{"v_soma", "v"});
    c.bind_synapse_input("syn", PoissonTrain{80.0, 0.0, 40.0, {}, 7},
                         {0.001, 0.002, 0.003, 0.004, 0.005, 0.006});
    return c;
}

std::map<std::string, std::vector<double>> by_name(const Traces& t) {
    std::map<std::string, std::vector<double>> out;
    for (std::size_t k = 0; k < t.names.size(); ++k)
        out[t.names[k]] = t.columns[k];
    return out;
}

}  // namespace

TEST_CASE("the parts of a population step bit for bit as the whole", "[cell][slice]") {
    Cell whole = population();
    const Traces wt = whole.run(0.025, 40.0);
    const auto reference = by_name(wt);
    REQUIRE(reference.size() == 2 * kMembers);

    const Cell declared = population();
    Cell a = declared.member_slice(0, 2), b = declared.member_slice(2, 4);
    CHECK(a.members() == 2);
    CHECK(b.members() == 4);
    CHECK(b.first_member() == 2);
    CHECK(b.population() == kMembers);
    const auto ta = a.run(0.025, 40.0), tb = b.run(0.025, 40.0);
    std::map<std::string, std::vector<double>> parts = by_name(ta);
    parts.merge(by_name(tb));
    // The same names ("v_soma#4" is member 4 of the population, in part b) and the same numbers.
    REQUIRE(parts.size() == reference.size());
    for (const auto& [name, column] : reference) {
        INFO(name);
        REQUIRE(parts.count(name) == 1);
        CHECK(parts.at(name) == column);
    }
    // The members differ from each other (the test would not see a mix-up otherwise).
    CHECK(reference.at("v_soma#1") != reference.at("v_soma#4"));
    // Spikes per member, and the probes' member numbers in the population.
    std::size_t spikes = 0;
    for (std::size_t m = 0; m < kMembers; ++m) {
        const auto& part = m < 2 ? ta.spike_times_ms[m] : tb.spike_times_ms[m - 2];
        CHECK(part == wt.spike_times_ms[m]);
        spikes += part.size();
    }
    CHECK(spikes > 0);
    CHECK(b.probe_columns()[0].member == 2);
}

TEST_CASE("a slice is refused where the whole population is read at once", "[cell][slice]") {
    Cell c = population();
    CHECK(c.sliceable());
    c.bind_synapse_input("syn", StepFunction([](double, std::span<double> v) {
                             for (double& x : v)
                                 x = 0;
                         }));
    std::string why;
    CHECK(!c.sliceable(&why));
    CHECK_THAT(why, Catch::Contains("C++ function"));
    CHECK_THROWS_WITH(c.member_slice(0, 3), Catch::Contains("cannot be split by member"));
    Cell d = population();
    CHECK_THROWS_WITH(d.member_slice(4, 3), Catch::Contains("has 6 members"));
}
