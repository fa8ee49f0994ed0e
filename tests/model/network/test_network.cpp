// Network: NEURON's delivery rule to the step, the connection rules, the errors, and the same
// results (to the bit) from one partition, two partitions in turn and two threads.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "config/connection_csv.hpp"
#include "model/network/network.hpp"
#include "model/util/input_error.hpp"
#include "rt/network/parallel_stepper.hpp"
#include "support/network_fixtures.hpp"

using namespace rtcell;

namespace {

// A source that fires once (a strong pulse at 1 ms) and a passive target whose synapse's g
// shows when the event arrived.
Network one_connection(double delay_ms) {
    Cell pre = test::neuron_compartment(1);
    pre.place(ls::location(0, 0.5),
              Point{"IClamp", "kick", {{"delay", 1.0}, {"dur", 0.5}, {"amp", 2.0}}, {}});
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    CellOptions o;
    o.V_init = -65;
    Cell post(Morphology({soma}, "soma"), o);
    post.paint(reg::all(), Density{"pas", {{"g", 1e-4}, {"e", -65.0}}});
    post.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}}, {}});
    post.place(ls::location(0, 0.5), Probe{"g", "syn.g"});
    Network net;
    net.add_group("pre", std::move(pre));
    net.add_group("post", std::move(post));
    net.connect(Connection{0, 0, 1, 0, "syn", -1, 0.01, delay_ms});
    return net;
}

std::size_t first_nonzero(const std::vector<double>& v) {
    for (std::size_t k = 0; k < v.size(); ++k)
        if (v[k] != 0)
            return k;
    return v.size();
}

}  // namespace

TEST_CASE("an event is delivered in the step where t_spike + delay <= t_step + dt/2", "[network]") {
    const double dt = 0.025;
    for (double delay : {0.025, 0.0375, 0.05, 0.0625, 1.0, 2.5, 3.0125}) {
        INFO("delay " << delay);
        Network net = one_connection(delay);
        net.set_dt(dt);
        const NetworkTraces out = net.run(dt, 10.0);
        const auto& spikes = out.group("pre").spike_times_ms[0];
        REQUIRE(spikes.size() == 1);
        const double t_spike = spikes[0];  // a grid time: the end of the detecting step
        CHECK(std::fabs(t_spike / dt - std::round(t_spike / dt)) < 1e-9);
        // Row r is the state after r steps, so the first row with g > 0 is one after the step
        // that delivered the event; that step starts at (row − 1)·dt.
        const std::size_t row = first_nonzero(out.group("post").column("g"));
        REQUIRE(row < out.t_ms.size());
        const double t_step = static_cast<double>(row - 1) * dt;
        CHECK(t_spike + delay <= t_step + dt / 2 + 1e-9);
        CHECK(t_spike + delay > t_step - dt / 2 + 1e-9);  // and not a step later
    }
}

TEST_CASE("connection rules: all-to-all, one-to-one, fixed probability and fixed in-degree",
          "[network]") {
    const SynapseTarget t{"syn", 0.01, 1.0};
    const auto all = connect::all_to_all({0, 0, 4}, {0, 0, 4}, t);
    CHECK(all.size() == 12);  // no cell onto itself
    for (const auto& c : all)
        CHECK(c.pre_member != c.post_member);
    CHECK(connect::all_to_all({0, 0, 4}, {0, 0, 4}, t, true).size() == 16);
    CHECK(connect::all_to_all({0, 0, 3}, {1, 0, 2}, t).size() == 6);
    CHECK(connect::one_to_one({0, 2, 3}, {1, 0, 3}, t)[1].pre_member == 3);
    CHECK_THROWS_WITH(connect::one_to_one({0, 0, 3}, {1, 0, 2}, t),
                      Catch::Contains("3 sources for 2 targets"));
    const auto p1 = connect::fixed_probability({0, 0, 100}, {1, 0, 100}, t, 0.1, 7);
    const auto p2 = connect::fixed_probability({0, 0, 100}, {1, 0, 100}, t, 0.1, 7);
    CHECK(p1.size() == p2.size());
    CHECK(p1.size() > 800);
    CHECK(p1.size() < 1200);  // 1000 expected; 6 standard deviations either side
    CHECK(connect::fixed_probability({0, 0, 100}, {1, 0, 100}, t, 0.1, 8).size() != p1.size());
    const auto in = connect::fixed_indegree({0, 0, 50}, {0, 0, 20}, t, 10, 3);
    CHECK(in.size() == 200);
    for (std::size_t j = 0; j < 20; ++j) {
        std::set<std::size_t> sources;
        for (const auto& c : in)
            if (c.post_member == j) {
                CHECK(c.pre_member != j);
                sources.insert(c.pre_member);
            }
        CHECK(sources.size() == 10);
    }
    CHECK_THROWS_WITH(connect::fixed_indegree({0, 0, 5}, {0, 0, 5}, t, 5, 1),
                      Catch::Contains("5 sources per target, but 4 to choose from"));
}

