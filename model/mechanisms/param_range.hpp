#pragma once
// The physical range of a mechanism parameter, read from its kernel unit: conductances,
// permeabilities, concentrations, lengths, frequencies and times cannot be negative, and a
// temperature cannot be below absolute zero. Voltages, currents and dimensionless factors may
// take any finite value. Checked when a cell is lowered, on every instance × member, so that
// a negative conductance or time constant is an error and not a model that blows up.
#include <cmath>
#include <cstring>
#include <string>

#include "model/mechanisms/mechanism_spec.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

// What is wrong with a value in kernel unit `u` ("S/cm2", "ms", ...): nullptr when nothing.
inline const char* unit_range_problem(const char* u, double v) {
    if (!std::isfinite(v))
        return "must be finite";
    for (const char* non_negative : {"S/cm2", "uS", "cm/s", "mM", "um", "Hz", "ms", "MOhm"})
        if (std::strcmp(u, non_negative) == 0 && v < 0)
            return "must not be negative";
    if (std::strcmp(u, "degC") == 0 && v < -273.15)
        return "is below absolute zero";
    return nullptr;
}

// The same as an InputError; `what` names the value.
inline void check_unit_range(const char* u, double v, const std::string& what) {
    if (const char* problem = unit_range_problem(u, v))
        throw InputError(what + " [" + u + "] " + problem + ", not " + std::to_string(v));
}

inline void check_param_range(const ParamSpec& p, double v, const std::string& what) {
    check_unit_range(p.unit, v, what);
    if (v < p.min || v > p.max)
        throw InputError(what + " [" + p.unit + "] must be within [" + std::to_string(p.min) +
                         ", " + std::to_string(p.max) + "] (its .mod file's limits), not " +
                         std::to_string(v));
}

}  // namespace rtcell
