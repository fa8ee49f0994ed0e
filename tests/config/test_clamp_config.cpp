// The dynamic-clamp part of a configuration: the shipped examples load and build, and every
// mistake is an error naming file, line, column and field.
#include <algorithm>
#include <catch2/catch.hpp>

#include "config/model_config.hpp"
#include "support/test_data.hpp"

using namespace rtcell;
using Catch::Matchers::Contains;

namespace {
ModelConfig parse(const std::string& text) {
    return parse_model_config(text, "clamp.yaml");
}
const char* const kLive =
    "live_membrane: {area: 2000 um2, refractory: 2 ms}\n"
    "paint: [{region: (all), mechanism: pas, params: {g: 0.0001 S/cm2, e: -20 mV}}]\n";
const char* const kModel =
    "morphology: {branches: [{name: soma, type: soma, points_um: [[0,0,0,20],[20,0,0,20]]}]}\n"
    "place: [{locset: (location 0 0.5), mechanism: ExpSyn, name: syn}]\n";
}  // namespace

TEST_CASE("the dynamic-clamp examples load, build and initialize", "[config][clamp]") {
    for (const char* name : {"hcn.yaml", "coupled.yaml", "living_cell.yaml", "two_channels.yaml"}) {
        INFO(name);
        const ModelConfig cfg =
            load_model_config(test::config(std::string("examples/clamp/") + name));
        Cell cell = build_cell(cfg);
        ClampParts parts;
        if (cfg.clamp)
            parts = declare_clamp(*cfg.clamp, cell, cfg.source);
        init_cell(cell, cfg);
        if (cfg.clamp) {
            init_clamp(parts, *cfg.clamp, cell, 0.025, cfg.source);
            CHECK(parts.clamp->probe_names().at(2).rfind("clamp.I_cmd", 0) == 0);  // #0 of two
        }
    }
    // Two rig channels: a population of two live membranes, a conductance each.
    {
        const ModelConfig two = load_model_config(test::config("examples/clamp/two_channels.yaml"));
        Cell cell = build_cell(two);
        ClampParts parts = declare_clamp(*two.clamp, cell, two.source);
        init_cell(cell, two);
        init_clamp(parts, *two.clamp, cell, 0.025, two.source);
        CHECK(parts.clamp->channels() == 2);
        CHECK(cell.parameter("HCN_HM1992", "g_max")[1] ==
              2 * cell.parameter("HCN_HM1992", "g_max")[0]);
    }
    const ModelConfig hcn = load_model_config(test::config("examples/clamp/hcn.yaml"));
    REQUIRE(hcn.clamp);
    CHECK(hcn.dynamics.options.live);
    CHECK(hcn.clamp->shared_memory == "/rtcell-clamp-hcn");
    CHECK(hcn.clamp->safety.current_limit_nA == 2.0);
    CHECK(hcn.clamp->safety.wait_for_sample_ns == 50'000'000);
    const ModelConfig coupled = load_model_config(test::config("examples/clamp/coupled.yaml"));
    REQUIRE(coupled.clamp);
    REQUIRE(coupled.clamp->live);
    CHECK(coupled.clamp->live->area_um2 == 2827.0);
    CHECK(coupled.clamp->gaps.at(0).g_uS == Approx(0.002));
    CHECK(coupled.clamp->synapses.size() == 2);
}

