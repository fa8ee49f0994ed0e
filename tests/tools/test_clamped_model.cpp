// ClampedModel: a model neuron and the live membrane coupled to it as the kernel sees them —
// the live membrane's parameters and synapses by "live." names, its threshold crossings as
// spikes of the member after the model's, both reset together — and the same through the
// real-time loop and its queues.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>

#include "model/cell/cell.hpp"
#include "model/clamp/dynamic_clamp.hpp"
#include "model/clamp/live_membrane.hpp"
#include "rt/deadline_loop.hpp"
#include "support/quiet_loop.hpp"
#include "tools/clamp/clamped_model.hpp"

using namespace rtcell;
using tools::ClampedModel;

namespace {

// A live membrane with a leak and a synapse driven by the model's spikes; a passive model
// neuron with a synapse driven by the living cell's crossings (V_th −20 mV, refractory 1 ms).
struct Coupled {
    Cell live, model;
    Coupled() : live(live_cell()), model(model_cell()) {
        live.bind_synapse_input("onto_live", CellSpikes{&model}, {0.01});
        model.bind_synapse_input("onto_model", CellSpikes{&live}, {0.05});
        live.init_state();
        model.init_state();
    }
    static Cell live_cell() {
        CellOptions o;
        o.V_th = -20;
        o.live = LiveMembraneOptions{1.0};
        o.name = "live";
        Cell c(live_membrane_morphology(1000), o);
        c.paint(reg::all(), Density{"pas", {{"g", 2e-4}, {"e", -30.0}}});
        c.place(ls::location(0, 0.5), Point{"ExpSyn", "onto_live", {{"tau", 2.0}, {"e", 0.0}}});
        return c;
    }
    static Cell model_cell() {
        CellOptions o;
        o.V_init = -70;
        Cell c(live_membrane_morphology(1000), o);
        c.paint(reg::all(), Density{"pas", {{"g", 1e-4}, {"e", -70.0}}});
        c.place(ls::location(0, 0.5), Point{"ExpSyn", "onto_model", {{"tau", 2.0}, {"e", 0.0}}});
        return c;
    }
};

// The living cell's voltage at sample k: at rest, with two brief crossings of −20 mV at
// k = 100 and k = 120 (0.5 ms apart: the second within the 1 ms refractory period) and a third
// at k = 300.
double sample(int k) {
    return (k >= 100 && k < 104) || (k >= 120 && k < 124) || (k >= 300 && k < 304) ? 10.0 : -65.0;
}

}  // namespace

TEST_CASE("a coupled live membrane's parameters and synapses have live. names", "[clamp][kernel]") {
    Coupled c;
    ClampedModel m(c.model, c.live);
    CHECK(m.members() == 2);
    const auto groups = m.groups();
    REQUIRE(groups.size() == 2);
    CHECK((groups[0].name == "model" && groups[0].members.first == 0 &&
           groups[0].members.count == 1));
    CHECK(
        (groups[1].name == "live" && groups[1].members.first == 1 && groups[1].members.count == 1));

    const auto list = m.parameter_list();
    auto listed = [&](const std::string& owner, const std::string& p) {
        return std::find(list.begin(), list.end(), std::make_pair(owner, p)) != list.end();
    };
    CHECK(listed("pas", "g"));
    CHECK(listed("live.pas", "g"));
    CHECK(listed("live.onto_live", "tau"));
    CHECK(m.parameter("live.pas", "g").data() == c.live.parameter("pas", "g").data());
    CHECK(m.parameter("pas", "g").data() == c.model.parameter("pas", "g").data());
    CHECK(m.parameter_unit("live.pas", "g") == "S/cm2");
    CHECK(m.parameter_members("live.pas").first == 1);
    CHECK(m.parameter_members("pas").first == 0);
    CHECK(m.binding_weight("live.onto_live").data() == c.live.binding_weight("onto_live").data());

    const auto syns = m.synapse_names();
    CHECK(std::find(syns.begin(), syns.end(), "live.onto_live") != syns.end());
    CHECK(std::find(syns.begin(), syns.end(), "onto_model") != syns.end());
    CHECK_THROWS_WITH(m.parameter("live.nothing", "g"), Catch::Contains("nothing"));

    // An event for the live membrane's synapse reaches it as member 1 (or −1), not as member 0.
    const int onto_live = m.synapse_index("live.onto_live");
    const auto g_live = c.live.state("onto_live", "g");
    m.deliver_event(onto_live, 0, 0.5, -1);
    CHECK(g_live[0] == 0.0);
    m.deliver_event(onto_live, 1, 0.5, -1);
    CHECK(g_live[0] == 0.5);
    m.deliver_event(onto_live, -1, 0.25, -1);
    CHECK(g_live[0] == 0.75);
    const int onto_model = m.synapse_index("onto_model");
    m.deliver_event(onto_model, 1, 0.5, -1);  // member 1 is the living cell: not the model's
    CHECK(c.model.state("onto_model", "g")[0] == 0.0);
}

