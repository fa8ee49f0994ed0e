#include "model/ions/ion_specs.hpp"

#include <string>

namespace rtcell {

MechanismSpec calcium_detailed_spec() {
    return {"CalciumDetailed",
            MechanismSpec::Kind::density,
            "calcium pool: a shell of depth d under the membrane, driven by the inward calcium "
            "current and decaying to C_rest with time constant tau; E_Ca by Nernst from the pool "
            "every step (braincell CalciumDetailed)",
            {{"d", 1.0, "um", "shell depth"},
             {"tau", 5.0, "ms", "decay time constant"},
             {"C_rest", 2.4e-4, "mM", "resting concentration"},
             {"Ci_init", 2.4e-4, "mM", "initial concentration"},
             {"Co", 2.0, "mM", "extracellular concentration"},
             {"T", 36.0, "degC", "temperature of the Nernst potential"}},
            {"ci"}};
}

MechanismSpec calcium_first_order_spec() {
    return {"CalciumFirstOrder",
            MechanismSpec::Kind::density,
            "first-order calcium pool: dci/dt = max(alpha*I_in, 0) - beta*ci with the inward "
            "calcium current I_in in uA/cm2; E_Ca by Nernst from the pool every step (braincell "
            "CalciumFirstOrder)",
            {{"alpha", 0.13, "1", "drive per inward current [mM/ms per uA/cm2]"},
             {"beta", 0.075, "1", "removal rate [1/ms]"},
             {"Ci_init", 2.4e-4, "mM", "initial concentration"},
             {"Co", 2.0, "mM", "extracellular concentration"},
             {"T", 36.0, "degC", "temperature of the Nernst potential"}},
            {"ci"}};
}

MechanismSpec monovalent_shell_spec(const char* name, const char* species, const char* symbol,
                                    double inside_mM, double outside_mM) {
    return {name,
            MechanismSpec::Kind::density,
            std::string(species) + " shell: the CalciumDetailed shell for " + symbol +
                "+ (valence 1), filled by inward and depleted by outward " + species +
                " current, decaying to C_rest with time constant tau; E_" + symbol +
                " by Nernst from the shell every step",
            {{"d", 1.0, "um", "shell depth"},
             {"tau", 1000.0, "ms", "decay time constant (pumps and diffusion, lumped)"},
             {"C_rest", inside_mM, "mM", "resting concentration"},
             {"Ci_init", inside_mM, "mM", "initial concentration"},
             {"Co", outside_mM, "mM", "extracellular concentration"},
             {"T", 36.0, "degC", "temperature of the Nernst potential"}},
            {"ci"}};
}

MechanismSpec fixed_ion_spec(const char* name, const char* ion, double E, double Ci, double Co) {
    const std::string s = ion;
    return {name,
            MechanismSpec::Kind::density,
            "fixed " + s + " (braincell " + name + "): sets e" + s + ", " + s + "i and " + s +
                "o of the channels on its region",
            {{"E", E, "mV", "reversal potential"},
             {"Ci", Ci, "mM", "intracellular concentration"},
             {"Co", Co, "mM", "extracellular concentration"}},
            {}};
}

MechanismSpec init_nernst_ion_spec(const char* name, const char* ion, double Ci, double Co) {
    const std::string s = ion;
    return {name,
            MechanismSpec::Kind::density,
            s + " with e" + s + " by Nernst once at init (braincell " + name + "): sets e" + s +
                ", " + s + "i and " + s + "o of the channels on its region",
            {{"T", 36.0, "degC", "temperature of the Nernst potential"},
             {"Ci", Ci, "mM", "intracellular concentration"},
             {"Co", Co, "mM", "extracellular concentration"}},
            {}};
}

}  // namespace rtcell
