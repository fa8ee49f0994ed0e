#pragma once
// What a mechanism exposes to users: its parameters (with defaults and kernel units) and its
// state variables. Used for lookup by name, validation of painted/placed parameters, the
// catalogue listing and runtime parameter access.
#include <limits>
#include <string>
#include <vector>

namespace rtcell {

struct ParamSpec {
    const char* name;
    double default_value;
    const char* unit;  // kernel unit: "S/cm2", "mV", "ms", "nA", "uS", "Hz", "1"
    const char* description;
    // Limits beyond the unit's physical range, in `unit` (an NMODL PARAMETER's <low, high>).
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

struct MechanismSpec {
    std::string name;
    enum class Kind { density, point } kind;
    std::string description;
    std::vector<ParamSpec> params;
    std::vector<std::string> states;
    // Synapses: the unit of an event's weight — "uS" (a conductance step, ExpSyn/Exp2Syn) or "1"
    // (a transmitter drive, the kinetic synapses); empty for everything else.
    std::string event_weight_unit = {};
    // A density mechanism that holds an ion's inner concentration as its own state (an ion
    // pool from NMODL, which WRITEs "cai"): the species and its valence; empty otherwise.
    std::string pool_species = {};
    double pool_valence = 0;
    const ParamSpec* find_param(const std::string& p) const {
        for (const auto& s : params)
            if (p == s.name)
                return &s;
        return nullptr;
    }
};

}  // namespace rtcell