TEST_CASE("network errors say what and where", "[network]") {
    Network net = test::ei_net();
    CHECK_THROWS_WITH(net.connect(Connection{0, 4, 1, 0, "exc", -1, 0.01, 1.0}),
                      Catch::Contains("source member 4 of group 'E' does not exist (4 members)"));
    CHECK_THROWS_WITH(net.connect(Connection{0, 0, 2, 0, "exc", -1, 0.01, 1.0}),
                      Catch::Contains("target group 2 does not exist"));
    CHECK_THROWS_WITH(net.group_index("Ex"), Catch::Contains("did you mean 'E'"));
    CHECK_THROWS_WITH(net.add_group("E", test::neuron_compartment(1)),
                      Catch::Contains("two groups named 'E'"));
    Network short_delay = test::ei_net();
    short_delay.connect(Connection{0, 0, 1, 0, "exc", -1, 0.01, 0.01});
    CHECK_THROWS_WITH(short_delay.init_state(), Catch::Contains("shorter than dt"));
    Network unknown = test::ei_net();
    unknown.connect(Connection{0, 0, 1, 0, "exx", -1, 0.01, 1.0});
    CHECK_THROWS_WITH(unknown.init_state(), Catch::Contains("exx"));
    Network two_places = test::gap_pair();
    two_places.add_gap_junction({0, 0,
                                 ls::join(ls::location("soma", 0.5), ls::location("dend", 0.5)), 1,
                                 0, ls::location("soma", 0.5), 0.01});
    CHECK_THROWS_WITH(two_places.init_state(), Catch::Contains("names 2 locations"));
    net.init_state();
    CHECK_THROWS_WITH(net.connect(Connection{0, 0, 1, 0, "exc", -1, 0.01, 1.0}),
                      Catch::Contains("only allowed while declaring"));
}

TEST_CASE("connections from CSV, with units and errors by line", "[network][config]") {
    Network net = test::ei_net();
    const GroupLookup lookup = [&](const std::string& g) { return net.group_index(g); };
    const auto cs = parse_connections_csv(
        "# E to I\npre,post,synapse,weight,delay\nE:0,I:1,exc,0.02 uS,2 ms\nE:3,I,exc,20 nS,"
        "0.5 ms\n\nI:1,E:2,inh,0.01,1.5ms\n",
        "net.csv", lookup);
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].post_group == 1);
    CHECK(cs[0].post_member == 1);
    CHECK(cs[1].weight == Approx(0.02));
    CHECK(cs[1].post_member == 0);
    CHECK(cs[2].delay_ms == Approx(1.5));
    CHECK_THROWS_WITH(
        parse_connections_csv("pre,post,synapse,weight,delay\nE:0,I:1,exc,0.02 uS,2\n", "net.csv",
                              lookup),
        Catch::Contains("net.csv:2:") && Catch::Contains("unit"));
    CHECK_THROWS_WITH(parse_connections_csv("pre,post,synapse,weight,delay\nE:x,I:1,exc,1,2 ms\n",
                                            "net.csv", lookup),
                      Catch::Contains("net.csv:2:") && Catch::Contains("not a whole number"));
    CHECK_THROWS_WITH(parse_connections_csv("pre,post,synapse,weight,delay\nQ:0,I:1,exc,1,2 ms\n",
                                            "net.csv", lookup),
                      Catch::Contains("net.csv:2:") && Catch::Contains("no group 'Q'"));
    CHECK_THROWS_WITH(parse_connections_csv("pre,post,weight\n", "net.csv", lookup),
                      Catch::Contains("net.csv:1:") && Catch::Contains("header"));
    CHECK_THROWS_WITH(read_connections_csv("/nonexistent.csv", lookup),
                      Catch::Contains("/nonexistent.csv: cannot read"));
}

