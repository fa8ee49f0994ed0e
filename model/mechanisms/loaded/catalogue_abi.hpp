#pragma once
// The binary interface between rtcell and a mechanism catalogue built from NMODL files
// (`rtcell nmodl build`, tools/nmodl/): plain C structures, so that a catalogue compiled by
// another compiler or with other flags still loads, and a catalogue from another rtcell version
// is recognised and refused (catalogue_loader.hpp) instead of misread.
//
// A catalogue is a shared object exporting `rtcell_catalogue_entry`, a function returning a
// pointer to a static rtcell_catalogue. Each mechanism's kernels run over all its instances
// at once on structure-of-arrays data (rtcell_instances): instance i's parameter k is
// param[k·padded + i], its variable k (states first, then assigned values) var[k·padded + i].
//
// Units: voltages mV, times ms, temperatures °C, lengths µm, areas µm²; parameters in the
// kernel unit of their ParamSpec (the translator converts to the .mod file's own units);
// density currents mA/cm² and conductances S/cm², point-process currents nA and µS.
#include <cstddef>

// Changed whenever a structure below changes; the version string names the rtcell release too.
#define RTCELL_CATALOGUE_ABI 1
#define RTCELL_CATALOGUE_VERSION "rtcell 0.1.0, catalogue ABI 1"

extern "C" {

struct rtcell_param {
    const char* name;
    double default_value;  // in `unit`
    const char* unit;      // a kernel unit ("S/cm2", "mV", ...) or the .mod file's own
    const char* description;
    double min, max;  // in `unit`: the PARAMETER's <low, high>, else ∓infinity
};

// One mechanism's instances (instance = placed or painted location × population member).
struct rtcell_instances {
    std::size_t count;      // instances in use
    std::size_t padded;     // array stride (≥ count)
    const int* node;        // per instance: index into V
    const double* V;        // node voltages [mV]
    double* param;          // n_params × padded
    double* var;            // n_vars × padded: states, then assigned values
    const double* celsius;  // per instance [°C]
    const double* area;     // per instance: its CV's membrane area [µm²]
    const double* diam;     // per instance: its CV's diameter [µm]
    double dt;              // [ms]
    double t;               // [ms]
};

struct rtcell_mechanism {
    const char* name;
    const char* description;
    int kind;  // 0: density (SUFFIX), 1: point process (POINT_PROCESS)
    std::size_t n_params;
    const rtcell_param* params;
    std::size_t n_states;  // the first n_states of vars are STATEs
    std::size_t n_vars;
    const char* const* vars;
    std::size_t n_ions;         // species whose currents it writes ("na", "k", "ca")
    const char* const* ions;    // in USEION order
    const char* concentration;  // the inner concentration it reads ("cai"), or null
    // An ion pool (it WRITEs "cai"): the species whose inner concentration is its variable
    // pool_conc_var, and the parameter pool_current_param that receives the species' total
    // current density [mA/cm²] before every advance; null and −1 for other mechanisms.
    const char* pool_species;
    double pool_valence;
    int pool_conc_var;
    int pool_current_param;
    const char* event_weight_unit;  // point processes with NET_RECEIVE: its weight's unit
    int electrode;  // its current is an ELECTRODE_CURRENT (injected, inward-positive)
    // INITIAL: states from their defaults and the voltages.
    void (*init)(rtcell_instances*);
    // BREAKPOINT's currents at V: which = −1 the total (outward-positive), or the current of
    // ions[which]; g is di/dV, found as NEURON does by a 1 µV difference.
    void (*current)(const rtcell_instances*, int which, double* i, double* g);
    // SOLVE: the states over dt at V (the step's new voltages).
    void (*advance)(rtcell_instances*);
    // NET_RECEIVE for instance i with weight w (null when there is none).
    void (*net_receive)(rtcell_instances*, std::size_t i, double w);
};

struct rtcell_catalogue {
    int abi;                     // RTCELL_CATALOGUE_ABI when built
    const char* version;         // RTCELL_CATALOGUE_VERSION when built
    std::size_t instances_size;  // sizeof(rtcell_instances) when built
    std::size_t mechanism_size;  // sizeof(rtcell_mechanism) when built
    const char* name;
    std::size_t n_mechanisms;
    const rtcell_mechanism* mechanisms;
};

// What a catalogue exports.
typedef const rtcell_catalogue* (*rtcell_catalogue_entry_fn)();
}
