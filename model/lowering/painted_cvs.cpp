#include "model/lowering/painted_cvs.hpp"

#include <algorithm>
#include <cmath>

#include "model/cable/neuron_defaults.hpp"
#include "model/ions/ion_coupling.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

PaintedCvs::PaintedCvs(std::size_t num_cvs)
    : cm(num_cvs, neuron_defaults::cm_uF_cm2),
      Ra(num_cvs, neuron_defaults::Ra_ohm_cm),
      v_rest(num_cvs, neuron_defaults::v_init_mV),
      celsius(num_cvs, neuron_defaults::celsius_degC),
      ions(num_cvs),
      mid_distance_um(num_cvs, 0.0) {}

double value_of(const ParamValue& v, std::size_t m, std::size_t P, double distance_um,
                const std::string& what) {
    try {
        return v.value(m, P, distance_um);
    } catch (const std::invalid_argument& e) {
        throw InputError(what + ": " + e.what());
    }
}

double PaintedCvs::value(const ParamValue& v, std::size_t m, std::size_t P, double distance_um,
                         const std::string& what) const {
    return value_of(v, window.member(m), window.of(P), distance_um, what);
}

const MechanismSpec& density_spec(const std::string& name) {
    if (const CatalogueEntry* e = find_mechanism(name); e && e->role != CatalogueEntry::Role::point)
        return e->spec;
    std::vector<std::string> names;
    for (const auto& s : density_specs())
        names.push_back(s.name);
    throw InputError("unknown density mechanism '" + name + "'" + did_you_mean(name, names));
}

CableProperties policy_cable_properties(const Morphology& morpho, const LabelDict& labels,
                                        const std::vector<PaintRule>& paints, std::size_t P) {
    std::vector<double> Ra(morpho.num_branches(), neuron_defaults::Ra_ohm_cm),
        cm(morpho.num_branches(), neuron_defaults::cm_uF_cm2);
    for (const auto& rule : paints) {
        const auto* c = std::get_if<CableSettings>(&rule.what);
        if (!c)
            continue;
        for (const Cable& cab : rule.region.evaluate(morpho, labels)) {
            const double mid = morpho.path_distance(cab.branch, 0.5 * (cab.x0 + cab.x1));
            if (c->Ra)
                Ra[cab.branch] = c->Ra->value(0, P, mid);
            if (c->cm)
                cm[cab.branch] = c->cm->value(0, P, mid);
        }
    }
    CableProperties cable;
    cable.Ra_per_branch = Ra;
    cable.cm_per_branch = cm;
    return cable;
}

std::vector<int> cvs_in(const CableList& cables, const CvLayout& L) {
    std::vector<int> out;
    for (const Cable& c : cables) {
        const int n = L.branch_cv_count[c.branch];
        const int first = std::max(0, static_cast<int>(std::ceil(c.x0 * n - 0.5 - 1e-12)));
        const int last = std::min(n - 1, static_cast<int>(std::floor(c.x1 * n - 0.5 + 1e-12)));
        for (int k = first; k <= last; ++k)
            out.push_back(L.branch_first_cv[c.branch] + k);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

std::string paint_name(const Paintable& what) {
    if (std::holds_alternative<CableSettings>(what))
        return "cable properties";
    if (const auto* r = std::get_if<Reversal>(&what))
        return "the " + r->ion + " reversal potential";
    return "'" + std::get<Density>(what).mechanism + "'";
}

void paint_cable(PaintedCvs& out, const CableSettings& c, const std::vector<int>& cvs) {
    for (int cv : cvs) {
        if (c.cm)
            out.cm[cv] = *c.cm;
        if (c.Ra)
            out.Ra[cv] = *c.Ra;
        if (c.v_rest)
            out.v_rest[cv] = *c.v_rest;
        if (c.celsius)
            out.celsius[cv] = *c.celsius;
    }
}

// A channel keeps one entry and remembers, per CV, the ion instance names it was painted
// with; a pool is one entry per ion instance.
void paint_mechanism(PaintedCvs& out, const Density& d, const std::vector<int>& cvs) {
    std::string key = d.mechanism;
    if (const std::string species = pool_species(d.mechanism); !species.empty()) {
        const auto names = ion_names(d.ion);
        if (names.size() > 1)
            throw InputError(d.mechanism + ": a pool is one ion instance, not '" + d.ion + "'");
        key += "@" + (names.empty() ? species : names[0]);
    }
    const std::size_t ncv = out.cm.size();
    auto [it, added] = out.mechanisms.try_emplace(key);
    PaintedMechanism& m = it->second;
    if (added) {
        m.present.assign(ncv, 0);
        m.overrides.resize(ncv);
        m.ion.resize(ncv);
        out.order.push_back(key);
    }
    for (int cv : cvs) {
        m.present[cv] = 1;
        m.ion[cv] = d.ion;
        for (const auto& [p, v] : d.params)
            m.overrides[cv][p] = v;
    }
}

}  // namespace

PaintedCvs paint_cvs(const Morphology& morpho, const LabelDict& labels,
                     const std::vector<PaintRule>& paints, const CvLayout& L) {
    const std::size_t ncv = L.num_cvs();
    PaintedCvs out(ncv);
    for (std::size_t cv = 0; cv < ncv; ++cv)
        out.mid_distance_um[cv] = morpho.path_distance(
            L.cv_branch[cv], 0.5 * (L.cv_x0[cv] + L.cv_x1(static_cast<int>(cv))));
    for (const auto& rule : paints) {
        const CableList cables = rule.region.evaluate(morpho, labels);
        const std::vector<int> cvs = cvs_in(cables, L);
        if (cvs.empty())
            out.warnings.push_back(
                "paint of " + paint_name(rule.what) + " on " + rule.region.to_string() +
                (cables.empty() ? " selects nothing on this morphology"
                                : " contains no CV's midpoint, so no CV gets it"));
        if (auto* c = std::get_if<CableSettings>(&rule.what))
            paint_cable(out, *c, cvs);
        else if (auto* r = std::get_if<Reversal>(&rule.what))
            out.ions.paint(*r, cvs);
        else if (const auto& d = std::get<Density>(rule.what); is_ion_setting(d.mechanism))
            out.ions.paint(d, density_spec(d.mechanism), cvs);
        else
            paint_mechanism(out, d, cvs);
    }
    return out;
}

}  // namespace rtcell
