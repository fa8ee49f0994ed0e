// Lowering of painted density mechanisms and ion pools: instances (painted CV × member) with
// their parameter values in kernel units.
#include "model/ions/ion_coupling.hpp"
#include "model/lowering/lowering.hpp"
#include "model/mechanisms/param_range.hpp"

namespace rtcell {

MemberValue mechanism_value(const PaintedCvs& painted, const LoweredNodes& nodes) {
    const std::size_t P = nodes.members;
    return
        [&painted, &nodes, P](const ParamValue& v, std::size_t m, int cv, const std::string& what) {
            return v.is_region_temperature()
                       ? nodes.celsius_degC[static_cast<std::size_t>(cv) * P + m]
                       : painted.value(v, m, P, painted.mid_distance_um[cv], what);
        };
}

IonPools lower_ion_pools(const PaintedCvs& painted, const LoweredNodes& nodes) {
    IonPools pools;
    const MemberValue value = mechanism_value(painted, nodes);
    for (const std::string& key : painted.order)
        if (const auto at = key.find('@'); at != std::string::npos) {
            const PaintedMechanism& m = painted.mechanisms.at(key);
            lower_pools(pools, key.substr(0, at), key.substr(at + 1), m.present, m.overrides,
                        nodes.members, value);
        }
    return pools;
}

LoweredDensity lower_density(const std::string& name, const PaintedCvs& painted,
                             const LoweredNodes& nodes) {
    const std::size_t P = nodes.members;
    const PaintedMechanism& painted_mech = painted.mechanisms.at(name);
    const MechanismSpec& spec = density_spec(name);
    const MemberValue value = mechanism_value(painted, nodes);
    LoweredDensity out;
    out.mechanism = name;
    out.ion = painted_mech.ion;
    for (std::size_t cv = 0; cv < nodes.n_cvs; ++cv)
        if (painted_mech.present[cv]) {
            out.cv.push_back(static_cast<int>(cv));
            out.node.push_back(nodes.cv_node[cv]);
        }
    const std::size_t count = out.cv.size() * P;
    out.params.assign(spec.params.size(), std::vector<double>(count));
    for (std::size_t k = 0; k < spec.params.size(); ++k) {
        const std::string& pname = spec.params[k].name;
        for (std::size_t inst = 0; inst < out.cv.size(); ++inst) {
            const int cv = out.cv[inst];
            const auto& overrides = painted_mech.overrides[cv];
            const auto it = overrides.find(pname);
            const ParamValue* v =
                it != overrides.end() ? &it->second : painted.ions.find(pname, cv);
            for (std::size_t m = 0; m < P; ++m) {
                const double x =
                    v ? value(*v, m, cv, name + "." + pname) : spec.params[k].default_value;
                check_param_range(spec.params[k], x, name + "." + pname);
                out.params[k][inst * P + m] = x;
            }
        }
    }
    out.celsius_degC.resize(count);
    for (std::size_t inst = 0; inst < out.cv.size(); ++inst)
        for (std::size_t m = 0; m < P; ++m)
            out.celsius_degC[inst * P + m] =
                nodes.celsius_degC[static_cast<std::size_t>(out.cv[inst]) * P + m];
    return out;
}

}  // namespace rtcell
