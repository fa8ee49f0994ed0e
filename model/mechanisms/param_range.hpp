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

inline void check_param_range(const ParamSpec& p, double v, const std::string& what) {
    const char* u = p.unit;
    if (!std::isfinite(v))
        throw InputError(what + " [" + u + "] must be finite, not " + std::to_string(v));
    for (const char* non_negative : {"S/cm2", "uS", "cm/s", "mM", "um", "Hz", "ms", "MOhm"})
        if (std::strcmp(u, non_negative) == 0 && v < 0)
            throw InputError(what + " [" + u + "] must not be negative, not " + std::to_string(v));
    if (std::strcmp(u, "degC") == 0 && v < -273.15)
        throw InputError(what + " [degC] is below absolute zero: " + std::to_string(v));
}

}  // namespace rtcell
