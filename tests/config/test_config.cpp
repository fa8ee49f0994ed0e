// Configuration: quantities with units, the shipped examples, and errors that name the
// file, line, column and field.
#include <catch2/catch.hpp>
#include <filesystem>

#include "config/model_config.hpp"
#include "config/units.hpp"
#include "model/util/input_error.hpp"
#include "support/test_data.hpp"

using namespace rtcell;
using Catch::Contains;
using units::Dimension;

TEST_CASE("quantities convert to kernel units", "[config][units]") {
    CHECK(units::parse_quantity("0.12 S/cm2", Dimension::conductance_density, "g") == Approx(0.12));
    CHECK(units::parse_quantity("120 mS/cm2", Dimension::conductance_density, "g") == Approx(0.12));
    CHECK(units::parse_quantity("20 um", Dimension::length, "l") == Approx(20));
    CHECK(units::parse_quantity("20 µm", Dimension::length, "l") == Approx(20));
    CHECK(units::parse_quantity("0.1 mm", Dimension::length, "l") == Approx(100));
    CHECK(units::parse_quantity("35.4 ohm*cm", Dimension::resistivity, "Ra") == Approx(35.4));
    CHECK(units::parse_quantity("35.4 Ω·cm", Dimension::resistivity, "Ra") == Approx(35.4));
    CHECK(units::parse_quantity("1 uF/cm2", Dimension::capacitance_density, "cm") == Approx(1));
    CHECK(units::parse_quantity("1 µF/cm²", Dimension::capacitance_density, "cm") == Approx(1));
    CHECK(units::parse_quantity("25 us", Dimension::time, "dt") == Approx(0.025));
    CHECK(units::parse_quantity("-65 mV", Dimension::voltage, "v") == Approx(-65));
    CHECK(units::parse_quantity("150 pA", Dimension::current, "i") == Approx(0.15));
    CHECK(units::parse_quantity("279.45 K", Dimension::temperature, "T") == Approx(6.3));
    CHECK(units::parse_quantity("2 kHz", Dimension::frequency, "f") == Approx(2000));
    CHECK(units::parse_quantity("2e-4 cm/s", Dimension::permeability, "p") == Approx(2e-4));
    CHECK(units::parse_quantity("2 um/s", Dimension::permeability, "p") == Approx(2e-4));
    CHECK_THROWS_WITH(units::parse_quantity("2 mM", Dimension::permeability, "p"),
                      Contains("is a concentration, not a permeability"));
    CHECK_THROWS_WITH(units::parse_quantity("20", Dimension::length, "max_extent"),
                      Contains("max_extent: '20' has no unit"));
    CHECK_THROWS_WITH(units::parse_quantity("20 mV", Dimension::length, "x"),
                      Contains("is a voltage, not a length"));
    CHECK_THROWS_WITH(units::parse_quantity("20 furlong", Dimension::length, "x"),
                      Contains("unknown unit 'furlong'"));
    CHECK_THROWS_WITH(units::parse_quantity("um 20", Dimension::length, "x"),
                      Contains("does not start with a number"));
}

TEST_CASE("the shipped example configurations load", "[config]") {
    const auto dir = std::filesystem::path(test::config("examples"));
    int loaded = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".yaml")
            continue;
        INFO(entry.path());
        const ModelConfig cfg = load_model_config(entry.path().string());
        CHECK(cfg.morphology.num_branches() > 0);
        ++loaded;
    }
    CHECK(loaded >= 4);
    const ModelConfig bs = load_model_config(test::config("examples/ball_and_stick.yaml"));
    CHECK(bs.name == "ball_and_stick");
    CHECK(bs.cable.Ra_ohm_cm == Approx(100));
    CHECK(bs.cv_policy.cvs_per_branch(bs.morphology, bs.cable, bs.labels) ==
          std::vector<int>{1, 21});
    CHECK(bs.labels.regions.count("distal_dendrite") == 1);
    CHECK(bs.labels.locsets.at("synapse_site").evaluate(bs.morphology) == LocationList{{1, 0.9}});
}

namespace {
ModelConfig parse(const std::string& text) {
    return parse_model_config(text, "cell.yaml");
}
const char* const kInline =
    "morphology:\n"
    "  branches:\n"
    "    - {name: soma, type: soma, points_um: [[0, 0, 0, 10], [10, 0, 0, 10]]}\n"
    "    - {name: dend, type: basal_dendrite, parent: soma, points_um: [[10, 0, 0, 1], [110, 0, 0, "
    "1]]}\n";
}  // namespace

