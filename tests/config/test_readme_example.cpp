// The C++ example of the README's "The Cell API" section, compiled and run (on an inline
// morphology instead of cell.swc), so that the documentation stays true.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "config/model_config.hpp"
#include "model/cell/cell.hpp"
#include "support/test_data.hpp"

using namespace rtcell;

TEST_CASE("the README's Cell example compiles and runs", "[readme]") {
    Branch soma{"soma[0]", BranchType::soma,
                1,         -1,
                1.0,       {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
                {}};
    Branch dend{"dend[3]", BranchType::basal_dendrite,
                3,         0,
                1.0,       {{20, 0, 0, Diameter{2}}, {220, 0, 0, Diameter{2}}},
                {}};
    Morphology morpho({soma, dend}, "readme");

    CellOptions options;
    options.pop_size = {100};
    options.cv_policy = CvPolicy::max_extent(20, true);
    options.V_th = 0.0;
    options.V_init = -65.0;
    options.solver = "staggered";
    Cell cell(morpho, options);

    cell.paint(reg::tag(1), Density{"hh", {{"gnabar", ParamValue::linear_range(0.08, 0.16)}}})
        .paint(reg::tag(3), Density{"pas", {{"g", 1e-4}, {"e", -65.0}}})
        .paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3}, Reversal{"k", -80.0})
        .place(ls::location("soma[0]", 0.5),
               Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 100.0}, {"amp", 0.1}}})
        .place(ls::location("dend[3]", 0.9), Point{"ExpSyn", "syn", {{"tau", 2.0}}})
        .place(ls::location("soma[0]", 0.5), Probe{"v_soma", "v"}, Probe{"m", "hh.m"})
        .bind_synapse_input("syn", SpikeTrain{{5.0, 10.0}}, {0.02});

    Traces traces = cell.run(0.025, 100.0);
    CHECK(traces.names.size() == 200);
    cell.reset_state();
    std::span<const std::uint8_t> spiked = cell.update();
    CHECK(spiked.size() == 100);
    cell.set_parameter("stim", "amp", 0.2);
    CHECK(cell.parameter("stim", "amp")[99] == 0.2);
}

TEST_CASE("the README's configuration example parses and runs", "[readme][config]") {
    std::ifstream in(test::config("../README.md"));
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const auto from = readme.find("## Configuration files");
    const auto to = readme.find("## rtcell check");
    REQUIRE(from != std::string::npos);
    const std::string section = readme.substr(from, to - from);
    // Its two YAML blocks together: the static part, then the dynamic part.
    const std::regex block("```yaml\n([\\s\\S]*?)```");
    std::string yaml;
    for (auto it = std::sregex_iterator(section.begin(), section.end(), block);
         it != std::sregex_iterator(); ++it)
        yaml += (*it)[1].str();
    REQUIRE(yaml.find("paint:") != std::string::npos);
    const ModelConfig cfg = parse_model_config(yaml, "README.md");
    Cell cell = build_cell(cfg);
    const Traces out = cell.run(0.025, 5.0);
    CHECK(out.column("ek_ahp#0").size() == 201);
    CHECK(std::isfinite(out.column("v_soma#1").back()));
}
