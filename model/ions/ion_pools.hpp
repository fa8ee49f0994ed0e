#pragma once
// Runtime of the ion pools: a dynamic inner concentration of one ion species on each CV a
// pool is painted on (one instance per CV × member). Every channel that carries the pool's
// species on that CV adds its current density to the pool's total itotal [mA/cm², NEURON
// sign: inward < 0], follows its Nernst potential E [mV], and every channel gated by the
// species' concentration reads ci [mM]. All pool kinds share one linear form,
//
//   dci/dt = max(gain·(−itotal), drive_floor) + (C_rest − ci)/tau      [mM/ms]
//
//   CalciumDetailed:   gain = 1e4/(2·F·d) (d in µm), drive_floor 0 (braincell: only inward
//                      current fills the pool), tau and C_rest as given
//   CalciumFirstOrder: dci/dt = max(alpha·I_in, 0) − beta·ci with I_in in µA/cm², so
//                      gain = 1000·alpha, tau = 1/beta, C_rest = 0
//   SodiumDetailed, PotassiumDetailed: the shell of CalciumDetailed for a monovalent ion,
//                      gain = 1e4/(F·d), in both directions (drive_floor −∞: an outward
//                      current depletes the shell)
//
// advanced exactly for a fixed itotal over dt: ci += w·drive + k·(C_rest − ci) with
// k = 1 − e^(−dt/tau) and w = tau·k; E = nernst_factor·ln(Co/ci), nernst_factor =
// 1000·R·T/(z·F), with ci floored at 1e−12 mM so that a pool decaying towards zero keeps a
// finite E.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace rtcell {

struct IonPools {
    static constexpr double R = 8.31446261815324;  // J/(mol·K)
    static constexpr double F = 96485.33212331;    // C/mol

    // One ion instance: its species ("ca", "na", "k") and, per CV, the index (× P) of its
    // pool there, −1 where it has none.
    struct Instance {
        std::string species;
        std::vector<int> slot;
    };
    std::map<std::string, Instance> instances;  // by instance name ("ca", "ca_t", ...)

    std::vector<int> cv;  // per pool
    // Per pool × member: gain [mM/ms per mA/cm²], tau [ms], C_rest, Ci_init, Co [mM],
    // nernst_factor [mV], drive_floor [mM/ms].
    std::vector<double> gain, tau, C_rest, Ci_init, Co, nernst_factor, drive_floor;
    // Per pool × member: state ci [mM], E [mV], itotal [mA/cm²]; step weights w [ms], k [1].
    std::vector<double> ci, E, itotal, w, k;

    bool empty() const { return cv.empty(); }

    // The state and step arrays sized to the pools lowered so far, ci at Ci_init.
    void size_state() {
        const std::size_t n = Ci_init.size();
        ci = Ci_init;
        E.assign(n, 0.0);
        itotal.assign(n, 0.0);
        w.assign(n, 0.0);
        k.assign(n, 0.0);
    }

    void nernst() {
        for (std::size_t i = 0; i < ci.size(); ++i)
            E[i] = nernst_factor[i] * std::log(Co[i] / std::max(ci[i], 1e-12));
    }
    void prepare(double dt) {
        for (std::size_t i = 0; i < tau.size(); ++i) {
            k[i] = -std::expm1(-dt / tau[i]);
            w[i] = std::isinf(tau[i]) ? dt : tau[i] * k[i];
        }
    }
    void advance() {
        for (std::size_t i = 0; i < ci.size(); ++i) {
            const double drive = std::max(-itotal[i] * gain[i], drive_floor[i]);
            ci[i] += w[i] * drive + k[i] * (C_rest[i] - ci[i]);
        }
    }
    void reset() {
        ci = Ci_init;
        nernst();
    }
};

}  // namespace rtcell
