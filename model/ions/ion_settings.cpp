// Ion settings painted on regions: fixed values and Nernst-at-init reversal potentials for
// the channel parameters named after an ion (see ion_settings.hpp).
#include "model/ions/ion_settings.hpp"

#include <cmath>

#include "model/ions/ion_pools.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

int ion_valence(const std::string& ion) {
    if (ion == "na" || ion == "k")
        return 1;
    if (ion == "ca")
        return 2;
    if (ion == "cl")
        return -1;
    return 0;
}

double nernst_mV(double inside_mM, double outside_mM, int valence, double celsius) {
    return 1000.0 * IonPools::R * (celsius + 273.15) / (valence * IonPools::F) *
           std::log(outside_mM / inside_mM);
}

std::optional<IonSettingKind> ion_setting_kind(const std::string& mechanism) {
    for (const auto& [prefix, species] :
         {std::pair{"Sodium", "na"}, std::pair{"Potassium", "k"}, std::pair{"Calcium", "ca"}}) {
        if (mechanism == std::string(prefix) + "Fixed")
            return IonSettingKind{species, false};
        if (mechanism == std::string(prefix) + "InitNernst")
            return IonSettingKind{species, true};
    }
    return std::nullopt;
}

void IonSettings::set(const std::string& name, const std::vector<int>& cvs, const ParamValue& v) {
    auto& values = values_[name];
    values.resize(num_cvs_);
    for (int cv : cvs) {
        values[cv] = v;
        if (auto n = nernst_.find(name); n != nernst_.end())
            n->second[cv].reset();  // a later fixed value replaces an earlier Nernst rule
    }
}

void IonSettings::paint(const Reversal& r, const std::vector<int>& cvs) {
    const std::string key = "e" + r.ion;
    set(key, cvs, r.E);
    if (!r.nernst_from)
        return;
    auto& rules = nernst_[key];
    rules.resize(num_cvs_);
    for (int cv : cvs)
        rules[cv] = NernstRule{r.nernst_from->inside_mM, r.nernst_from->outside_mM, std::nullopt,
                               ion_valence(r.ion), "reversal of '" + r.ion + "'"};
}

void IonSettings::paint(const Density& ion, const MechanismSpec& spec,
                        const std::vector<int>& cvs) {
    const auto kind = ion_setting_kind(ion.mechanism);
    if (!kind)
        throw InputError("'" + ion.mechanism + "' is not a fixed or Nernst-at-init ion");
    if (!ion.ion.empty())
        throw InputError(ion.mechanism + " sets the species " + kind->species +
                         " on its region; it takes no ion instance");
    auto param = [&](const char* name) -> ParamValue {
        const auto given = ion.params.find(name);
        return given != ion.params.end() ? given->second : spec.find_param(name)->default_value;
    };
    const std::string& s = kind->species;
    set(s + "i", cvs, param("Ci"));
    set(s + "o", cvs, param("Co"));
    if (!kind->nernst_at_init) {
        set("e" + s, cvs, param("E"));
        return;
    }
    set("e" + s, cvs, 0.0);  // replaced in resolve()
    auto& rules = nernst_["e" + s];
    rules.resize(num_cvs_);
    for (int cv : cvs)
        rules[cv] = NernstRule{param("Ci"), param("Co"), param("T"), ion_valence(s), ion.mechanism};
}

void IonSettings::resolve(std::size_t P, const MemberValue& value,
                          const std::function<double(int cv, std::size_t m)>& region_celsius) {
    for (const auto& [key, rules] : nernst_)
        for (std::size_t cv = 0; cv < rules.size(); ++cv) {
            if (!rules[cv])
                continue;
            const NernstRule& r = *rules[cv];
            const int c = static_cast<int>(cv);
            std::vector<double> E(P);
            for (std::size_t m = 0; m < P; ++m) {
                const double in = value(r.inside_mM, m, c, r.what + ".Ci");
                const double out = value(r.outside_mM, m, c, r.what + ".Co");
                if (!(in > 0 && out > 0))
                    throw InputError(r.what + ": Nernst concentrations must be positive");
                const double celsius =
                    r.celsius ? value(*r.celsius, m, c, r.what + ".T") : region_celsius(c, m);
                E[m] = nernst_mV(in, out, r.valence, celsius);
            }
            values_[key][cv] = ParamValue::per_member(E);
        }
}

const ParamValue* IonSettings::find(const std::string& name, int cv) const {
    const auto it = values_.find(name);
    if (it == values_.end() || !it->second[cv])
        return nullptr;
    return &*it->second[cv];
}

}  // namespace rtcell
