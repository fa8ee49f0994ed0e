#pragma once
// Internal: the ion pools' lowering (from Cell::init_state) and how each density mechanism's
// instances meet them. A pool is painted under an ion instance name (default: its species);
// a channel binds each ion it carries, and the ion whose concentration gates it, to the
// instance of that species named in its paint's `ion` field, or else to the default instance.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/ions/ion_pools.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/param_value.hpp"

namespace rtcell {

// How one density mechanism's elements (instance × member) meet the ion pools.
struct IonCoupling {
    struct Write {              // an ion the mechanism's current carries, with a pool somewhere
        std::size_t which = 0;  // index into DensityRuntime::ions()
        int e_param = -1;       // its "e<species>" parameter; −1: none (a GHK current)
        std::vector<int> slot;  // per element: pool index, −1 where there is no pool
    };
    std::vector<Write> writes;
    int conc_param = -1;         // the concentration parameter it is gated by ("cai"); −1: none
    std::vector<int> read_slot;  // per element: pool index, −1 where there is no pool
    std::vector<double> i_scratch, g_scratch;  // per element [mA/cm²], [S/cm²]
    // A pool from NMODL (spec().pool_species): its state "<s>i" is the pool's ci, and its
    // parameter "i<s>" receives the pool's itotal, per element; empty for other mechanisms.
    struct Holds {
        int conc_state = -1, current_param = -1;
        std::vector<int> slot;  // per element: pool index, −1 for padding
    } holds;
};

// A painted parameter's value for member m on CV cv; `what` names it in errors.
using MemberValue =
    std::function<double(const ParamValue&, std::size_t m, int cv, const std::string& what)>;

// The species a pool mechanism holds ("CalciumDetailed" → "ca"); empty if not a pool.
std::string pool_species(const std::string& mechanism);

// The ion instance names in a paint's `ion` field: "ca_t", or several as "ca_t k_sh" or
// "ca_t, k_sh".
std::vector<std::string> ion_names(const std::string& field);

// Adds the pools of one painted (mechanism, instance): one per CV where present[cv], with
// parameters from overrides[cv] or the defaults.
void lower_pools(IonPools& pools, const std::string& mechanism, const std::string& instance,
                 const std::vector<std::uint8_t>& present,
                 const std::vector<std::map<std::string, ParamValue>>& overrides, std::size_t P,
                 const MemberValue& value);

// Adds the pools of a density mechanism that is an ion pool from NMODL (spec.pool_species),
// painted on `cvs` under ion instance `instance` (its species when empty): slots whose
// concentration the mechanism's own state sets (the linear form is left at rest: gain 0,
// tau ∞), Nernst at the CVs' temperatures (celsius_degC, CV × member). Co is set when the
// mechanism is allocated (Cell::allocate), from its "<s>o" parameter.
void lower_nmodl_pool(IonPools& pools, const MechanismSpec& spec, const std::string& instance,
                      const std::vector<int>& cvs, std::size_t n_cvs, std::size_t P,
                      const std::vector<double>& celsius_degC);

// Couples a mechanism painted on CVs `cvs` (one instance each, × P members) to the pools,
// by the `ion` field it was painted with on each CV (ion_field_of_cv[cv]).
IonCoupling couple_ions(const DensityRuntime& mech, const std::vector<int>& cvs,
                        const IonPools& pools, const std::vector<std::string>& ion_field_of_cv,
                        std::size_t P);

// The pool array a probe quantity records: "<instance>.<s>i" (ci), ".e<s>" (E) or ".i<s>"
// (itotal) for an instance of species s ("ca_t.cai", "k_sh.ek"), or "cai", "nai", "eca", ...
// for the unnamed instance of a species. Sets `instance`; nullptr when the quantity is not an
// ion pool's. Throws for a known instance with a field it does not have.
const std::vector<double>* pool_quantity(const IonPools& pools, const std::string& quantity,
                                         std::string& instance);

}  // namespace rtcell