namespace {
void check_identical(const NetworkTraces& a, const NetworkTraces& b) {
    REQUIRE(a.t_ms == b.t_ms);
    REQUIRE(a.groups.size() == b.groups.size());
    for (std::size_t g = 0; g < a.groups.size(); ++g) {
        CHECK(a.groups[g].columns == b.groups[g].columns);
        CHECK(a.groups[g].spike_times_ms == b.groups[g].spike_times_ms);
    }
}
}  // namespace

TEST_CASE("one partition, two partitions in turn and two threads give bit-identical results",
          "[network][threads]") {
    for (auto make : {test::ei_net, test::gap_pair}) {
        Network one = make();
        one.init_state(1);
        const NetworkTraces a = one.run(0.025, 100.0);
        Network two = make();
        two.init_state(2);
        REQUIRE(two.partitions() == 2);
        const NetworkTraces b = two.run(0.025, 100.0);
        check_identical(a, b);
        Network threaded = make();
        threaded.init_state(2);
        rt::ParallelStepper<Network> stepper(threaded);
        REQUIRE(stepper.threads() == 2);
        const NetworkTraces c = threaded.run(0.025, 100.0, [&] { stepper.step(); });
        check_identical(a, c);
        // reset_state repeats the run exactly.
        threaded.reset_state();
        check_identical(a, threaded.run(0.025, 100.0, [&] { stepper.step(); }));
    }
}

namespace {
// One group of seven ball-and-sticks, unlike each other (a conductance per member, a ramped
// clamp, a Poisson train per member), connected in a ring with 2 ms delays, members 1 and 5
// joined by a gap junction: whatever the partitions cut, every part must step as the whole.
Network one_group() {
    Cell cells = test::neuron_ball_and_stick(7);
    cells.place(ls::location("dend", 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}}, {}});
    cells.place(ls::location("soma", 0.5),
                Point{"IClamp",
                      "drive",
                      {{"delay", 2.0}, {"dur", 1e9}, {"amp", ParamValue::linear_range(0.0, 0.4)}},
                      {}});
    cells.paint(reg::tag(1), Density{"hh",
                                     {{"gkbar", ParamValue::per_member({0.036, 0.03, 0.04, 0.036,
                                                                        0.033, 0.038, 0.036})}}});
    cells.bind_synapse_input("exc", PoissonTrain{60.0, 0.0, 100.0, {}, 11}, {0.002});
    Network net;
    const auto g = net.add_group("cells", std::move(cells));
    for (std::size_t m = 0; m < 7; ++m)
        net.connect(Connection{g, m, g, (m + 1) % 7, "exc", -1, 0.01, 2.0});
    net.add_gap_junction({g, 1, ls::location("soma", 0.5), g, 5, ls::location("soma", 0.5), 0.005});
    return net;
}
}  // namespace

