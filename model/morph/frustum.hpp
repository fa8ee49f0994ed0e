#pragma once
// Closed-form geometry of a frustum (truncated cone): the building block of every branch.
// Lengths and radii in µm. These are the same integrals NEURON uses for 3-D sections
// (treeset.cpp, diam_from_list), so areas and axial resistances agree with it exactly.
#include <cmath>
#include <numbers>

namespace rtcell::frustum {

// Lateral (membrane) area [µm²]; a zero-length frustum is the annulus between the radii.
inline double lateral_area(double length, double r0, double r1) {
    const double dr = r1 - r0;
    return std::numbers::pi * (r0 + r1) * std::sqrt(length * length + dr * dr);
}

// Enclosed volume [µm³].
inline double volume(double length, double r0, double r1) {
    return std::numbers::pi * length * (r0 * r0 + r0 * r1 + r1 * r1) / 3.0;
}

// ∫ dx / (π r(x)²) over the frustum [1/µm]; multiply by Ra [Ω·cm] · 0.01 for MΩ.
inline double resistance_factor(double length, double r0, double r1) {
    return length / (std::numbers::pi * r0 * r1);
}

}  // namespace rtcell::frustum
