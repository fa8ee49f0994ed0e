#pragma once
// The Markov (kinetic-scheme) template: turns a channel written as named states and directed
// transitions (channels_markov.hpp) into a DensityRuntime. The last state is eliminated by
// conservation (the states sum to 1), leaving the linear system ds/dt = M·s + c over the
// others. Each step takes C::substeps(params) backward-Euler sub-steps with the rates held at V(t +
// dt) and the concentration of the step — implicit, so stiff schemes stay stable — and init_states
// solves M·s = −c for the steady state. Per instance and scalar: the systems are tiny
// (N ≤ 8), and everything lives in fixed-size arrays on the stack.
#include <array>
#include <cmath>

#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/kernel_spec.hpp"

namespace rtcell {

template <class C>
class MarkovKernel final : public DensityRuntime {
    static constexpr std::size_t NP = C::params.size();
    static constexpr std::size_t N = C::states.size();  // the last one is eliminated
    static constexpr std::size_t NR = N - 1;            // states integrated
    static constexpr std::size_t NT = C::transitions.size();
    using Matrix = std::array<std::array<double, NR>, NR>;
    using Vector = std::array<double, NR>;

  public:
    static const MechanismSpec& static_spec() { return spec_of<C>(); }
    const MechanismSpec& spec() const override { return spec_of<C>(); }
    std::span<const char* const> ions() const override { return ions_of<C>(); }
    const char* concentration() const override { return concentration_of<C>(); }

    void prepare(const double* celsius) override {
        for (std::size_t i = 0; i < padded_; ++i) {
            const auto p = params_of(i);
            rate_factor_[i] = C::rate_factor(celsius[i], p.data());
        }
    }

    void init_states(const double* V) override {
        for (std::size_t i = 0; i < padded_; ++i) {
            Matrix M;
            Vector c;
            reduced_system(V[index_[i]], i, M, c);
            for (std::size_t r = 0; r < NR; ++r) {  // M·s = −c
                for (std::size_t k = 0; k < NR; ++k)
                    M[r][k] = -M[r][k];
            }
            solve(M, c);
            store(i, c);
        }
    }

    void accumulate(const double* V, double* b, double* d) const override {
        for (std::size_t i = 0; i < padded_; ++i) {
            double ii, gg;
            current_of(V[index_[i]], i, ii, gg);
            b[index_[i]] -= ii * area_factor_[i];
            d[index_[i]] += gg * area_factor_[i];
        }
    }

    void current(const double* V, double* i_out, double* g_out) const override {
        for (std::size_t i = 0; i < padded_; ++i)
            current_of(V[index_[i]], i, i_out[i], g_out[i]);
    }

    void advance(const double* V, double dt) override {
        for (std::size_t i = 0; i < padded_; ++i) {
            const int n = C::substeps(params_of(i).data());
            const double h = dt / n;
            Matrix M;
            Vector c, s;
            reduced_system(V[index_[i]], i, M, c);
            // (I − h·M)·s' = s + h·c, the same matrix for every sub-step: factor once.
            for (std::size_t r = 0; r < NR; ++r)
                for (std::size_t k = 0; k < NR; ++k)
                    M[r][k] = (r == k ? 1.0 : 0.0) - h * M[r][k];
            std::array<std::size_t, NR> pivot;
            factor(M, pivot);
            for (std::size_t r = 0; r < NR; ++r)
                s[r] = state(r)[i];
            for (int step = 0; step < n; ++step) {
                for (std::size_t r = 0; r < NR; ++r)
                    s[r] += h * c[r];
                substitute(M, pivot, s);
            }
            store(i, s);
        }
    }

  private:
    std::array<double, NP + 1> params_of(std::size_t i) const {
        std::array<double, NP + 1> p{};
        for (std::size_t k = 0; k < NP; ++k)
            p[k] = param(k)[i];
        return p;
    }

    // ds/dt = M·s + c over the first N − 1 states, the last being 1 − Σ s.
    void reduced_system(double v, std::size_t i, Matrix& M, Vector& c) const {
        const auto p = params_of(i);
        std::array<double, NT + 1> k{};
        C::rates(v, p.data(), rate_factor_[i], k.data());
        std::array<std::array<double, N>, N> A{};  // full generator: ds/dt = A·s
        for (std::size_t t = 0; t < NT; ++t) {
            const auto [from, to] = C::transitions[t];
            A[to][from] += k[t];
            A[from][from] -= k[t];
        }
        for (std::size_t r = 0; r < NR; ++r) {
            c[r] = A[r][NR];
            for (std::size_t j = 0; j < NR; ++j)
                M[r][j] = A[r][j] - A[r][NR];
        }
    }

    void store(std::size_t i, const Vector& s) {
        double rest = 1.0;
        for (std::size_t r = 0; r < NR; ++r) {
            state(r)[i] = s[r];
            rest -= s[r];
        }
        state(NR)[i] = rest;
    }

    void current_of(double v, std::size_t i, double& ii, double& gg) const {
        const auto p = params_of(i);
        std::array<double, N> s;
        for (std::size_t r = 0; r < N; ++r)
            s[r] = state(r)[i];
        C::current(v, p.data(), s.data(), ii, gg);
    }

    // LU factorization with partial pivoting, in place.
    static void factor(Matrix& A, std::array<std::size_t, NR>& pivot) {
        for (std::size_t col = 0; col < NR; ++col) {
            std::size_t best = col;
            for (std::size_t r = col + 1; r < NR; ++r)
                if (std::fabs(A[r][col]) > std::fabs(A[best][col]))
                    best = r;
            pivot[col] = best;
            std::swap(A[col], A[best]);
            for (std::size_t r = col + 1; r < NR; ++r) {
                A[r][col] /= A[col][col];
                for (std::size_t k = col + 1; k < NR; ++k)
                    A[r][k] -= A[r][col] * A[col][k];
            }
        }
    }
    static void substitute(const Matrix& LU, const std::array<std::size_t, NR>& pivot, Vector& x) {
        // Whole rows were swapped while factoring (P·A = L·U): permute, then L, then U.
        for (std::size_t col = 0; col < NR; ++col)
            std::swap(x[col], x[pivot[col]]);
        for (std::size_t col = 0; col < NR; ++col)
            for (std::size_t r = col + 1; r < NR; ++r)
                x[r] -= LU[r][col] * x[col];
        for (std::size_t r = NR; r-- > 0;) {
            for (std::size_t k = r + 1; k < NR; ++k)
                x[r] -= LU[r][k] * x[k];
            x[r] /= LU[r][r];
        }
    }
    static void solve(Matrix A, Vector& x) {
        std::array<std::size_t, NR> pivot;
        factor(A, pivot);
        substitute(A, pivot, x);
    }
};

}  // namespace rtcell