TEST_CASE("configuration errors name file, line, column and field", "[config][errors]") {
    CHECK(parse(kInline).morphology.num_branches() == 2);
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cable: {Ra: 100}\n"),
                      Contains("cell.yaml:5:13: cable.Ra: '100' has no unit"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cable: {Ra: 100 mV}\n"),
                      Contains("is a voltage, not an axial resistivity"));
    CHECK_THROWS_WITH(
        parse(std::string(kInline) + "cabel: {}\n"),
        Contains("cell.yaml:5:1: top level: unknown key 'cabel' (did you mean 'cable'?)"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cv_policy: [{max_extent: 10}]\n"),
                      Contains("cv_policy[0].max_extent: '10' has no unit"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cv_policy: [{fixd: 3}]\n"),
                      Contains("unknown key 'fixd' (did you mean 'fixed'?)"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cv_policy: [{fixed: 3, max_extent: 5 um}]\n"),
                      Contains("exactly one of"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cv_policy: [per_brunch]\n"),
                      Contains("did you mean 'per_branch'"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "labels: {regions: {d: (tga 3)}}\n"),
                      Contains("cell.yaml:5:23: labels.regions.d: region '(tga 3)': column 2: "
                               "unknown operator 'tga'"));
    CHECK_THROWS_WITH(
        parse(std::string(kInline) + "labels: {locsets: {s: (location \"dnd\" 0.5)}}\n"),
        Contains("labels.locsets.s: (location ...): no branch named 'dnd'"));
    CHECK_THROWS_WITH(
        parse("morphology: {file: nowhere.swc}\n"),
        Contains("cell.yaml:1:20: morphology.file: file 'nowhere.swc' does not exist"));
    CHECK_THROWS_WITH(parse("name: x\n"), Contains("morphology: missing"));
    CHECK_THROWS_WITH(
        parse("morphology: {branches: [{name: a, type: soma, points_um: [[0, 0, 0, 1]]}]}\n"),
        Contains("at least two points"));
    CHECK_THROWS_WITH(parse("morphology: {branches: [{name: a, type: neuron, points_um: "
                            "[[0,0,0,1],[1,0,0,1]]}]}\n"),
                      Contains("unknown branch type 'neuron'"));
    CHECK_THROWS_WITH(parse("morphology: {branches: [{name: a, type: soma, parent: b, points_um: "
                            "[[0,0,0,1],[1,0,0,1]]}]}\n"),
                      Contains("no branch named 'b'"));
    CHECK_THROWS_WITH(
        parse(
            "morphology: {branches: [{name: a, type: soma, points_um: [[0,0,0,1],[1,0,0,-1]]}]}\n"),
        Contains("diameter must be positive"));
    CHECK_THROWS_WITH(parse("morphology: [\n"), Contains("YAML syntax error"));
    CHECK_THROWS_WITH(parse("- 1\n- 2\n"), Contains("expected a YAML mapping"));
    CHECK_THROWS_WITH(load_model_config("/nonexistent/cell.yaml"), Contains("cannot open"));
}

TEST_CASE("dynamics in configuration: mechanisms, parameters with units, inputs, probes",
          "[config][dynamics]") {
    const std::string base = std::string(kInline) + "cell: {V_init: -65 mV}\n";
    const ModelConfig cfg =
        parse(base +
              "population: {size: 2}\n"
              "paint:\n"
              "  - {region: (tag 1), mechanism: hh, params: {gnabar: [0.1 S/cm2, 120 mS/cm2]}}\n"
              "  - {region: (tag 3), mechanism: pas, params: {g: {by_distance: [[0 um, 1e-4 "
              "S/cm2], [100 um, 3e-4 S/cm2]]}}}\n"
              "  - {region: (all), reversal: {ion: k, E: -80 mV}}\n"
              "place:\n"
              "  - {locset: (location \"dend\" 1), mechanism: IClamp, name: c, params: {amp: "
              "{from: 0 nA, to: 1 nA}, dur: 1 s}}\n"
              "  - {locset: (location \"dend\" 0.5), mechanism: ExpSyn, name: s}\n"
              "inputs: [{synapse: s, weight: [1 nS, 2 nS], spike_times: [1 ms, 2 ms]}]\n"
              "probes: [{name: v, locset: (root)}, {name: n, locset: (location \"soma\" 0.5), "
              "quantity: hh.n}]\n"
              "simulation: {dt: 25 us, duration: 5 ms}\n");
    CHECK(cfg.dynamics.options.pop_size == std::vector<std::size_t>{2});
    CHECK(cfg.dynamics.simulation.dt_ms == Approx(0.025));
    Cell cell = build_cell(cfg);
    cell.init_state();
    CHECK(cell.parameter("hh", "gnabar")[1] == Approx(0.12));
    CHECK(cell.parameter("hh", "ek")[0] == Approx(-80));
    CHECK(cell.parameter("c", "amp")[1] == Approx(1.0));
    CHECK(cell.parameter("c", "dur")[0] == Approx(1000));
    CHECK(cell.binding_weight("s")[1] == Approx(0.002));
    const auto g = cell.parameter("pas", "g");
    CHECK(g[0] ==
          Approx(1e-4 + 2e-4 * 60 / 100));  // the dendrite's CV midpoint is 60 µm from the root
}

TEST_CASE("kinetic synapses in configuration: units of their parameters and plain weights",
          "[config][dynamics][kinetic]") {
    const std::string base =
        std::string(kInline) + "cell: {V_init: -65 mV}\n" +
        "place:\n"
        "  - {locset: (location \"dend\" 0.5), mechanism: NMDA, name: n, params: "
        "{g_max: 2 nS, mg: 1 mM, alpha1: 2}}\n";
    const ModelConfig cfg =
        parse(base + "inputs: [{synapse: n, weight: 2, spike_times: [1 ms]}]\n");
    Cell cell = build_cell(cfg);
    cell.init_state();
    CHECK(cell.parameter("n", "g_max")[0] == Approx(0.002));
    CHECK(cell.parameter("n", "mg")[0] == Approx(1.0));
    CHECK(cell.binding_weight("n")[0] == Approx(2.0));
    CHECK_THROWS_WITH(parse(base + "inputs: [{synapse: n, weight: 1 uS, spike_times: [1 ms]}]\n"),
                      Contains("inputs[0].weight: '1 uS' is not a number"));
}

TEST_CASE("dynamics errors name file, line, column and field", "[config][dynamics][errors]") {
    const std::string base = std::string(kInline) + "cell: {V_init: -65 mV}\n";
    CHECK_THROWS_WITH(
        parse(base + "paint: [{region: (all), mechanism: hhh}]\n"),
        Contains(
            "cell.yaml:6:36: paint[0].mechanism: unknown mechanism 'hhh' (did you mean 'hh'?)"));
    CHECK_THROWS_WITH(
        parse(base + "paint: [{region: (all), mechanism: hh, params: {gnabar: 0.12}}]\n"),
        Contains("paint[0].params.gnabar: '0.12' has no unit"));
    CHECK_THROWS_WITH(
        parse(base + "paint: [{region: (all), mechanism: hh, params: {gnabr: 0.12 S/cm2}}]\n"),
        Contains("no parameter 'gnabr' (did you mean 'gnabar'?)"));
    CHECK_THROWS_WITH(
        parse(base + "paint: [{region: (all), mechanism: hh, cable: {cm: 1 uF/cm2}}]\n"),
        Contains("exactly one of 'mechanism', 'cable' or 'reversal'"));
    CHECK_THROWS_WITH(
        parse(base +
              "place: [{locset: (root), mechanism: IClamp, name: a, params: {amp: 1 mV}}]\n"),
        Contains("is a voltage, not a current"));
    CHECK_THROWS_WITH(parse(base + "inputs: [{synapse: s, spike_times: [1 ms], constant: 1}]\n"),
                      Contains("exactly one source"));
    CHECK_THROWS_WITH(parse(base + "simulation: {dt: 0 ms}\n"),
                      Contains("simulation.dt: must be in [1e-6, 1000] ms"));
    CHECK_THROWS_WITH(parse(base + "cell: {solver: rk4}\n"),
                      Contains("cell.yaml:6:1: top level: duplicate key 'cell'"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "cell: {solver: euler}\n"),
                      Contains("unknown solver 'euler'"));
    CHECK_THROWS_WITH(
        build_cell(parse(base + "inputs: [{synapse: nothere, constant: 1}]\n")).init_state(),
        Contains("no synapse named 'nothere'"));
}

TEST_CASE("the IO thread's wake mode, priority and CPU", "[config][io]") {
    const ModelConfig c = parse(std::string(kInline) +
                                "io: {publish: 'tcp://127.0.0.1:*', wake: schedule, priority: 40, "
                                "cpu: 1}\n");
    CHECK(c.io.wake == io::IoConfig::Wake::schedule);
    CHECK(c.io.priority == 40);
    CHECK(c.io.cpu == 1);
    CHECK(parse(std::string(kInline) + "io: {publish: 'tcp://127.0.0.1:*'}\n").io.wake ==
          io::IoConfig::Wake::poll);
    CHECK_THROWS_WITH(parse(std::string(kInline) + "io: {wake: often}\n"),
                      Contains("io.wake: 'often' is not poll or schedule"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "io: {priority: 120}\n"),
                      Contains("io.priority: must be 1-99"));
    CHECK_THROWS_WITH(parse(std::string(kInline) + "io: {cpu: -2}\n"),
                      Contains("io.cpu: must be a CPU number"));
}
