#pragma once
// Deterministic layouts of a rooted tree (parent indices, −1 for the root) in picture units:
//   radial      — the root in the middle; every subtree gets an angular wedge proportional to
//                 its number of leaves (as graphviz twopi does); depth d on a ring of radius
//                 R0 + d·ring, with R0 large enough that nodes on one ring keep `spacing` apart.
//   dendrogram  — top-down: leaves `spacing` apart left to right in depth-first order, a parent
//                 centred over its children, depth d at y = d·spacing.
// In both, no two nodes are closer than `spacing`.
#include <string>
#include <vector>

namespace rtcell::vis {

struct Position {
    double x, y;
};

std::vector<Position> radial_layout(const std::vector<int>& parent, double spacing);
std::vector<Position> dendrogram_layout(const std::vector<int>& parent, double spacing);
std::vector<int> tree_depths(const std::vector<int>& parent);

}  // namespace rtcell::vis
