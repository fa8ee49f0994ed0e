#pragma once
// The implicit cable equation on a tree of nodes, solved in linear time (Hines 1984).
//
// Every node i has a capacitance C_i [nF] and, except the root, an axial conductance g_i [µS]
// to its parent p(i) < i. One implicit step of length dt solves
//
//     (C_i·k/dt + Σ_j g_ij + G_i) ΔV_i − Σ_j g_ij ΔV_j = b_i          (k = 1; Crank–Nicolson 2)
//
// for ΔV [mV], with the sums over the node's neighbours, G_i the membrane's di/dv [µS] and b_i
// the net current into the node [nA]. The matrix is the tree's: its only off-diagonal entries
// are −g_i at (i, p(i)) and (p(i), i), so Gaussian elimination from the last node to the first
// (each node folded into its parent) and substitution from the first to the last are exact and
// take O(n) — three short loops: assemble, eliminate, substitute.
//
// Phases: size with resize(), fill cap and g_axial (and parent), prepare() once per dt; then
// every step assemble(V), let the mechanisms add to d and b, and solve(V, k). Arrays are node ×
// member, member-fastest (index = node·members + m), with one spare slot at the end that the
// SIMD kernels' padding lanes may read and write. Nothing here allocates after resize().
#include <cstddef>
#include <vector>

namespace rtcell {

struct TreeSolver {
    std::size_t n_nodes = 0, members = 1;
    std::vector<int> parent;      // per node; parent[0] = −1, parent[n] < n otherwise
    std::vector<double> cap;      // membrane capacitance [nF]
    std::vector<double> g_axial;  // conductance to the parent node [µS] (0 at the root)
    std::vector<double> d_const;  // the part of d fixed for a dt: C·k/dt + Σ g_axial [µS]
    std::vector<double> d;        // diagonal [µS]: d_const + di/dv; after solve(), 1/d
    std::vector<double> b;        // right-hand side [nA]; after solve(), ΔV [mV]

    // Sizes every array for `nodes` × `members` (+ the spare slot), zeroed; parent all −1.
    void resize(std::size_t nodes, std::size_t member_count);
    // d_const = C·cap_factor + Σ g_axial, cap_factor = k/dt [1/ms].
    void prepare(double cap_factor);
    // d = d_const, b = −Σ g_axial·(V_i − V_j): the axial currents at V(t) [mV].
    void assemble(const double* V);
    // Eliminates, substitutes, and sets V += k·ΔV; b keeps ΔV, from which V(t) is recovered.
    void solve(double* V, double k);
};

}  // namespace rtcell