TEST_CASE("the living cell's threshold crossings are spikes of the live group", "[clamp][kernel]") {
    Coupled c;
    DynamicClamp clamp(c.live, &c.model, {});
    ClampedModel m(c.model, c.live);
    std::vector<int> live_spikes, model_spikes;
    for (int k = 0; k < 400; ++k) {
        clamp.before_model_step(sample(k));
        const auto spiked = m.update();
        REQUIRE(spiked.size() == 2);
        if (spiked[1])
            live_spikes.push_back(k);
        if (spiked[0])
            model_spikes.push_back(k);
        clamp.command_nA();
    }
    // The crossings at 100 and 300; the one at 120 is within the refractory period.
    CHECK(live_spikes == std::vector<int>{100, 300});
    CHECK(model_spikes.empty());  // a passive model neuron
    // Each crossing drove the model's synapse in its own step.
    CHECK(c.model.state("onto_model", "g")[0] > 0.0);

    // A set of the live membrane's synapse's tau re-derives its decay (handles of both cells).
    const auto tau = m.parameter("live.onto_live", "tau");
    std::fill(tau.begin(), tau.end(), 0.5);
    const int h = m.refresh_handle("live.onto_live");
    CHECK(h >= 0);
    CHECK(h != m.refresh_handle("onto_model"));
    m.refresh(h);
    const auto g = c.live.state("onto_live", "g");
    g[0] = 1.0;
    clamp.before_model_step(-65.0);
    CHECK(g[0] == Approx(std::exp(-0.025 / 0.5)).epsilon(1e-12));

    m.reset_state();
    CHECK(c.live.steps() == 0);
    CHECK(c.model.steps() == 0);
    CHECK(c.model.state("onto_model", "g")[0] == 0.0);
}

TEST_CASE(
    "through the real-time loop, a set reaches the live membrane and its crossings come "
    "out as spikes of member 1",
    "[clamp][kernel][rt]") {
    Coupled c;
    DynamicClamp clamp(c.live, &c.model, {});
    ClampedModel m(c.model, c.live);
    rt::KernelModelOf<ClampedModel> kernel(m);
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::ClampExchange exchange;
    rt::DeadlineLoop<rt::KernelModel> loop(kernel, rt::quiet(0.025, 0));
    const rt::ClampSafety safety{100.0, 0, std::int64_t{600'000'000'000}};  // lockstep
    loop.attach_clamp(hook, exchange, safety);
    const int g_live = loop.parameter_handle("live.pas", "g");
    loop.start();

    using clock = std::chrono::steady_clock;
    auto step_with = [&](std::uint64_t index, double v) {
        rt::write_sample(exchange, {index, v});
        const auto until = clock::now() + std::chrono::seconds(60);
        rt::ClampCommand cmd;
        while (clock::now() < until)
            if (rt::read_command(exchange, cmd) && cmd.sample_index == index &&
                (cmd.flags & rt::clamp_flag::on))
                return cmd;
        FAIL("no command for sample " << index);
        return cmd;
    };
    // 1000 µm² · 2e-4 S/cm² = 2 nS = 0.002 µS towards −30 mV: at −50 mV, +0.04 nA in.
    CHECK(step_with(1, -50.0).i_nA == Approx(0.002 * 20.0));
    rt::ControlMessage set{rt::ControlMessage::Kind::set_parameter, 0, g_live, 1, 4e-4};
    REQUIRE(loop.send(set));
    // The set applies at a tick boundary: wait for the command that shows it.
    bool doubled = false;
    for (std::uint64_t k = 2; k < 2000 && !doubled; ++k)
        doubled = std::fabs(step_with(k, -50.0).i_nA - 0.004 * 20.0) < 1e-12;
    CHECK(doubled);
    // A crossing of the living cell: a spike record of member 1.
    const std::uint64_t base = 3000;
    step_with(base, -65.0);
    step_with(base + 1, 10.0);
    rt::SpikeRecord s{};
    bool got = false;
    const auto until = clock::now() + std::chrono::seconds(60);
    while (!got && clock::now() < until)
        got = loop.poll(s);
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::stop});
    loop.join();
    REQUIRE(got);
    CHECK(s.member == 1);
}