TEST_CASE("dynamic-clamp configuration errors name the field", "[config][clamp][errors]") {
    const std::string shm = "dynamic_clamp: {shared_memory: /x}\n";
    CHECK(parse(std::string(kLive) + shm).dynamics.options.live->refractory_ms == 2.0);
    CHECK_THROWS_WITH(parse(kLive), Contains("needs a 'dynamic_clamp' section"));
    CHECK_THROWS_WITH(parse("live_membrane: {area: 2000}\n" + shm),
                      Contains("live_membrane.area: '2000' has no unit"));
    CHECK_THROWS_WITH(parse("live_membrane: {area: 2000 um}\n" + shm),
                      Contains("is a length, not an area"));
    CHECK_THROWS_WITH(parse("live_membrane: {area: -5 um2}\n" + shm), Contains("(0, 1e8]"));
    CHECK_THROWS_WITH(parse(std::string(kLive) + kModel + shm), Contains("give no morphology"));
    CHECK_THROWS_WITH(parse(std::string(kLive) + "dynamic_clamp: {shared_memory: x/y}\n"),
                      Contains("dynamic_clamp.shared_memory: 'x/y' is not a POSIX"));
    CHECK_THROWS_WITH(parse(std::string(kLive) + "dynamic_clamp: {}\n"),
                      Contains("give 'shared_memory'"));
    const ModelConfig zeromq = parse(std::string(kLive) +
                                     "dynamic_clamp: {}\n"
                                     "io: {inputs: [{kind: samples, endpoint: 'ipc:///tmp/s'}]}\n");
    CHECK(zeromq.clamp->shared_memory.empty());
    CHECK(zeromq.io.inputs.at(0).kind == io::InputBinding::Kind::samples);
    CHECK_THROWS_WITH(parse(std::string(kLive) + shm +
                            "io: {inputs: [{kind: samples, endpoint: 'ipc:///tmp/s'}]}\n"),
                      Contains("no io.inputs binding of kind samples as well"));
    CHECK_THROWS_WITH(
        parse(std::string(kModel) + "io: {inputs: [{kind: samples, endpoint: 'ipc:///tmp/s'}]}\n"),
        Contains("a binding of kind samples needs a dynamic_clamp"));
    CHECK_THROWS_WITH(parse(std::string(kLive) + "dynamic_clamp: {}\n" +
                            "io: {inputs: [{kind: samples, target: x, endpoint: 'ipc:///s'}]}\n"),
                      Contains("no synapse or target"));
    CHECK_THROWS_WITH(
        parse(std::string(kLive) + "dynamic_clamp: {shared_memory: /x, current_limit: 2}\n"),
        Contains("current_limit: '2' has no unit"));
    CHECK_THROWS_WITH(
        parse(std::string(kLive) + "dynamic_clamp: {shared_memory: /x, watchdog: -1}\n"),
        Contains("watchdog: must not be negative"));
    CHECK_THROWS_WITH(
        parse(std::string(kLive) + "dynamic_clamp: {shared_memory: /x, gap_junctions: []}\n"),
        Contains("here the top level is itself the live membrane"));
    CHECK_THROWS_WITH(parse(std::string(kModel) + shm), Contains("missing 'live_membrane'"));
    const std::string coupled = std::string(kModel) +
                                "dynamic_clamp:\n"
                                "  shared_memory: /x\n"
                                "  live_membrane: {area: 1000 um2}\n";
    CHECK(parse(coupled).clamp->live->area_um2 == 1000.0);
    CHECK_THROWS_WITH(parse(coupled + "  gap_junctions: [{location: (location 0 0.5)}]\n"),
                      Contains("gap_junctions[0]: missing 'g'"));
    CHECK_THROWS_WITH(
        parse(coupled + "  gap_junctions: [{location: (location 0 0.5), g: 1 nS, rectify: up}]\n"),
        Contains("rectify: 'up' is not none, into_model or into_live"));
    CHECK_THROWS_WITH(parse(coupled + "  synapses: [{onto_live: a, onto_model: b}]\n"),
                      Contains("synapses[0]: give one of 'onto_live'"));
    CHECK_THROWS_WITH(parse(coupled + "population: {size: 3}\n"),
                      Contains("a model neuron coupled to a living cell is a single cell"));
    // Names that do not exist fail when the clamp is built, naming the file.
    ModelConfig cfg = parse(coupled + "  synapses: [{onto_live: nosuch, weight: 1 nS}]\n");
    Cell cell = build_cell(cfg);
    auto build = [&] {
        ClampParts parts = declare_clamp(*cfg.clamp, cell, cfg.source);
        init_cell(cell, cfg);
        init_clamp(parts, *cfg.clamp, cell, 0.025, cfg.source);
    };
    CHECK_THROWS_WITH(build(), Contains("clamp.yaml: dynamic_clamp:") && Contains("nosuch"));
}

