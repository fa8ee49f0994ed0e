#pragma once
// A .mod PARAMETER's unit as rtcell's configuration knows it. rtcell stores every parameter in
// its kernel unit (µm, ms, mV, nA, µS, S/cm², mM, cm/s, °C, ...), so that a configuration
// writes "0.12 S/cm2" or "120 mS/cm2" for any mechanism alike; the generated code multiplies
// by `to_mod` where the .mod file computes in another unit of the same dimension. Units rtcell
// has no dimension for (/ms, mA/cm2, mM/ms, ...) are kept as written: such a parameter is a
// plain number in the .mod file's unit.
#include <string>

namespace rtcell::nmodl {

struct ParamUnit {
    std::string unit;   // the ParamSpec unit: a kernel unit, "1", or the .mod's own
    double to_mod = 1;  // value in the .mod's unit = value in `unit` · to_mod
};

ParamUnit param_unit(const std::string& mod_unit);

}  // namespace rtcell::nmodl
