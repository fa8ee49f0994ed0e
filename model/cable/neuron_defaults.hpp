#pragma once
// NEURON's defaults, which rtcell keeps so that an unset value means what it means in NEURON:
// axial resistivity Ra, specific capacitance cm, the initial and resting potential, and the
// temperature (h.celsius).
namespace rtcell::neuron_defaults {

inline constexpr double Ra_ohm_cm = 35.4;
inline constexpr double cm_uF_cm2 = 1.0;
inline constexpr double v_init_mV = -65.0;
inline constexpr double celsius_degC = 6.3;

}  // namespace rtcell::neuron_defaults
