#pragma once
// Runtime of the calcium pools on the CVs they are painted on (one instance per CV × member):
// the inner concentration ci [mM], its Nernst potential E [mV], and the total calcium current
// density itotal [mA/cm², NEURON sign: inward < 0] of every channel carrying calcium on that CV.
// Both of braincell's pools share one linear form,
//
//   dci/dt = max(gain·(−itotal), 0) + (C_rest − ci)/tau      [mM/ms]
//
//   CalciumDetailed:   gain = 1e4/(2·F·d) (d in µm), tau and C_rest as given
//   CalciumFirstOrder: dci/dt = max(alpha·I_in, 0) − beta·ci with I_in in µA/cm²,
//                      so gain = 1000·alpha, tau = 1/beta, C_rest = 0
//
// advanced exactly for a fixed itotal: ci += (1 − e^(−dt/tau))·(tau·drive + C_rest − ci), and
// E = 1000·R·T/(2·F)·ln(Co/ci) [mV, T in K], with ci floored at 1e−12 mM so that a pool that
// decays towards zero (the first-order pool) keeps a finite E.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace rtcell {

struct CalciumPool {
    static constexpr double R = 8.31446261815324;  // J/(mol·K)
    static constexpr double F = 96485.33212331;    // C/mol

    std::vector<int> cv;                                      // per instance
    std::vector<double> gain, tau, C_rest, Ci_init, Co, T_K;  // per instance × member
    std::vector<double> ci, E, itotal, decay;                 // per instance × member
    // Per ion instance name ("ca" by default), per CV: first instance index (× P), −1: none.
    std::map<std::string, std::vector<int>> slot_of;

    bool empty() const { return cv.empty(); }

    void nernst() {
        for (std::size_t i = 0; i < ci.size(); ++i)
            E[i] = 1000.0 * R * T_K[i] / (2.0 * F) * std::log(Co[i] / std::max(ci[i], 1e-12));
    }
    void prepare(double dt) {
        for (std::size_t i = 0; i < tau.size(); ++i)
            decay[i] = std::exp(-dt / tau[i]);
    }
    void advance() {
        for (std::size_t i = 0; i < ci.size(); ++i) {
            const double drive = std::max(-itotal[i] * gain[i], 0.0);
            ci[i] += (1.0 - decay[i]) * (tau[i] * drive + C_rest[i] - ci[i]);
        }
    }
    void reset() {
        ci = Ci_init;
        nernst();
    }
};

}  // namespace rtcell
