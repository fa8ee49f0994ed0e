#pragma once
// The geometry of a live membrane (CellOptions::live): a single compartment whose side area is
// the living cell's membrane area, so that densities painted on it (S/cm², mA/cm²) turn into
// the currents [nA] a dynamic clamp injects. Only the area matters — the voltage is imposed,
// so length, diameter, cm and Ra play no part — and it is drawn as a cylinder as long as it is
// wide: d = L = √(A/π). An ion pool's shell on it has the volume of that cylinder's shell.
#include <cmath>
#include <numbers>
#include <string>

#include "model/morph/morphology.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

inline Morphology live_membrane_morphology(double area_um2, const std::string& source = "live") {
    if (!(area_um2 > 0 && area_um2 <= 1e8))
        throw InputError(source + ": the live membrane's area must be in (0, 1e8] um2, got " +
                         std::to_string(area_um2));
    const double d = std::sqrt(area_um2 / std::numbers::pi);
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{d}}, {d, 0, 0, Diameter{d}}}, {}};
    return Morphology({soma}, source);
}

}  // namespace rtcell
