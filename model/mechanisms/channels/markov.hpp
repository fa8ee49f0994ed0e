#pragma once
// Channels on the Markov template (markov_kernel.hpp): named states (the last is eliminated
// by conservation), directed transitions with their rates [1/ms], the sub-step count, and the
// current. Outward-positive currents, as everywhere in the kernel.
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell::channels {

// SK2 small-conductance calcium-activated potassium channel: the six-state scheme of
// Hirschberg et al. 1998 with the rates Solinas et al. 2007 used for cerebellar Golgi cells.
// Calcium binds three times (C1 → C2 → C3 → C4, each at dirc·cai/diff), C3 and C4 open
// (to O1, O2); ik = g_max·(O1 + O2)·(v − ek). Rates are at 23 °C and scale by
// q10^((celsius − 23)/10). Gated by cai, which follows a calcium pool where one is painted.
struct SK2_So2007 {
    static constexpr const char* name = "SK2_So2007";
    static constexpr const char* description =
        "SK2 calcium-activated potassium channel, six-state kinetic scheme (Hirschberg et al. "
        "1998; rates of Solinas et al. 2007)";
    static constexpr const char* concentration = "cai";
    static constexpr const char* ion = "k";
    static constexpr std::array<ParamSpec, 16> params{{
        {"g_max", 0.038, "S/cm2", "maximal conductance density"},
        {"ek", -84.69, "mV", "potassium reversal potential"},
        {"diff", 3.0, "1", "diffusion factor dividing cai"},
        {"dirc2", 200.0, "1", "C1 -> C2 binding rate [1/(ms·mM)]"},
        {"dirc3", 160.0, "1", "C2 -> C3 binding rate [1/(ms·mM)]"},
        {"dirc4", 80.0, "1", "C3 -> C4 binding rate [1/(ms·mM)]"},
        {"invc1", 0.08, "1", "C2 -> C1 unbinding rate [1/ms]"},
        {"invc2", 0.08, "1", "C3 -> C2 unbinding rate [1/ms]"},
        {"invc3", 0.2, "1", "C4 -> C3 unbinding rate [1/ms]"},
        {"diro1", 0.16, "1", "C3 -> O1 opening rate [1/ms]"},
        {"diro2", 1.2, "1", "C4 -> O2 opening rate [1/ms]"},
        {"invo1", 1.0, "1", "O1 -> C3 closing rate [1/ms]"},
        {"invo2", 0.1, "1", "O2 -> C4 closing rate [1/ms]"},
        {"q10", 3.0, "1", "q10 of every rate (reference 23 degC)"},
        {"cai", 5e-5, "1",
         "intracellular calcium [mM]; follows the calcium pool where one is painted"},
        {"substeps", 4.0, "1",
         "backward-Euler sub-steps per time step (1: NEURON's KINETIC/sparse step)"},
    }};
    static constexpr std::array<const char*, 6> states{"c1", "c2", "c3", "o1", "o2", "c4"};
    enum { c1, c2, c3, o1, o2, c4 };
    enum {
        g_max,
        ek,
        diff,
        dirc2,
        dirc3,
        dirc4,
        invc1,
        invc2,
        invc3,
        diro1,
        diro2,
        invo1,
        invo2,
        q10,
        cai,
        substeps_
    };
    static int substeps(const double* par) {
        return std::max(1, static_cast<int>(std::lround(par[substeps_])));
    }
    static constexpr std::array<std::pair<int, int>, 10> transitions{{
        {c1, c2},
        {c2, c1},
        {c2, c3},
        {c3, c2},
        {c3, c4},
        {c4, c3},
        {c3, o1},
        {o1, c3},
        {c4, o2},
        {o2, c4},
    }};

    static double rate_factor(double celsius, const double* par) {
        return std::pow(par[q10], (celsius - 23.0) / 10.0);
    }
    static void rates(double, const double* par, double q, double* k) {
        const double ca = par[cai] / par[diff];
        const double r[10] = {par[dirc2] * ca, par[invc1], par[dirc3] * ca, par[invc2],
                              par[dirc4] * ca, par[invc3], par[diro1],      par[invo1],
                              par[diro2],      par[invo2]};
        for (int t = 0; t < 10; ++t)
            k[t] = q * r[t];
    }
    static void current(double v, const double* par, const double* s, double& i, double& g) {
        g = par[g_max] * (s[o1] + s[o2]);
        i = g * (v - par[ek]);
    }
};

}  // namespace rtcell::channels
