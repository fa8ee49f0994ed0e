// SWC reader: errors for malformed files, and robustness against truncated or corrupted
// copies of real reconstructions (an error or a valid tree, never a crash or a hang).
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>

#include "model/formats/swc_reader.hpp"
#include "model/util/input_error.hpp"
#include "support/test_data.hpp"

using namespace rtcell;

namespace {
Morphology swc(const std::string& text, SwcOptions options = {}) {
    std::istringstream in(text);
    return read_swc(in, "cell.swc", options);
}
std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("a small SWC file becomes NEURON's sections", "[swc]") {
    const Morphology m =
        swc("# comment\n"
            "1 1 0 0 0 5 -1\n"
            "2 1 0 10 0 5 1\n"
            "3 3 0 20 0 1 2\n"
            "4 3 0 40 0 1 3\n"
            "5 3 10 50 0 0.5 4\n"
            "6 3 -10 50 0 0.5 4\n"
            "7 2 0 -10 0 0.5 1\n");
    REQUIRE(m.num_branches() == 5);
    CHECK(m.branch(0).name == "soma[0]");
    CHECK(m.branch(1).name == "axon[0]");
    CHECK(m.branch(1).parent_x == 0.0);  // off the soma's first point
    CHECK(m.branch(2).name == "dend[0]");
    CHECK(m.branch(2).parent_x == 1.0);
    // A dendrite on the soma starts with a copy of the soma point at its own diameter.
    CHECK(m.branch(2).samples.front().y == 10);
    CHECK(m.branch(2).samples.front().radius == 1);
    CHECK(m.branch(3).parent == 2);
    CHECK(m.branch(4).parent == 2);
}

TEST_CASE("malformed SWC files give an error naming file, line and problem", "[swc][errors]") {
    using Catch::Contains;
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 1 9\n"),
                      Contains("cell.swc:2: parent 9 of sample 2 does not exist"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 1 1\n2 3 0 6 0 1 1\n"),
                      Contains("duplicate id 2"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 1 3\n3 3 0 6 0 1 2\n"),
                      Contains("cell.swc:2: parent 3 of sample 2 has a larger id"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 1 2\n"), Contains("is its own parent"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 0 1\n"),
                      Contains("cell.swc:2: non-positive radius"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 -1 1\n"), Contains("non-positive radius"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 five 0 1 1\n"),
                      Contains("cell.swc:2: field 'y' is not a number: 'five'"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 1\n"),
                      Contains("cell.swc:2: expected 7 fields"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3.5 0 5 0 1 1\n"), Contains("must be a whole number"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 5 -1\n2 3 0 5 0 1 -1\n"), Contains("second root sample"));
    CHECK_THROWS_WITH(swc("# nothing\n\n"), Contains("cell.swc: no samples"));
    CHECK_THROWS_WITH(swc("1 1 0 0 0 nan -1\n"), Contains("not a number"));
    CHECK_THROWS_WITH(swc("1 3 0 0 0 1 -1\n2 3 0 5 0 1 1\n", SwcOptions{true}),
                      Contains("no soma sample"));
    CHECK_NOTHROW(swc("1 3 0 0 0 1 -1\n2 3 0 5 0 1 1\n"));
}

TEST_CASE("truncated and corrupted copies of real SWC files never crash", "[swc][errors][fuzz]") {
    const std::string original = slurp(test::data("morphology/bc.swc"));
    REQUIRE(original.size() > 10000);
    std::mt19937 rng(12345);
    int errors = 0, valid = 0;
    for (int trial = 0; trial < 300; ++trial) {
        std::string text = original;
        if (trial % 2 == 0) {
            text.resize(std::uniform_int_distribution<std::size_t>(0, original.size())(rng));
        } else {
            const int edits = 1 + trial % 7;
            const char alphabet[] = "0123456789 -.e#\nx\t";
            for (int e = 0; e < edits; ++e) {
                const auto pos =
                    std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
                text[pos] =
                    alphabet[std::uniform_int_distribution<int>(0, sizeof alphabet - 2)(rng)];
            }
        }
        try {
            const Morphology m = swc(text);
            CHECK(m.num_branches() > 0);
            ++valid;
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).rfind("cell.swc", 0) == 0);
            ++errors;
        }
    }
    CHECK(errors > 0);
    CHECK(valid > 0);
}
