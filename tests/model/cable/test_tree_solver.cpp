// TreeSolver alone: on random trees (random shapes, conductances, capacitances, membrane
// contributions and populations) the O(n) elimination equals a dense Gaussian elimination of the
// same matrix, and assemble() gives the axial currents of the voltages it is handed.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <utility>

#include "model/cable/tree_solver.hpp"

using namespace rtcell;

namespace {

struct RandomSystem {
    TreeSolver solver;
    std::vector<double> V;  // node × member [mV]
};

// A random tree (parent[n] uniform over 0..n−1: chains, stars and everything between) with
// random passive properties, assembled at random voltages, plus random membrane terms.
RandomSystem random_system(std::mt19937& rng, std::size_t N, std::size_t P, double cap_factor) {
    std::uniform_real_distribution<double> g(0.01, 10.0), c(0.001, 1.0), v(-80.0, 40.0),
        gm(0.0, 1.0), im(-1.0, 1.0);
    RandomSystem s;
    s.solver.resize(N, P);
    for (std::size_t n = 1; n < N; ++n)
        s.solver.parent[n] = std::uniform_int_distribution<int>(0, static_cast<int>(n) - 1)(rng);
    for (std::size_t i = 0; i < N * P; ++i) {
        s.solver.cap[i] = c(rng);
        s.solver.g_axial[i] = i < P ? 0.0 : g(rng);
    }
    s.solver.prepare(cap_factor);
    s.V.resize(N * P + 1);
    for (auto& x : s.V)
        x = v(rng);
    s.solver.assemble(s.V.data());
    for (std::size_t i = 0; i < N * P; ++i) {  // what the mechanisms add
        s.solver.d[i] += gm(rng);
        s.solver.b[i] += im(rng);
    }
    return s;
}

// The same system for member m written out as a dense matrix and solved by Gaussian elimination
// with partial pivoting, which knows nothing of the tree.
std::vector<double> dense_solve(const TreeSolver& s, std::size_t m) {
    const std::size_t N = s.n_nodes, P = s.members;
    std::vector<std::vector<double>> A(N, std::vector<double>(N + 1, 0.0));  // [A | rhs]
    for (std::size_t n = 0; n < N; ++n) {
        A[n][n] = s.d[n * P + m];
        A[n][N] = s.b[n * P + m];
    }
    for (std::size_t n = 1; n < N; ++n) {
        const auto p = static_cast<std::size_t>(s.parent[n]);
        A[n][p] = A[p][n] = -s.g_axial[n * P + m];
    }
    for (std::size_t col = 0; col < N; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < N; ++r)
            if (std::abs(A[r][col]) > std::abs(A[pivot][col]))
                pivot = r;
        std::swap(A[col], A[pivot]);
        for (std::size_t r = col + 1; r < N; ++r) {
            const double f = A[r][col] / A[col][col];
            for (std::size_t c = col; c <= N; ++c)
                A[r][c] -= f * A[col][c];
        }
    }
    std::vector<double> x(N);
    for (std::size_t r = N; r-- > 0;) {
        double sum = A[r][N];
        for (std::size_t c = r + 1; c < N; ++c)
            sum -= A[r][c] * x[c];
        x[r] = sum / A[r][r];
    }
    return x;
}

}  // namespace

TEST_CASE("TreeSolver equals a dense solve on random trees", "[cable][solver]") {
    std::mt19937 rng(20261201);
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t N = 1 + static_cast<std::size_t>(trial % 40) * 3;
        const std::size_t P = 1 + static_cast<std::size_t>(trial % 3);
        const double k = trial % 2 ? 2.0 : 1.0;  // backward Euler and Crank–Nicolson
        RandomSystem s = random_system(rng, N, P, k / 0.025);
        std::vector<std::vector<double>> expected;
        for (std::size_t m = 0; m < P; ++m)
            expected.push_back(dense_solve(s.solver, m));
        const std::vector<double> V0 = s.V;
        s.solver.solve(s.V.data(), k);
        for (std::size_t m = 0; m < P; ++m)
            for (std::size_t n = 0; n < N; ++n) {
                INFO("trial " << trial << " N " << N << " member " << m << " node " << n);
                const double dv = expected[m][n];
                CHECK(s.solver.b[n * P + m] == Approx(dv).margin(1e-10).epsilon(1e-9));
                CHECK(s.V[n * P + m] - V0[n * P + m] == Approx(k * dv).margin(1e-9).epsilon(1e-9));
            }
    }
}

TEST_CASE("TreeSolver::assemble gives d_const and the axial currents at V", "[cable][solver]") {
    TreeSolver s;
    s.resize(3, 1);  // 0 ← 1 ← 2 and 0 ← ... : a chain 0 - 1 - 2
    s.parent = {-1, 0, 1};
    s.cap = {1.0, 2.0, 3.0, 0.0};
    s.g_axial = {0.0, 0.5, 0.25, 0.0};
    s.prepare(10.0);  // 1/ms
    CHECK(s.d_const[0] == Approx(10.0 + 0.5));
    CHECK(s.d_const[1] == Approx(20.0 + 0.5 + 0.25));
    CHECK(s.d_const[2] == Approx(30.0 + 0.25));
    const double V[] = {-65.0, -60.0, -40.0, 0.0};
    s.assemble(V);
    // Current into node 0 from node 1: 0.5 µS · 5 mV = 2.5 nA; node 1 gains 0.25·20 and loses 2.5.
    CHECK(s.b[0] == Approx(2.5));
    CHECK(s.b[1] == Approx(-2.5 + 5.0));
    CHECK(s.b[2] == Approx(-5.0));
    CHECK(s.b[0] + s.b[1] + s.b[2] == Approx(0.0).margin(1e-12));  // charge is conserved
}