TEST_CASE("a group cut between partitions steps in member slices, bit for bit as whole",
          "[network][threads][slice]") {
    Network whole = one_group();
    whole.init_state(1);
    CHECK(whole.parts(0) == 1);
    const NetworkTraces a = whole.run(0.025, 100.0);
    std::size_t spikes = 0;
    for (const auto& s : a.groups[0].spike_times_ms)
        spikes += s.size();
    CHECK(spikes > 7);  // the ring carries activity
    for (std::size_t partitions : {2, 3}) {
        INFO(partitions << " partitions");
        Network cut = one_group();
        cut.init_state(partitions);
        REQUIRE(cut.parts(0) == partitions);
        CHECK(cut.partition_cells(1).size() == 1);
        CHECK(cut.part_first(0, 1) > 0);
        CHECK(cut.probe_names(0) == a.groups[0].names);  // in the whole group's order
        check_identical(a, cut.run(0.025, 100.0));
        Network threaded = one_group();
        threaded.init_state(partitions);
        rt::ParallelStepper<Network> stepper(threaded);
        check_identical(a, threaded.run(0.025, 100.0, [&] { stepper.step(); }));
        threaded.reset_state();
        check_identical(a, threaded.run(0.025, 100.0, [&] { stepper.step(); }));
    }
    // A C++ callable reads the whole population: the network keeps whole groups.
    Network callable = one_group();
    callable.cell(0).bind_synapse_input("exc", StepFunction([](double, std::span<double> v) {
                                            std::fill(v.begin(), v.end(), 0.0);
                                        }));
    callable.init_state(2);
    CHECK(callable.parts(0) == 1);
    CHECK(callable.partitions() == 2);
}

TEST_CASE("the README's network example compiles and runs", "[network][readme]") {
    Cell e_cells = test::neuron_ball_and_stick(80);
    e_cells.place(ls::location("dend", 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}}, {}});
    Cell i_cells = test::neuron_compartment(2);
    i_cells.place(ls::location(0, 0.5), Point{"ExpSyn", "exc", {{"tau", 2.0}}, {}});
    // From here as in the README's "Networks" section.
    Network net;
    const auto E = net.add_group("E", std::move(e_cells)),
               I = net.add_group("I", std::move(i_cells));
    net.connect(
        connect::fixed_indegree({E, 0, 80}, {E, 0, 80}, {"exc", 0.002, 1.5}, 10, /*seed*/ 3));
    net.connect(Connection{E, 0, I, 1, "exc", -1, 0.02, 2.0});  // E:0 → I:1, 0.02 µS, 2 ms
    net.add_gap_junction({I, 0, ls::location(0, 0.5), I, 1, ls::location(0, 0.5), 0.01});
    net.set_dt(0.025);
    net.init_state(/*partitions*/ 2);
    rt::ParallelStepper<Network> stepper(net);  // a worker for partition 1
    NetworkTraces traces = net.run(0.025, 10.0, [&] { stepper.step(); });
    CHECK(traces.t_ms.size() == 401);
    CHECK(net.connections() == 801);
}

TEST_CASE("bind_synapse_input from another cell of the network by name, with a delay",
          "[network]") {
    Network net = test::ei_net();
    net.bind_synapse_input("I", "exc", "E:2", 0.02, 2.5);        // one cell to every member
    net.bind_synapse_input("I:0-1", "exc", "E:0-1", 0.01, 1.0);  // one to one
    CHECK(net.connections() == 20 + 2 + 2);
    CHECK_THROWS_WITH(net.bind_synapse_input("I", "exc", "E", 0.01, 1.0),
                      Catch::Contains("'E' names 4 cells for 2 members"));
    CHECK_THROWS_WITH(net.bind_synapse_input("I", "exc", "E:7", 0.01, 1.0),
                      Catch::Contains("has members 0 to 3"));
    CHECK_THROWS_WITH(net.bind_synapse_input("I", "exc", "E:x", 0.01, 1.0),
                      Catch::Contains("expected group, group:member"));
    net.init_state();
    const NetworkTraces out = net.run(0.025, 20.0);
    CHECK(out.group("I").spike_times_ms[0].size() >= 1);
}
