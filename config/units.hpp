#pragma once
// Physical quantities in configuration files. Every value carries its unit ("0.12 S/cm2",
// "20 um", "100 Hz"); parse_quantity converts it to the kernel's unit for that dimension and
// throws InputError when the unit is missing, unknown or of the wrong dimension.
//
// Kernel units: µm, ms, mV, nA, µS, S/cm², µF/cm², Ω·cm, °C, Hz, mM, MΩ, µm².
#include <string>

namespace rtcell::units {

enum class Dimension {
    length,               // µm
    time,                 // ms
    voltage,              // mV
    current,              // nA
    conductance,          // µS
    conductance_density,  // S/cm²
    capacitance_density,  // µF/cm²
    resistivity,          // Ω·cm
    temperature,          // °C
    frequency,            // Hz
    concentration,        // mM
    permeability,         // cm/s
    resistance,           // MΩ (a clamp's series resistance)
    area,                 // µm² (a live membrane's)
};

const char* kernel_unit(Dimension d);     // e.g. "um"
const char* dimension_name(Dimension d);  // e.g. "a length"

// A kernel unit as a mechanism's specification names it ("S/cm2", "mV", "ohm*cm") → its
// dimension; false for dimensionless parameters ("1") and units of no dimension here.
bool dimension_of(const std::string& kernel_unit, Dimension& d);

// Parses "<number> <unit>" and returns the value in the kernel unit. `what` names the
// field in error messages.
double parse_quantity(const std::string& text, Dimension d, const std::string& what);

}  // namespace rtcell::units
