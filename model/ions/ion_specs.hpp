#pragma once
// The specs of the ion mechanisms the catalogue lists (mechanisms/catalogue.cpp): dynamic
// pools (ion_pools.hpp lowers and steps them) and ion settings (ion_settings.hpp).
#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell {

MechanismSpec calcium_detailed_spec();     // braincell CalciumDetailed: a shell under the membrane
MechanismSpec calcium_first_order_spec();  // braincell CalciumFirstOrder
// The CalciumDetailed shell for a monovalent ion; NEURON's default concentrations at rest.
MechanismSpec monovalent_shell_spec(const char* name, const char* species, const char* symbol,
                                    double inside_mM, double outside_mM);
// braincell's <Ion>Fixed: E, Ci, Co set on the region.
MechanismSpec fixed_ion_spec(const char* name, const char* ion, double E_mV, double Ci_mM,
                             double Co_mM);
// braincell's <Ion>InitNernst: E by Nernst once at init.
MechanismSpec init_nernst_ion_spec(const char* name, const char* ion, double Ci_mM, double Co_mM);

}  // namespace rtcell
