#pragma once
// The lowering stages (see lowered_cell.hpp for what they produce and in which order).
#include <optional>
#include <vector>

#include "model/cell/cell.hpp"
#include "model/lowering/lowered_cell.hpp"
#include "model/lowering/painted_cvs.hpp"

namespace rtcell {

// What a Cell holds while DECLARING.
struct CellDeclaration {
    const Morphology& morphology;
    const CellOptions& options;
    const std::vector<PaintRule>& paints;
    const std::vector<PlaceRule>& places;
    std::size_t members;
    MemberWindow window = {};  // which members of a population these are (painted_cvs.hpp)
};

LoweredCell lower_cell(const CellDeclaration& cell);
// The CV count of every branch under the cell's policy, from the painted cable properties
// (the d-λ policy needs them before there are CVs): the first step of lower_cell.
std::vector<int> plan_cv_counts(const CellDeclaration& cell);

LoweredNodes lower_nodes(const CvLayout& layout, const PaintedCvs& painted, std::size_t P,
                         const std::optional<double>& V_init);

// A mechanism parameter's value for member m on CV cv: a ParamValue at the CV's midpoint, or
// the region's temperature where the paint asked for it (`T: region`).
MemberValue mechanism_value(const PaintedCvs& painted, const LoweredNodes& nodes);

// The pools painted (keys "<pool>@<instance>"), with their parameters.
IonPools lower_ion_pools(const PaintedCvs& painted, const LoweredNodes& nodes);
// One density mechanism (not a pool): its instances, parameters and temperatures.
LoweredDensity lower_density(const std::string& name, const PaintedCvs& painted,
                             const LoweredNodes& nodes);
// Point mechanisms: one instance per location of the rule's locset (per step of a multi-step
// IClamp).
std::vector<LoweredPoint> lower_points(const CellDeclaration& cell, const CvLayout& layout,
                                       const PaintedCvs& painted, const LoweredNodes& nodes);

}  // namespace rtcell
