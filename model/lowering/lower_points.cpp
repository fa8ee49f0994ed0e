// Lowering of placed point mechanisms: one instance per location of the rule's locset (and per
// step of a multi-step IClamp), with parameter values per instance × member.
#include "model/lowering/lowering.hpp"
#include "model/mechanisms/param_range.hpp"
#include "model/mechanisms/points/point_runtime.hpp"

namespace rtcell {

namespace {

// Parameter k of instance `inst` for member m: the placed value (or the spec's default), or
// the instance's step of a multi-step IClamp.
double point_value(const Point& p, const ParamSpec& spec, std::size_t inst, std::size_t nsteps,
                   std::size_t m, std::size_t P, double distance_um, const PaintedCvs& painted) {
    const std::string name = spec.name;
    double value = spec.default_value;
    if (auto it = p.params.find(name); it != p.params.end()) {
        value = painted.value(it->second, m, P, distance_um, p.name + "." + name);
        check_param_range(spec, value, p.name + "." + name);
    }
    if (p.steps.empty())
        return value;
    const auto& step = p.steps[inst % nsteps];
    if (name == "delay")
        return step.delay_ms;
    if (name == "dur")
        return step.dur_ms;
    if (name == "amp")
        return painted.value(step.amp_nA, m, P, distance_um, p.name + ".amp");
    return value;
}

LoweredPoint lower_point(const Point& p, const LocationList& locs, const CvLayout& L,
                         const PaintedCvs& painted, const LoweredNodes& nodes) {
    const std::size_t P = nodes.members;
    const MechanismSpec& spec = *find_point_spec(p.mechanism);
    LoweredPoint out{p.name, p.mechanism, {}, {}, {}};
    const std::size_t nsteps = p.steps.empty() ? 1 : p.steps.size();
    for (const Location& loc : locs)
        for (std::size_t s = 0; s < nsteps; ++s) {
            out.node.push_back(nodes.solver_index[L.node_of(loc)]);
            out.cv.push_back(L.cv_of(loc));
        }
    out.params.assign(spec.params.size(), std::vector<double>(out.node.size() * P));
    for (std::size_t k = 0; k < spec.params.size(); ++k)
        for (std::size_t inst = 0; inst < out.node.size(); ++inst)
            for (std::size_t m = 0; m < P; ++m)
                out.params[k][inst * P + m] =
                    point_value(p, spec.params[k], inst, nsteps, m, P,
                                painted.mid_distance_um[out.cv[inst]], painted);
    return out;
}

}  // namespace

std::vector<LoweredPoint> lower_points(const CellDeclaration& cell, const CvLayout& L,
                                       const PaintedCvs& painted, const LoweredNodes& nodes) {
    std::vector<LoweredPoint> out;
    for (const auto& rule : cell.places)
        if (const auto* p = std::get_if<Point>(&rule.what))
            out.push_back(lower_point(
                *p, rule.locset.evaluate(cell.morphology, cell.options.labels), L, painted, nodes));
    return out;
}

}  // namespace rtcell
