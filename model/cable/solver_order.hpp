#pragma once
// The order in which the tree solver visits nodes. Any node can be the root of the Hines
// elimination; rooting at the tree's centre and numbering nodes breadth-first makes the
// nodes of one level independent of each other, so elimination and back-substitution run as
// several interleaved dependency chains (an unbranched cable becomes two chains of half the
// length) instead of one long chain of divisions.
#include <vector>

namespace rtcell {

struct SolverOrder {
    std::vector<int> solver_index;  // layout node → solver node
    std::vector<int> parent;        // per solver node, −1 for the root
    std::vector<int>
        edge;  // per solver node: the layout node whose parent edge joins it to its parent
};

// `layout_parent`: per layout node, its parent (−1 for node 0).
SolverOrder centre_rooted_order(const std::vector<int>& layout_parent);

}  // namespace rtcell
