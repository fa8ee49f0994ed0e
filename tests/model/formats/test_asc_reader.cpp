// Neurolucida reader: structure, spines and markers skipped, errors for malformed files,
// and robustness against truncated or corrupted copies of real reconstructions.
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>

#include "model/formats/asc_reader.hpp"
#include "model/util/input_error.hpp"
#include "support/test_data.hpp"

using namespace rtcell;

namespace {
Morphology asc(const std::string& text) {
    std::istringstream in(text);
    return read_asc(in, "cell.asc");
}
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
const char* const kSquareSoma =
    "(\"CellBody\" (Color Red) (CellBody)\n"
    "  (5 0 0 0) (5 5 0 0) (0 5 0 0) (-5 5 0 0) (-5 0 0 0) (-5 -5 0 0) (0 -5 0 0) (5 -5 0 0) (5 "
    "-0.1 0 0)\n"
    ")\n";
}  // namespace

TEST_CASE("a tree with a split, a spine and markers", "[asc]") {
    const std::string text = std::string(kSquareSoma) +
                             "( (Color Blue) (Dendrite)\n"
                             "  (0 6 0 2) (0 10 0 2)\n"
                             "  <(Class 4 \"none\") (Color Red) (0 11 0 0.1)>\n"
                             "  (Dot (Color White) (Name \"Marker\") (1 1 1 1))\n"
                             "  (\n"
                             "    (0 12 0 1) (3 15 0 1) Normal\n"
                             "  |\n"
                             "    (0 10 0 1) (-3 15 0 1) Incomplete\n"
                             "  )\n"
                             ")\n";
    const Morphology m = asc(text);
    REQUIRE(m.num_branches() == 4);
    CHECK(m.branch(0).name == "soma[0]");
    CHECK(m.branch(0).samples.size() == 21);
    CHECK(m.branch(1).name == "dend[0]");
    CHECK(m.branch(1).parent_x == 0.5);
    CHECK(m.branch(1).logical_connection.has_value());
    CHECK(m.branch(1).samples.size() == 2);  // the spine and the marker are not points
    // Child 1 starts with a copy of (0 10 0) at its own diameter; child 2 already starts there.
    CHECK(m.branch(2).samples.size() == 3);
    CHECK(m.branch(2).samples.front().radius == 0.5);
    CHECK(m.branch(3).samples.size() == 2);
    CHECK(m.branch(2).parent == 1);
    CHECK(m.branch(3).parent_x == 1.0);
}

TEST_CASE("axon and apical trees keep their types", "[asc]") {
    const Morphology m = asc(std::string(kSquareSoma) +
                             "((Axon) (0 -6 0 1) (0 -20 0 1))\n((Apical) (0 6 0 1) (0 30 0 1))\n");
    REQUIRE(m.num_branches() == 3);
    CHECK(m.branch(1).name == "axon[0]");
    CHECK(m.branch(1).type == BranchType::axon);
    CHECK(m.branch(2).name == "apic[0]");
    CHECK(m.branch(2).type == BranchType::apical_dendrite);
}

TEST_CASE("malformed Neurolucida files give an error naming file, line and problem",
          "[asc][errors]") {
    using Catch::Contains;
    CHECK_THROWS_WITH(asc("((Dendrite)\n (0 0 0 1)\n (0 5 0 1)\n"),
                      Contains("cell.asc:1: '(' is never closed"));
    CHECK_THROWS_WITH(asc("((Dendrite) (0 0 0 1) (0 5 0 1)))"), Contains("unmatched ')'"));
    CHECK_THROWS_WITH(asc("((Dendrite)\n (0 0 0 1)\n (0 5 0 0))"),
                      Contains("cell.asc:3: non-positive diameter"));
    CHECK_THROWS_WITH(asc("((Dendrite) (0 0 0 1) (0 5 0))"), Contains("four numbers"));
    CHECK_THROWS_WITH(asc("((Dendrite) (0 0 0 1) <(0 5 0 1) (0 6 0 1))"), Contains("spine"));
    CHECK_THROWS_WITH(asc("((Dendrite) (0 0 0 1) (0 5 0 1))\n((Dendrite) (0 0 0 1) (0 -5 0 1))"),
                      Contains("no soma (CellBody) and 2 trees"));
    CHECK_THROWS_WITH(asc(std::string(kSquareSoma) + kSquareSoma),
                      Contains("more than one CellBody"));
    CHECK_THROWS_WITH(asc("(\"CellBody\" (CellBody) (0 0 0 0) (1 0 0 0))"),
                      Contains("soma contour"));
    CHECK_THROWS_WITH(asc("; nothing here\n(Sections)\n"), Contains("no CellBody and no trees"));
    CHECK_THROWS_WITH(asc("((Dendrite) (0 0 0 1) \"open string"), Contains("unterminated string"));
    CHECK_NOTHROW(asc("((Dendrite) (0 0 0 1) (0 5 0 1))"));
}

TEST_CASE("truncated and corrupted copies of real Neurolucida files never crash",
          "[asc][errors][fuzz]") {
    const std::string original = slurp(test::data("morphology/Cerebellum_morph/SC.asc"));
    REQUIRE(original.size() > 10000);
    std::mt19937 rng(2024);
    int errors = 0, valid = 0;
    for (int trial = 0; trial < 200; ++trial) {
        std::string text = original;
        if (trial % 2 == 0) {
            text.resize(std::uniform_int_distribution<std::size_t>(0, original.size())(rng));
        } else {
            const char alphabet[] = "()|<>;\"0123456789 -.\nx";
            for (int e = 0; e < 1 + trial % 5; ++e) {
                const auto pos =
                    std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
                text[pos] =
                    alphabet[std::uniform_int_distribution<int>(0, sizeof alphabet - 2)(rng)];
            }
        }
        try {
            const Morphology m = asc(text);
            CHECK(m.num_branches() > 0);
            ++valid;
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).rfind("cell.asc", 0) == 0);
            ++errors;
        }
    }
    CHECK(errors > 0);
    CHECK(valid > 0);
}
