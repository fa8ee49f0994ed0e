#pragma once
// Internal: one evaluation of a region or locset against a morphology and its labels. Each
// label's value is kept the first time it is computed, so an expression that refers to a label
// many times (a_k: (join a_{k-1} a_{k-1}), thirty deep) costs time linear in the number of
// labels instead of exponential. Cycles are still caught by the depth limit: a label is kept
// only once its value is known.
#include <map>
#include <string>

#include "model/morph/morph_expr.hpp"

namespace rtcell {

struct LabelScope {
    const Morphology& m;
    const LabelDict& labels;
    std::map<std::string, CableList> regions;
    std::map<std::string, LocationList> locsets;
};

// How deep labels may refer to labels, counting the nesting of each expression, during an
// evaluation; deeper means a cycle, in practice. The parser allows half of it in one expression.
constexpr int kMaxLabelDepth = 256;

CableList evaluate_region(const Region& r, LabelScope& scope, int depth);
LocationList evaluate_locset(const Locset& l, LabelScope& scope, int depth);

}  // namespace rtcell
