#include "model/cable/tree_solver.hpp"

#include <algorithm>

namespace rtcell {

void TreeSolver::resize(std::size_t nodes, std::size_t member_count) {
    n_nodes = nodes;
    members = member_count;
    const std::size_t size = nodes * member_count + 1;
    parent.assign(nodes, -1);
    for (auto* a : {&cap, &g_axial, &d_const, &d, &b})
        a->assign(size, 0.0);
}

void TreeSolver::prepare(double cap_factor) {
    const std::size_t P = members, N = n_nodes;
    for (std::size_t i = 0; i < N * P; ++i)
        d_const[i] = cap[i] * cap_factor;
    for (std::size_t n = 1; n < N; ++n)
        for (std::size_t m = 0; m < P; ++m) {
            d_const[n * P + m] += g_axial[n * P + m];
            d_const[static_cast<std::size_t>(parent[n]) * P + m] += g_axial[n * P + m];
        }
}

namespace {

// The loops are templates on "one member" so that the common single cell compiles to plain
// loops without an inner member loop.

// One pass: a parent precedes its children, so b[parent] is already initialized when a child
// adds its axial current to it.
template <bool Single>
void assemble_tree(std::size_t N, std::size_t Pdyn, const int* __restrict parent,
                   const double* __restrict g, const double* __restrict V,
                   const double* __restrict d_const, double* __restrict d, double* __restrict b) {
    const std::size_t P = Single ? 1 : Pdyn;
    for (std::size_t m = 0; m < P; ++m) {
        d[m] = d_const[m];
        b[m] = 0.0;
    }
    for (std::size_t n = 1; n < N; ++n) {
        const std::size_t c = n * P, p = static_cast<std::size_t>(parent[n]) * P;
        for (std::size_t m = 0; m < P; ++m) {
            const double flow = g[c + m] * (V[c + m] - V[p + m]);
            d[c + m] = d_const[c + m];
            b[c + m] = -flow;
            b[p + m] += flow;
        }
    }
}

// Elimination leaves to root (off-diagonals are −g_axial), leaving 1/d in d, then
// substitution root to leaves and V += k·ΔV.
template <bool Single>
void solve_tree(std::size_t N, std::size_t Pdyn, const int* __restrict parent,
                const double* __restrict g, double* __restrict d, double* __restrict b,
                double* __restrict V, double k) {
    const std::size_t P = Single ? 1 : Pdyn;
    for (std::size_t n = N - 1; n >= 1; --n) {
        const std::size_t c = n * P, p = static_cast<std::size_t>(parent[n]) * P;
        for (std::size_t m = 0; m < P; ++m) {
            const double inv = 1.0 / d[c + m];
            const double f = g[c + m] * inv;
            d[c + m] = inv;
            d[p + m] -= f * g[c + m];
            b[p + m] += f * b[c + m];
        }
    }
    for (std::size_t m = 0; m < P; ++m) {
        b[m] /= d[m];
        V[m] += k * b[m];
    }
    for (std::size_t n = 1; n < N; ++n) {
        const std::size_t c = n * P, p = static_cast<std::size_t>(parent[n]) * P;
        for (std::size_t m = 0; m < P; ++m) {
            b[c + m] = (b[c + m] + g[c + m] * b[p + m]) * d[c + m];
            V[c + m] += k * b[c + m];
        }
    }
}

}  // namespace

void TreeSolver::assemble(const double* V) {
    if (members == 1)
        assemble_tree<true>(n_nodes, 1, parent.data(), g_axial.data(), V, d_const.data(), d.data(),
                            b.data());
    else
        assemble_tree<false>(n_nodes, members, parent.data(), g_axial.data(), V, d_const.data(),
                             d.data(), b.data());
}

void TreeSolver::solve(double* V, double k) {
    if (members == 1)
        solve_tree<true>(n_nodes, 1, parent.data(), g_axial.data(), d.data(), b.data(), V, k);
    else
        solve_tree<false>(n_nodes, members, parent.data(), g_axial.data(), d.data(), b.data(), V,
                          k);
}

}  // namespace rtcell
