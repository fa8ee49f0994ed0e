#pragma once
// The first stage of lowering: what the paint rules put on each CV. A rule holds on the CVs
// whose midpoints lie in its region; later rules win per CV and per parameter.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/cable/cv_layout.hpp"
#include "model/cable/cv_policy.hpp"
#include "model/cell/cell_description.hpp"
#include "model/cell/member_window.hpp"
#include "model/ions/ion_settings.hpp"

namespace rtcell {

// One density mechanism or ion pool as painted: where, with which overrides and ion fields.
struct PaintedMechanism {
    std::vector<std::uint8_t> present;                         // per CV
    std::vector<std::map<std::string, ParamValue>> overrides;  // per CV: parameter → value
    std::vector<std::string> ion;                              // per CV: the paint's `ion` field
};

struct PaintedCvs {
    // Cable properties per CV: cm [µF/cm²], Ra [Ω·cm], v_rest [mV], celsius [°C].
    std::vector<ParamValue> cm, Ra, v_rest, celsius;
    IonSettings ions;  // ena, cai, cao, ... per CV (ion_settings.hpp)
    // Mechanisms in the order first painted. Pools are kept apart per ion instance under the
    // key "<pool>@<instance>" ("CalciumDetailed@ca_t"; unnamed: the species, "@ca").
    std::vector<std::string> order;
    std::map<std::string, PaintedMechanism> mechanisms;
    std::vector<double> mid_distance_um;  // per CV: path distance of its midpoint from the root
    // Paints that reach no CV (a region that selects nothing, or no CV's midpoint): not errors,
    // since a label may be empty on one morphology and not another, but never silent.
    std::vector<std::string> warnings;
    MemberWindow window;  // the members lowered

    explicit PaintedCvs(std::size_t num_cvs);
    // value_of (below) for member m of the P lowered, at its place in the population.
    double value(const ParamValue& v, std::size_t m, std::size_t P, double distance_um,
                 const std::string& what) const;
};

// A painted or placed parameter's value for member m of P at path distance [µm] from the root;
// an error names the parameter (`what`).
double value_of(const ParamValue& v, std::size_t m, std::size_t P, double distance_um,
                const std::string& what);

// Ra and cm per branch (the value at each painted cable's middle), which the d-λ policy reads
// before there are CVs.
CableProperties policy_cable_properties(const Morphology& morpho, const LabelDict& labels,
                                        const std::vector<PaintRule>& paints, std::size_t P);

// CVs whose midpoints lie in the cables (the rule that maps regions to CVs).
std::vector<int> cvs_in(const CableList& cables, const CvLayout& layout);

PaintedCvs paint_cvs(const Morphology& morpho, const LabelDict& labels,
                     const std::vector<PaintRule>& paints, const CvLayout& layout);

// The catalogue's density mechanism (channel, pool or ion setting) named `name`, or an
// InputError with a did-you-mean.
const MechanismSpec& density_spec(const std::string& name);

}  // namespace rtcell
