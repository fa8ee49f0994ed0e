// Lowering of the cable: per node capacitance [nF], axial conductance [µS] and V_init [mV],
// renumbered for the solver (solver_order.hpp); per CV and member the temperature [°C].
#include "model/cable/neuron_defaults.hpp"
#include "model/cable/solver_order.hpp"
#include "model/lowering/lowering.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

namespace {

// In layout order: cap, g_axial and V_init per node × member.
struct LayoutNodes {
    std::vector<double> cap, g, v;
};

LayoutNodes layout_nodes(const CvLayout& L, const PaintedCvs& painted, std::size_t P,
                         const std::vector<double>& Ra_cv, const std::optional<double>& V_init) {
    const std::size_t ncv = L.num_cvs(), nn = L.num_nodes();
    LayoutNodes out{std::vector<double>(nn * P, 0.0), std::vector<double>(nn * P, 0.0),
                    std::vector<double>(nn * P, 0.0)};
    auto member_value = [&](const ParamValue& v, std::size_t m, int cv, const std::string& what) {
        return painted.value(v, m, P, painted.mid_distance_um[cv], what);
    };
    std::vector<double> Ra_member(ncv);
    for (std::size_t n = 0; n < nn; ++n) {
        const int cv_here = L.node_nearest_cv(static_cast<int>(n));
        for (std::size_t m = 0; m < P; ++m) {
            const std::size_t i = n * P + m;
            if (L.node_cv[n] >= 0) {
                const int cv = L.node_cv[n];
                const double c = member_value(painted.cm[cv], m, cv, "cm");
                if (!(c > 0))
                    throw InputError("cm must be positive");
                out.cap[i] = c * L.cv_area_um2[cv] * 1e-5;  // µF/cm² · µm² → nF
            }
            if (n > 0) {
                for (std::size_t cv = 0; cv < ncv; ++cv)
                    Ra_member[cv] = Ra_cv[cv * P + m];
                out.g[i] = 1.0 / L.axial_resistance_MOhm(static_cast<int>(n), Ra_member);  // µS
            }
            out.v[i] =
                V_init ? *V_init : member_value(painted.v_rest[cv_here], m, cv_here, "v_rest");
        }
    }
    return out;
}

}  // namespace

LoweredNodes lower_nodes(const CvLayout& L, const PaintedCvs& painted, std::size_t P,
                         const std::optional<double>& V_init) {
    LoweredNodes out;
    const std::size_t ncv = L.num_cvs(), nn = L.num_nodes();
    out.n_nodes = nn;
    out.n_cvs = ncv;
    out.members = P;
    out.celsius_degC.assign(ncv * P, neuron_defaults::celsius_degC);
    std::vector<double> Ra_cv(ncv * P);
    for (std::size_t cv = 0; cv < ncv; ++cv)
        for (std::size_t m = 0; m < P; ++m) {
            const double d = painted.mid_distance_um[cv];
            Ra_cv[cv * P + m] = painted.value(painted.Ra[cv], m, P, d, "Ra");
            out.celsius_degC[cv * P + m] = painted.value(painted.celsius[cv], m, P, d, "celsius");
            if (!(Ra_cv[cv * P + m] > 0))
                throw InputError("Ra must be positive");
        }
    const LayoutNodes layout = layout_nodes(L, painted, P, Ra_cv, V_init);

    // Renumber nodes for the solver; from here on, node indices are solver indices.
    const SolverOrder order = centre_rooted_order(L.node_parent);
    out.solver_index = order.solver_index;
    out.parent = order.parent;
    out.cap_nF.assign(nn * P, 0.0);
    out.g_axial_uS.assign(nn * P, 0.0);
    out.V_init_mV.assign(nn * P, neuron_defaults::v_init_mV);
    for (std::size_t n = 0; n < nn; ++n) {
        const std::size_t to = static_cast<std::size_t>(order.solver_index[n]);
        for (std::size_t m = 0; m < P; ++m) {
            out.cap_nF[to * P + m] = layout.cap[n * P + m];
            out.V_init_mV[to * P + m] = layout.v[n * P + m];
            if (order.edge[to] >= 0)
                out.g_axial_uS[to * P + m] =
                    layout.g[static_cast<std::size_t>(order.edge[to]) * P + m];
        }
    }
    if (V_init) {  // uniform: no per-node copy
        out.V_init_uniform_mV = *V_init;
        out.V_init_mV.clear();
    }
    out.cv_node.resize(ncv);
    for (std::size_t cv = 0; cv < ncv; ++cv)
        out.cv_node[cv] = out.solver_index[L.cv_node[cv]];
    return out;
}

}  // namespace rtcell