TEST_CASE("couplings between the channels of a live-membrane population", "[config][clamp]") {
    const std::string two = std::string(kLive) + "population: {size: 2}\n" +
                            "place: [{locset: (location 0 0.5), mechanism: ExpSyn, name: syn}]\n";
    auto with = [&](const std::string& between) {
        return two + "dynamic_clamp:\n  shared_memory: /x\n  between_channels: " + between + "\n";
    };
    const ModelConfig cfg =
        parse(with("{gap_junctions: [{name: gj, channels: [0, 1], g: 2 nS, rectify: into_first}],"
                   " synapses: [{from: 1, to: 0, synapse: syn, weight: 5 nS}]}"));
    const ChannelCouplings& c = cfg.clamp->between_channels;
    REQUIRE(c.gaps.size() == 1);
    CHECK(c.gaps[0].name == "gj");
    CHECK(c.gaps[0].b == 1);
    CHECK(c.gaps[0].g_uS == Approx(0.002));
    CHECK(c.gaps[0].rectify == 1);
    REQUIRE(c.synapses.size() == 1);
    CHECK(c.synapses[0].from == 1);
    CHECK(c.synapses[0].weight == Approx(0.005));
    // Built: the gap's part is in the command's columns.
    Cell cell = build_cell(cfg);
    ClampParts parts = declare_clamp(*cfg.clamp, cell, cfg.source);
    init_cell(cell, cfg);
    init_clamp(parts, *cfg.clamp, cell, 0.025, cfg.source);
    const auto names = parts.clamp->probe_names();
    CHECK(std::find(names.begin(), names.end(), "clamp.I.gj#0") != names.end());

    CHECK_THROWS_WITH(parse(with("{gap_junctions: [{channels: [0], g: 2 nS}]}")),
                      Contains("between_channels.gap_junctions[0].channels: give the two"));
    CHECK_THROWS_WITH(parse(with("{gap_junctions: [{channels: [0, 1], g: 2 mV}]}")),
                      Contains("gap_junctions[0].g"));
    CHECK_THROWS_WITH(parse(with("{gap_junctions: [{channels: [0, 1], g: 2 nS, rectify: up}]}")),
                      Contains("'up' is not none, into_first or into_second"));
    CHECK_THROWS_WITH(parse(with("{synapses: [{from: 0, to: 1}]}")),
                      Contains("synapses[0]: missing 'synapse'"));
    CHECK_THROWS_WITH(parse(with("{synapses: [{from: -1, to: 1, synapse: syn}]}")),
                      Contains("synapses[0].from: a channel is a member"));
    CHECK_THROWS_WITH(parse(with("{wires: []}")), Contains("between_channels"));
    // Channels beyond the population, and unknown synapses, fail when the clamp is built.
    const ModelConfig far = parse(with("{gap_junctions: [{channels: [0, 2], g: 2 nS}]}"));
    Cell far_cell = build_cell(far);
    ClampParts far_parts = declare_clamp(*far.clamp, far_cell, far.source);
    init_cell(far_cell, far);
    CHECK_THROWS_WITH(init_clamp(far_parts, *far.clamp, far_cell, 0.025, far.source),
                      Contains("clamp.yaml: dynamic_clamp: dynamic clamp: the gap junction"));
    // Only a live-membrane population at the top level has channels to couple.
    CHECK_THROWS_WITH(
        parse(std::string(kModel) + "dynamic_clamp:\n  live_membrane: {area: 1000 um2}\n"
                                    "  between_channels: {}\n"),
        Contains("here the top level is a model neuron"));
}
