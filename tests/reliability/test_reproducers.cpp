// Every reproducer of the reliability findings (tests/data/reliability/, copied from
// ../shared/reliability/repro/, described in ../shared/reliability/FINDINGS.md) gives a clear
// error naming what is wrong, or a correct result. The same files also run through the fuzz
// targets (tests/fuzz/) in every build.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/model_config.hpp"
#include "fuzz/fuzz_kernel_rig.hpp"
#include "model/formats/asc_reader.hpp"
#include "model/formats/swc_reader.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/input_error.hpp"
#include "support/test_data.hpp"

using namespace rtcell;
using Catch::Matchers::Contains;

namespace {
// Parses a configuration whose only problem can be its nesting: an InputError about anything
// else (unknown keys, a missing morphology) counts as passing the nesting check.
void yaml_nesting_ok(const std::string& text) {
    try {
        parse_model_config(text, "n.yaml");
    } catch (const InputError& e) {
        if (std::string(e.what()).find("nested deeper") != std::string::npos)
            throw;
    }
}

std::string repro(const std::string& file) {
    std::ifstream in(test::data("reliability/" + file), std::ios::binary);
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The error a configuration gives from loading through init_state and a short run.
std::string config_error(const std::string& file) {
    try {
        const ModelConfig cfg = parse_model_config(repro("config/" + file), file);
        Cell cell = build_cell(cfg);
        init_cell(cell, cfg);
        cell.run(cfg.dynamics.simulation.dt_ms, 1.0);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const Morphology& tree() {
    static const Morphology m = [] {
        Branch soma{"soma", BranchType::soma,
                    1,      -1,
                    1.0,    {{0, 0, 0, Diameter{10}}, {10, 0, 0, Diameter{10}}},
                    {}};
        Branch a{"dend", BranchType::basal_dendrite,
                 3,      0,
                 1.0,    {{10, 0, 0, Diameter{2}}, {60, 0, 0, Diameter{2}}},
                 {}};
        return Morphology({soma, a}, "tree");
    }();
    return m;
}

std::string label_error(const std::string& file) {
    const std::string text = repro("label/" + file);
    try {
        if (text.find("random") != std::string::npos)
            parse_locset(text).evaluate(tree(), {});
        else if (text.find("uniform") != std::string::npos)
            parse_locset(text).evaluate(tree(), {});
        else
            parse_region(text).evaluate(tree(), {});
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("reproducers: SWC files (F4g, F8)", "[reliability]") {
    auto error = [](const std::string& file) {
        std::istringstream in(repro("swc/" + file));
        try {
            read_swc(in, file);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK_THAT(error("swc_type_int_min.swc"), Contains("swc_type_int_min.swc:1") &&
                                                  Contains("type 2147483648 is outside ±1000000"));
    CHECK_THAT(error("swc_type_wraps_to_soma.swc"), Contains("type 4294967297 is outside"));
    CHECK_THAT(error("swc_huge_radius_inf_area.swc"), Contains("radius above 100000"));
    CHECK_THAT(error("swc_inf_length.swc"), Contains("coordinate outside ±10000000"));
}

TEST_CASE("reproducers: ASC files (F2, F8)", "[reliability]") {
    auto error = [](const std::string& text) {
        std::istringstream in(text);
        try {
            read_asc(in, "test.asc");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK_THAT(error(repro("asc/asc_words_read_as_zero.asc")),
               Contains("test.asc:1") && Contains("a point needs four numbers"));
    CHECK_THAT(error(repro("asc/asc_fuzz_inf_length_and_word_as_zero.asc")),
               Contains("a point needs four numbers"));
    // gen_deep.py's file: 50 000 '(' crashed `rtcell check` with a stack overflow.
    CHECK_THAT(error(std::string(50000, '(')), Contains("nested deeper than 1000"));
    CHECK_THAT(error("((Dendrite) (0 0 0 1) (10 0 0 1) ((CellBody) (1 2 foo)))"),
               Contains("needs"));
}

TEST_CASE("reproducers: labels (F2, F4a-c, F7)", "[reliability]") {
    CHECK_THAT(label_error("label_tag_huge.txt"), Contains("a tag must be a whole number"));
    CHECK_THAT(label_error("label_tag_nan.txt"), Contains("a tag must be a whole number"));
    CHECK_THAT(label_error("label_tag_fraction.txt"), Contains("got 2.5"));
    CHECK_THAT(label_error("label_uniform_count_huge.txt"), Contains("a count must be"));
    CHECK_THAT(label_error("label_random_seed_negative.txt"), Contains("a seed must be"));
    CHECK_THAT(label_error("label_distal_interval_negative.txt"), Contains("must be ≥ 0 µm"));
    CHECK_THAT(label_error("label_proximal_interval_negative.txt"), Contains("must be ≥ 0 µm"));
    // gen_deep.py's label: 100 000 nested (join …) crashed the parser's recursion.
    std::string deep;
    for (int i = 0; i < 100000; ++i)
        deep += "(join ";
    deep += "(all)" + std::string(100000, ')');
    CHECK_THROWS_WITH(parse_region(deep), Contains("nested deeper than 128 levels"));
    // Just inside the limit still parses and evaluates.
    std::string ok;
    for (int i = 0; i < 100; ++i)
        ok += "(join (tag 1) ";
    ok += "(tag 3)" + std::string(100, ')');
    CHECK(parse_region(ok).evaluate(tree(), {}).size() == 2);
}

TEST_CASE("reproducers: configurations (F3, F4d-f, F5, F6, F8)", "[reliability]") {
    CHECK_THAT(config_error("cfg_binary_tree_missing_key.yaml"),
               Contains("morphology.binary_tree.levels: is required but missing"));
    CHECK_THAT(config_error("cfg_place_missing_name.yaml"), Contains("name: is required"));
    CHECK_THAT(config_error("cfg_nonscalar_key.yaml"),
               Contains("cfg_nonscalar_key.yaml:1:1") && Contains("a key must be a name"));
    CHECK_THAT(config_error("cfg_int_field_huge.yaml"),
               Contains("cv_policy.fixed") && Contains("outside the range of whole numbers"));
    CHECK_THAT(config_error("cfg_max_extent_tiny.yaml"),
               Contains("max_extent: branch") && Contains("more than 1000000 CVs"));
    CHECK_THAT(config_error("cfg_d_lambda_tiny.yaml"),
               Contains("d_lambda: branch") && Contains("more than 1000000 CVs"));
    CHECK_THAT(config_error("cfg_fixed_cv_count_huge.yaml"),
               Contains("the CV count must be in [1, 1000000], got 2000000000"));
    CHECK_THAT(config_error("cfg_population_product_overflow.yaml"),
               Contains("pop_size gives more than 10000000 members"));
    CHECK_THAT(config_error("cfg_geometry_nan_voltage.yaml"), Contains("radius above 100000"));
    CHECK_THAT(config_error("cfg_v_init_inf.yaml"), Contains("'1e308 V' is too large"));
    CHECK_THAT(config_error("cfg_unit_spaces_m_m.yaml"), Contains("unknown unit 'm*m'"));
    CHECK_THAT(config_error("cfg_temperature_below_absolute_zero.yaml"),
               Contains("below absolute zero"));
    CHECK_THAT(config_error("cfg_dt_tiny_sim_length_error.yaml"),
               Contains("simulation.dt: must be in [1e-6, 1000] ms"));
    // Deep YAML nesting (yaml-cpp parses recursively) and physically impossible parameters.
    CHECK_THROWS_WITH(
        parse_model_config("a: " + std::string(100000, '[') + std::string(100000, ']') + "\n",
                           "deep.yaml"),
        Contains("deep.yaml:1:68: lists and mappings nested deeper than 64 levels"));
    // Brackets in quoted text and comments do not count; an apostrophe in a word opens nothing.
    const std::string brackets(100, '[');
    CHECK_NOTHROW(yaml_nesting_ok("name: 'x" + brackets + "'\n# " + brackets + "\n"));
    CHECK_THROWS_WITH(yaml_nesting_ok("name: it's\na: " + brackets + "'\n"),
                      Contains("nested deeper than 64"));
    const std::string tree =
        "morphology: {binary_tree: {levels: 1, root_length: 10 um, root_diameter: 1 um, "
        "length_ratio: 1, diameter_ratio: 1}}\n";
    auto init_error = [](const std::string& text) {
        try {
            const ModelConfig cfg = parse_model_config(text, "p.yaml");
            Cell cell = build_cell(cfg);
            init_cell(cell, cfg);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK_THAT(
        init_error(tree + "paint: [{region: (all), mechanism: pas, params: {g: -1 mS/cm2}}]"),
        Contains("pas.g [S/cm2] must not be negative"));
    CHECK_THAT(init_error(tree + "place: [{locset: (root), mechanism: ExpSyn, name: s, "
                                 "params: {tau: -2 ms}}]"),
               Contains("s.tau [ms] must not be negative"));
    CHECK(
        init_error(tree + "paint: [{region: (all), mechanism: pas, params: {e: -70 mV}}]").empty());
    // Thirty doubling labels took about three hours; each label is now evaluated once. The
    // bound is generous (the chain takes milliseconds) so that a loaded machine cannot fail it.
    for (const char* file : {"cfg_label_chain22_47s.yaml", "cfg_label_chain30_hang.yaml"}) {
        const auto t0 = std::chrono::steady_clock::now();
        CHECK(config_error(file).empty());
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
    }
}

TEST_CASE("reproducers: control requests (F1, F4h-i, F8)", "[reliability][io]") {
    fuzz::KernelRig rig;
    io::ControlRequests control(
        rig.pending, rig.stats, rig.info, [] { return nlohmann::json::object(); },
        [] {
            return nlohmann::json{{"inputs", nlohmann::json::array()}};
        });
    auto reply = [&](const std::string& text) {
        const auto j = nlohmann::json::parse(control.answer(text));  // valid JSON, always
        CHECK(j["ok"] == false);
        return j.value("error", std::string());
    };
    CHECK_THAT(reply(repro("control/control_invalid_utf8.json")), Contains("not JSON"));
    CHECK_THAT(reply(repro("control/control_number_overflow.json")), Contains("not JSON"));
    CHECK_THAT(reply(repro("control/control_step_huge.json")),
               Contains("field 'step' must be a whole number"));
    CHECK_THAT(reply(repro("control/control_member_huge.json")),
               Contains("field 'member' must be -1 (every member) or a member index below 2"));
    CHECK_THAT(reply(repro("control/control_member_negative.json")), Contains("field 'member'"));
    CHECK_THAT(reply(R"({"cmd": "stat\u00e9s"})"), Contains("unknown cmd"));
    CHECK_THAT(reply("{\"cmd\": \"stat\xe9s\"}"), Contains("not JSON"));  // Latin-1 é
    CHECK_THAT(reply(R"({"cmd": "pause", "cmd": "stop"})"), Contains("key 'cmd' given twice"));
    CHECK_THAT(reply(R"({"cmd": "status", "x": [[[[[[[[[[1]]]]]]]]]]})"),
               Contains("nested deeper than 8"));
    CHECK_THAT(reply(R"({"cmd": "pause", "step": -1})"), Contains("field 'step'"));
    CHECK_THAT(reply(R"({"cmd": "pause", "step": 2.5})"), Contains("field 'step'"));
    CHECK_THAT(reply(std::string(5 << 20, ' ')), Contains("the limit is 65536"));
    CHECK_THAT(control.refuse_frames(2), Contains("a request is one frame, not 2"));
    CHECK(rig.stats.counters().requests_refused == 13);
    // A good request still works, and only a queued one says ok.
    const auto ok = nlohmann::json::parse(
        control.answer(R"({"cmd": "set", "target": "stim.amp", "value": 0.5, "member": 1})"));
    CHECK(ok["ok"] == true);
    rig.step();
    CHECK(rig.cell.parameter("stim", "amp")[1] == 0.5);
    CHECK(rig.cell.parameter("stim", "amp")[0] == 0.0);
}

TEST_CASE("reproducers: wire messages (F8)", "[reliability][io]") {
    fuzz::KernelRig rig;
    auto payload = [](const std::string& bytes) {  // the first byte picked the harness's binding
        return std::span<const std::uint8_t>(
            reinterpret_cast<const std::uint8_t*>(bytes.data()) + 1, bytes.size() - 1);
    };
    const std::string events = repro("wire/wire_events_negative_member_far_time.bin");
    rig.input(true, false).handle(payload(events), rig.pending, rig.stats, rig.info);
    const auto c = rig.stats.counters();
    CHECK(c.dropped[static_cast<std::size_t>(io::DropReason::bad_member)] == 1);      // member −5
    CHECK(c.dropped[static_cast<std::size_t>(io::DropReason::beyond_horizon)] == 1);  // 1e300 ms
    CHECK(c.events == 0);

    // stim.amp = −1e300 nA: with the binding's range limit the model stays finite; without
    // one it does not, and the numerical health check reports where and when.
    const std::string huge = repro("wire/wire_value_huge_negative_amp.bin");
    rig.input(false, true).handle(payload(huge), rig.pending, rig.stats, rig.info);
    rig.step();
    CHECK(rig.cell.parameter("stim", "amp")[0] == -10);
    CHECK_FALSE(rig.cell.faulted());
    rig.input(false, false).handle(payload(huge), rig.pending, rig.stats, rig.info);
    rig.step();
    rig.step();
    REQUIRE(rig.cell.faulted());
    const auto fault = rig.cell.numerical_fault();
    REQUIRE(fault);
    CHECK(fault->cv == 0);
    CHECK(fault->branch == "soma");
    CHECK(rig.timing.held);  // the rig's fault policy is hold
}

TEST_CASE("parameter values outside their physical range are refused at request time",
          "[io][ranges]") {
    fuzz::KernelRig rig;
    io::ControlRequests control(
        rig.pending, rig.stats, rig.info, [] { return nlohmann::json::object(); },
        [] {
            return nlohmann::json{{"inputs", nlohmann::json::array()}};
        });
    auto reply = [&](const std::string& text) {
        return nlohmann::json::parse(control.answer(text));
    };
    const auto negative = reply(R"({"cmd": "set", "target": "pas.g", "value": -0.001})");
    CHECK(negative["ok"] == false);
    CHECK_THAT(negative["error"].get<std::string>(),
               Contains("pas.g [S/cm2] must not be negative"));
    CHECK(reply(R"({"cmd": "set", "target": "syn.tau", "value": -2})")["ok"] == false);
    CHECK(reply(R"({"cmd": "set", "target": "pas.g", "value": 0.002})")["ok"] == true);
    CHECK(reply(R"({"cmd": "set", "target": "stim.amp", "value": -0.5})")["ok"] == true);
    rig.step();
    CHECK(rig.cell.parameter("pas", "g")[0] == 0.002);
    // The same over a values binding: a negative conductance is dropped and counted.
    io::InputPath in;
    in.binding.kind = io::InputBinding::Kind::values;
    in.binding.target = "pas.g";
    in.target = rig.info.parameters.at("pas.g");
    const io::WireValue bad[] = {{-1, -0.5, 0}}, good[] = {{-1, 0.003, 0}};
    in.handle(io::encode_values(bad, 1), rig.pending, rig.stats, rig.info);
    in.handle(io::encode_values(good, 2), rig.pending, rig.stats, rig.info);
    CHECK(rig.stats.counters().dropped[static_cast<std::size_t>(io::DropReason::out_of_range)] ==
          1);
    rig.step();
    CHECK(rig.cell.parameter("pas", "g")[1] == 0.003);
}
