// Fuzz target: the label language (model/morph/label_parser.hpp) parsed and evaluated on a
// small fixed tree. Every line "name: expression" but the last defines a label (a region if it
// parses as one, else a locset), so references between labels are fuzzed too; the last line
// is evaluated as a region and as a locset. Results must be valid: branches in range,
// 0 ≤ x0 ≤ x1 ≤ 1, locations in [0, 1].
#include <sstream>

#include "fuzz/fuzz_target.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/input_error.hpp"

namespace {
using namespace rtcell;

const Morphology& tree() {
    static const Morphology m = [] {
        Branch soma{"soma", BranchType::soma,
                    1,      -1,
                    1.0,    {{0, 0, 0, Diameter{10}}, {10, 0, 0, Diameter{10}}},
                    {}};
        Branch a{"dend_a", BranchType::basal_dendrite,
                 3,        0,
                 1.0,      {{10, 0, 0, Diameter{2}}, {60, 0, 0, Diameter{1}}},
                 {}};
        Branch b{"dend_b", BranchType::basal_dendrite,
                 3,        0,
                 0.5,      {{5, 0, 0, Diameter{2}}, {5, 80, 0, Diameter{2}}},
                 {}};
        Branch c{"axon", BranchType::axon,
                 2,      1,
                 1.0,    {{60, 0, 0, Diameter{1}}, {60, 0, 90, Diameter{0.6}}},
                 {}};
        return Morphology({soma, a, b, c}, "fuzz tree");
    }();
    return m;
}

void check(const CableList& cables, const Morphology& m) {
    for (const Cable& c : cables)
        if (c.branch < 0 || static_cast<std::size_t>(c.branch) >= m.num_branches() ||
            !(0 <= c.x0 && c.x0 <= c.x1 && c.x1 <= 1))
            fuzz::fail("invalid cable (" + std::to_string(c.branch) + ", " + std::to_string(c.x0) +
                       ", " + std::to_string(c.x1) + ")");
}

void check(const LocationList& locations, const Morphology& m) {
    for (const Location& l : locations)
        if (l.branch < 0 || static_cast<std::size_t>(l.branch) >= m.num_branches() ||
            !(0 <= l.x && l.x <= 1))
            fuzz::fail("invalid location (" + std::to_string(l.branch) + ", " +
                       std::to_string(l.x) + ")");
}

template <class F>
void refused_or_valid(F&& evaluate) {
    try {
        evaluate();
    } catch (const InputError&) {
    } catch (const std::exception& e) {
        fuzz::fail(std::string("exception other than InputError: ") + e.what());
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Morphology& m = tree();
    std::istringstream in(fuzz::text(data, size));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    if (lines.empty())
        return 0;
    LabelDict labels;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const auto colon = lines[i].find(':');
        if (colon == std::string::npos)
            continue;
        const std::string name = lines[i].substr(0, colon), expr = lines[i].substr(colon + 1);
        refused_or_valid([&] { labels.regions[name] = parse_region(expr); });
        if (!labels.regions.count(name))
            refused_or_valid([&] { labels.locsets[name] = parse_locset(expr); });
    }
    const std::string& last = lines.back();
    refused_or_valid([&] { check(parse_region(last).evaluate(m, labels), m); });
    refused_or_valid([&] { check(parse_locset(last).evaluate(m, labels), m); });
    return 0;
}
