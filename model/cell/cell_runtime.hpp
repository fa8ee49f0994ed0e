#pragma once
// Internal: the initialized state of a Cell (structure-of-arrays over node or CV × member,
// member-fastest), allocated by Cell::init_state from what lowering decided
// (model/lowering/); the step path only reads and writes these arrays.
#include <memory>
#include <string>
#include <vector>

#include "model/cable/tree_solver.hpp"
#include "model/cell/cell.hpp"
#include "model/ions/ion_coupling.hpp"
#include "model/ions/ion_pools.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/points/point_runtime.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

struct Cell::Runtime {
    CvLayout layout;
    std::size_t P = 1;  // members
    std::size_t n_nodes = 0, n_cvs = 0;

    // Node × member, plus one spare slot at the end (index n_nodes·P) that padding lanes of
    // the SIMD kernels read (a finite voltage) and write (ignored).
    std::vector<double> V;          // membrane potential [mV]
    std::vector<double> V_init;     // what reset_state restores [mV]; empty when uniform
    double V_init_uniform = -65.0;  // [mV], when V_init is empty
    TreeSolver solver;              // cap [nF], g_axial [µS], parent, d [µS], b [nA] → ΔV [mV]
    double dv_factor = 1.0;         // V(t+dt) = V(t) + dv_factor·ΔV (2 for Crank–Nicolson)
    // V at the start of the last step, recovered from the solve instead of stored [mV].
    double V_prev(std::size_t i) const { return V[i] - dv_factor * solver.b[i]; }
    std::vector<int> solver_index;  // layout node → solver node
    double dt_prepared = 0;         // the dt that d_const and the decay factors are for

    struct DensitySet {
        std::unique_ptr<DensityRuntime> mech;
        std::vector<int> cv, node;    // per instance
        std::vector<double> celsius;  // padded, per instance × member [°C]
        IonCoupling ions;             // to the pools of the ions it carries and is gated by
    };
    std::vector<DensitySet> density;
    // A probed density-mechanism current (`hh.ina`, `pas.i`): recomputed after every step and
    // at reset from the present V and states, per instance × member (padded) [mA/cm²,
    // outward > 0], as NEURON's ina of the next step; g is its slope, unused.
    struct CurrentProbe {
        const DensitySet* set;
        int ion;  // index into the mechanism's ions(), −1 for its total current
        std::vector<double> i, g;
    };
    std::vector<std::unique_ptr<CurrentProbe>> current_probes;  // stable addresses
    std::vector<std::unique_ptr<PointRuntime>> points;
    IonPools pools;  // dynamic ion concentrations, where pools are painted

    struct BindingState {
        PointRuntime* synapse = nullptr;
        const Binding* binding = nullptr;
        std::vector<double> times;  // spike trains: all event times, sorted [ms]
        std::size_t cursor = 0;     // next undelivered event
        // Random trains, one per member: member m's sorted times [ms] are
        // times[first[m] .. first[m + 1]), its next undelivered event next[m].
        bool per_member = false;
        std::vector<std::size_t> first, next;
        std::vector<double> weight;         // per member [µS per unit]
        std::vector<double> value, mapped;  // per member scratch
    };
    std::vector<BindingState> bindings;

    struct ProbeColumn {
        std::string name;
        const double* source;
        ProbeColumnInfo info;
    };
    std::vector<ProbeColumn> probes;

    // A live membrane's state (options().live; cell_live.cpp), empty otherwise.
    struct LiveState {
        std::vector<double> imposed_V;             // per member, for the next step [mV]
        std::vector<double> current;               // per member, into the cell [nA]
        std::vector<double> parts;                 // part × member [nA]
        std::vector<double> scratch_b, scratch_d;  // node × member (+ spare) [nA], [µS]
        std::vector<double> last_spike_ms;         // per member [ms]
    } live;

    std::vector<std::uint8_t> cell_spike;  // per member
    std::vector<std::uint8_t> cv_spike;    // CV × member, computed when asked for
    int detector_node = 0;
    std::vector<int> cv_node;  // midpoint node of each CV (solver index)

    DensitySet* find_density(const std::string& name) {
        for (auto& d : density)
            if (d.mech->spec().name == name)
                return &d;
        return nullptr;
    }
    PointRuntime* find_point(const std::string& name) {
        for (auto& p : points)
            if (p->name() == name)
                return p.get();
        return nullptr;
    }
};

}  // namespace rtcell
