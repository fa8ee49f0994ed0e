#pragma once
// Arithmetic that channel rate functions share, written once for two number types: plain
// double (unit tests, initialization) and Eigen fixed-size arrays (the SIMD step path, where
// exp is Eigen's vectorized exp). A rate function written with these helpers compiles for
// both, so the formulas that are tested are the formulas that run.
#include <Eigen/Core>
#include <cmath>

namespace rtcell::chanmath {

constexpr int kLanes = 8;  // values per SIMD chunk in the step path
using Lanes = Eigen::Array<double, kLanes, 1>;

inline double exp(double x) {
    return std::exp(x);
}
inline Lanes exp(const Lanes& x) {
    return x.exp();
}
inline double abs(double x) {
    return std::fabs(x);
}
inline Lanes abs(const Lanes& x) {
    return x.abs();
}
inline double pow(double x, double y) {
    return std::pow(x, y);
}
inline double log(double x) {
    return std::log(x);
}
inline Lanes log(const Lanes& x) {
    return x.log();
}

// Element access that works for both number types (scalar code inside a rate function).
inline int lanes(double) {
    return 1;
}
inline int lanes(const Lanes&) {
    return kLanes;
}
inline double& at(double& x, int) {
    return x;
}
inline double at(const double& x, int) {
    return x;
}
inline double& at(Lanes& x, int k) {
    return x[k];
}
inline double at(const Lanes& x, int k) {
    return x[k];
}

// cond ? a : b, element by element.
inline double where(bool cond, double a, double b) {
    return cond ? a : b;
}
template <class C>
inline Lanes where(const C& cond, const Lanes& a, const Lanes& b) {
    return cond.select(a, b);
}

// x / (exp(x) − 1) = 1 / exprel(x), with its limit 1 − x/2 near 0 (braincell's 1/exprel).
inline double inv_exprel(double x) {
    return std::fabs(x) < 1e-6 ? 1.0 - x / 2.0 : x / (std::exp(x) - 1.0);
}
// The SIMD form computes every lane the fast way and patches the (rare) lanes near 0, since a
// lane-wise select would evaluate slowly, element by element.
inline Lanes inv_exprel(const Lanes& x) {
    Lanes out = x / (x.exp() - 1.0);
    if ((x.abs() < 1e-6).any())
        for (int k = 0; k < kLanes; ++k)
            out[k] = inv_exprel(x[k]);
    return out;
}

// x / (exp(x / y) − 1), with its limit y·(1 − x/y/2) near x = 0 (NEURON's vtrap).
template <class T>
inline T vtrap(const T& x, double y) {
    return T(y * inv_exprel(T(x * (1.0 / y))));
}

// Steady state and time constant from opening and closing rates [1/ms], with a rate factor
// q (q10 or braincell's phi): inf = α/(α+β), τ = 1/(q·(α+β)).
template <class T>
inline void from_alpha_beta(const T& alpha, const T& beta, const T& q, T& inf, T& tau) {
    const T sum = alpha + beta;
    inf = alpha / sum;
    tau = 1.0 / (q * sum);
}

// Goldman–Hodgkin–Katz flux of an ion of valence z as a current density per unit
// permeability: i [mA/cm² per cm/s] = z·F·1e-3·ξ/(1 − e^(−ξ))·(ci − co·e^(−ξ)) with
// ξ = z·F·v/(R·T), v [mV], concentrations [mM], T [K]; outward-positive. ξ/(1 − e^(−ξ)) is
// inv_exprel(−ξ), which takes the small-ξ limit (1 + ξ/2) near v = 0.
template <class T>
inline T ghk(const T& v, const T& ci, const T& co, double z, const T& kelvin) {
    constexpr double F = 96485.33212331, R = 8.31446261815324;  // C/mol, J/(mol·K)
    const T xi = z * F * 1e-3 * v / (R * kelvin);
    return z * F * 1e-3 * inv_exprel(T(-xi)) * (ci - co * exp(T(-xi)));
}

}  // namespace rtcell::chanmath
