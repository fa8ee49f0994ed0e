// lower_cell: the lowering stages in order (lowered_cell.hpp).
#include "model/lowering/lowering.hpp"
#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {

std::vector<int> plan_cv_counts(const CellDeclaration& cell) {
    const LabelDict& labels = cell.options.labels;
    return cell.options.cv_policy.cvs_per_branch(
        cell.morphology,
        policy_cable_properties(cell.morphology, labels, cell.paints, cell.window.of(cell.members)),
        labels);
}

LoweredCell lower_cell(const CellDeclaration& cell) {
    const Morphology& morpho = cell.morphology;
    const LabelDict& labels = cell.options.labels;
    const std::size_t P = cell.members;
    LoweredCell out;
    out.layout = discretize(morpho, plan_cv_counts(cell));
    const std::size_t cvs = out.layout.num_cvs();
    if (cvs > kMaxCvMembers / P)
        throw InputError(std::to_string(cvs) + " CVs × " + std::to_string(P) +
                         " members is more than the limit of " + std::to_string(kMaxCvMembers));
    PaintedCvs painted = paint_cvs(morpho, labels, cell.paints, out.layout);
    painted.window = cell.window;
    out.nodes = lower_nodes(out.layout, painted, P, cell.options.V_init);
    // Nernst reversal potentials at init, at the rules' or the regions' temperatures [mV].
    painted.ions.resolve(P, mechanism_value(painted, out.nodes), [&](int cv, std::size_t m) {
        return out.nodes.celsius_degC[static_cast<std::size_t>(cv) * P + m];
    });
    out.pools = lower_ion_pools(painted, out.nodes);
    for (const std::string& name : painted.order)
        if (name.find('@') == std::string::npos) {  // not a built-in pool
            out.densities.push_back(lower_density(name, painted, out.nodes));
            const MechanismSpec& spec = density_spec(name);
            if (!spec.pool_species.empty()) {  // an ion pool from NMODL
                const LoweredDensity& d = out.densities.back();
                const auto names =
                    d.cv.empty() ? std::vector<std::string>{} : ion_names(d.ion[d.cv[0]]);
                lower_nmodl_pool(out.pools, spec, names.empty() ? "" : names[0], d.cv,
                                 out.nodes.n_cvs, P, out.nodes.celsius_degC);
            }
        }
    out.points = lower_points(cell, out.layout, painted, out.nodes);
    out.warnings = painted.warnings;

    const Locset detector = cell.options.detector ? *cell.options.detector : ls::root();
    const LocationList dl = detector.evaluate(morpho, labels);
    if (dl.size() != 1)
        throw InputError("the spike detector locset must give exactly one location");
    out.detector_node = out.nodes.solver_index[out.layout.node_of(dl[0])];
    return out;
}

}  // namespace rtcell
