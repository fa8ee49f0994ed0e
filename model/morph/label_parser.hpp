#pragma once
// The text form of regions and locsets, used in configuration files. An s-expression in
// the style of Arbor's label language:
//
//   region := (all) | (nil) | (branch B) | (cable B x0 x1) | (tag N) | (type NAME)
//           | (branch-length lo hi) | (branch-radius lo hi) | (branch-order lo hi)
//           | (distance-between lo hi LOCSET) | (distance-ge d LOCSET) | (distance-le d LOCSET)
//           | (radius-between lo hi) | (subtree B)
//           | (proximal-interval LOCSET [extent]) | (distal-interval LOCSET [extent])
//           | (join REGION...) | (intersect REGION...) | (difference REGION REGION)
//           | (complement REGION) | (region "label") | "label" | label
//   locset := (root) | (location B x) | (terminal) | (fork) | (uniform REGION n)
//           | (random REGION n seed) | (on-branches x) | (proximal REGION) | (distal REGION)
//           | (restrict LOCSET REGION) | (join LOCSET...) | (sum LOCSET...)
//           | (locset "label") | "label" | label
//   B := branch index | "branch name";  NAME := soma | axon | basal_dendrite | apical_dendrite
//        | custom (bare or quoted);  lengths in µm, x in [0, 1].
//
// Errors are InputError with the column: "region '(tag x)': column 6: expected a number".
#include <string>

#include "model/morph/morph_expr.hpp"

namespace rtcell {

Region parse_region(const std::string& text);
Locset parse_locset(const std::string& text);

}  // namespace rtcell
