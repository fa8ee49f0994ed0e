#pragma once
// The discretized cell: control volumes (CVs) and the node tree a Hines solver works on.
//
// Each branch with n CVs is cut into n equal-length pieces. Nodes follow NEURON: one node
// at every CV midpoint (carrying the CV's membrane) plus zero-area nodes at branch ends —
// the root's proximal end, and every branch's distal end. Node parents always have smaller
// indices, so a solver can eliminate from the last node to the first and substitute back.
//
// Axial coupling between a node and its parent is the series resistance of the half-CVs
// between them; each half is stored as a geometric factor ∫dx/(π r²) [1/µm], so that
// resistance [MΩ] = 0.01 · Ra [Ω·cm] · factor (see Morphology::resistance_factor).
// A branch attached to the interior of its parent connects its first half-CV straight to
// the node of the parent CV that contains the attachment point, as NEURON does.
#include <vector>

#include "model/morph/morph_expr.hpp"
#include "model/morph/morphology.hpp"

namespace rtcell {

struct CvLayout {
    // Per branch.
    std::vector<int> branch_first_cv;  // index of the branch's most proximal CV
    std::vector<int> branch_cv_count;
    std::vector<int> branch_proximal_node;  // node the branch hangs from
    std::vector<int> branch_distal_node;    // its zero-area distal end node
    std::vector<double> branch_length_um;   // µm

    // Per CV, proximal to distal within each branch, branches in Morphology order.
    std::vector<int> cv_branch;
    std::vector<double> cv_x0;               // proximal end, as a fraction of the branch length
    std::vector<double> cv_area_um2;         // lateral membrane area, µm²
    std::vector<double> cv_volume_um3;       // µm³
    std::vector<double> cv_proximal_factor;  // ∫dx/(πr²) over the proximal half, 1/µm
    std::vector<double> cv_distal_factor;    // ... over the distal half, 1/µm
    std::vector<int> cv_node;                // the CV's midpoint node

    // Per node; node 0 is the root's proximal end.
    enum class NodeKind { root_end, midpoint, distal_end };
    std::vector<NodeKind> node_kind;
    std::vector<int> node_parent;  // -1 for node 0
    std::vector<int> node_cv;      // the CV of a midpoint node, -1 for end nodes
    std::vector<int> node_branch;
    double node_x(int node) const;         // position on node_branch
    double node_area_um2(int node) const;  // the CV's area for midpoints, 0 for ends
    // The CV whose properties a node takes: its own, or for an end node the adjacent one.
    int node_nearest_cv(int node) const;

    double cv_x1(int cv) const {
        return cv_x0[cv] + 1.0 / branch_cv_count[cv_branch[cv]];
    }  // distal end
    double cv_length_um(int cv) const {
        return branch_length_um[cv_branch[cv]] / branch_cv_count[cv_branch[cv]];
    }
    std::size_t num_cvs() const { return cv_branch.size(); }
    std::size_t num_nodes() const { return node_parent.size(); }

    // The CV containing a location (at a boundary between CVs of one branch, x = k/n: the
    // distal one, CV k, as NEURON's node_index does; x = 1 is in the last CV).
    int cv_of(const Location& loc) const;
    // The node a location maps to: a branch end's own node at x = 0 or 1, otherwise the
    // midpoint node of the CV containing it (NEURON's rule for point processes and probes).
    int node_of(const Location& loc) const;
    // Axial resistance [MΩ] between node i and its parent, given Ra [Ω·cm] per CV: the half-CV
    // on this node's side, plus the previous CV's distal half when the parent is the previous
    // midpoint on the same branch (for a distal end node, just the last CV's distal half).
    double axial_resistance_MOhm(int node, const std::vector<double>& Ra_per_cv) const;
};

CvLayout discretize(const Morphology& m, const std::vector<int>& cvs_per_branch);

}  // namespace rtcell
