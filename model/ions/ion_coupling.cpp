// Ion pools: lowering of painted pools onto IonPools' one linear form, and the coupling of
// density mechanisms to them (see ion_coupling.hpp and ion_pools.hpp).
#include "model/ions/ion_coupling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "model/mechanisms/catalogue.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

struct PoolKind {
    const char* mechanism;
    const char* species;
    double valence;
};
constexpr PoolKind kPoolKinds[] = {
    {"CalciumDetailed", "ca", 2.0},
    {"CalciumFirstOrder", "ca", 2.0},
    {"SodiumDetailed", "na", 1.0},
    {"PotassiumDetailed", "k", 1.0},
};

const PoolKind* pool_kind(const std::string& mechanism) {
    for (const auto& k : kPoolKinds)
        if (mechanism == k.mechanism)
            return &k;
    return nullptr;
}

// "cai" → "ca": the species of a concentration parameter.
std::string species_of_concentration(const char* conc) {
    std::string s = conc ? conc : "";
    if (!s.empty() && s.back() == 'i')
        s.pop_back();
    return s;
}

std::string number_text(double x) {
    std::ostringstream text;
    text << x;
    return text.str();
}

int param_index(const MechanismSpec& spec, const std::string& name) {
    for (std::size_t k = 0; k < spec.params.size(); ++k)
        if (name == spec.params[k].name)
            return static_cast<int>(k);
    return -1;
}

}  // namespace

std::string pool_species(const std::string& mechanism) {
    const PoolKind* k = pool_kind(mechanism);
    return k ? k->species : "";
}

std::vector<std::string> ion_names(const std::string& field) {
    std::vector<std::string> names;
    std::string word;
    for (char ch : field + " ") {
        if (ch == ' ' || ch == ',' || ch == '\t') {
            if (!word.empty())
                names.push_back(word);
            word.clear();
        } else {
            word += ch;
        }
    }
    return names;
}

void lower_pools(IonPools& pools, const std::string& mechanism, const std::string& instance,
                 const std::vector<std::uint8_t>& present,
                 const std::vector<std::map<std::string, ParamValue>>& overrides, std::size_t P,
                 const MemberValue& value) {
    const PoolKind* kind = pool_kind(mechanism);
    const CatalogueEntry* entry = find_mechanism(mechanism);
    const MechanismSpec* spec =
        entry && entry->role == CatalogueEntry::Role::pool ? &entry->spec : nullptr;
    if (!kind || !spec)
        throw InputError("'" + mechanism + "' is not an ion pool");
    IonPools::Instance& inst = pools.instances[instance];
    if (inst.slot.empty()) {
        inst.species = kind->species;
        inst.slot.assign(present.size(), -1);
    } else if (inst.species != kind->species) {
        throw InputError(mechanism + ": ion instance '" + instance + "' already holds " +
                         inst.species + ", not " + kind->species);
    }
    const bool detailed = mechanism != "CalciumFirstOrder";
    const bool calcium = std::string(kind->species) == "ca";
    for (std::size_t cv = 0; cv < present.size(); ++cv) {
        if (!present[cv])
            continue;
        if (inst.slot[cv] >= 0)
            throw InputError(mechanism + ": CV " + std::to_string(cv) +
                             " already holds a pool of ion '" + instance +
                             "'; paint one pool per ion instance and region");
        inst.slot[cv] = static_cast<int>(pools.cv.size() * P);
        pools.cv.push_back(static_cast<int>(cv));
        for (std::size_t m = 0; m < P; ++m) {
            std::map<std::string, double> v;
            for (const auto& param : spec->params) {
                const auto it = overrides[cv].find(param.name);
                v[param.name] =
                    it == overrides[cv].end()
                        ? param.default_value
                        : value(it->second, m, static_cast<int>(cv), mechanism + "." + it->first);
            }
            auto refuse = [&](const char* name, const char* rule) {
                throw InputError(mechanism + "." + name + " must be " + rule + ", not " +
                                 number_text(v[name]) + " (CV " + std::to_string(cv) + ")");
            };
            for (const char* name : {"d", "tau", "Co", "Ci_init"})
                if (v.count(name) && !(v[name] > 0))
                    refuse(name, "positive");
            for (const char* name : {"alpha", "beta", "C_rest"})
                if (v.count(name) && !(v[name] >= 0))
                    refuse(name, "zero or positive");
            const double d = detailed ? v["d"] : 1.0;
            const double tau = detailed ? v["tau"] : 1.0 / v["beta"];  // beta 0: no removal
            pools.gain.push_back(detailed ? 1e4 / (kind->valence * IonPools::F * d)
                                          : 1000.0 * v["alpha"]);
            pools.tau.push_back(tau);
            pools.C_rest.push_back(detailed ? v["C_rest"] : 0.0);
            pools.Ci_init.push_back(v["Ci_init"]);
            pools.Co.push_back(v["Co"]);
            pools.nernst_factor.push_back(1000.0 * IonPools::R * (v["T"] + 273.15) /
                                          (kind->valence * IonPools::F));
            pools.drive_floor.push_back(calcium ? 0.0 : -std::numeric_limits<double>::infinity());
        }
    }
    pools.size_state();
}

void lower_nmodl_pool(IonPools& pools, const MechanismSpec& spec, const std::string& instance,
                      const std::vector<int>& cvs, std::size_t n_cvs, std::size_t P,
                      const std::vector<double>& celsius_degC) {
    const std::string& species = spec.pool_species;
    const std::string name = instance.empty() ? species : instance;
    IonPools::Instance& inst = pools.instances[name];
    if (inst.slot.empty()) {
        inst.species = species;
        inst.slot.assign(n_cvs, -1);
    } else if (inst.species != species) {
        throw InputError(spec.name + ": ion instance '" + name + "' already holds " + inst.species +
                         ", not " + species);
    }
    for (int cv : cvs) {
        if (inst.slot[cv] >= 0)
            throw InputError(spec.name + ": CV " + std::to_string(cv) +
                             " already holds a pool of ion '" + name +
                             "'; paint one pool per ion instance and region");
        inst.slot[cv] = static_cast<int>(pools.cv.size() * P);
        pools.cv.push_back(cv);
        for (std::size_t m = 0; m < P; ++m) {
            pools.gain.push_back(0.0);
            pools.tau.push_back(std::numeric_limits<double>::infinity());
            pools.C_rest.push_back(0.0);
            pools.Ci_init.push_back(species == "ca" ? 5e-5 : species == "na" ? 10.0 : 54.4);
            pools.Co.push_back(1.0);  // set from the mechanism's parameter at allocation
            const double celsius = celsius_degC[static_cast<std::size_t>(cv) * P + m];
            pools.nernst_factor.push_back(1000.0 * IonPools::R * (celsius + 273.15) /
                                          (spec.pool_valence * IonPools::F));
            pools.drive_floor.push_back(0.0);
        }
    }
    pools.size_state();
}

IonCoupling couple_ions(const DensityRuntime& mech, const std::vector<int>& cvs,
                        const IonPools& pools, const std::vector<std::string>& ion_field_of_cv,
                        std::size_t P) {
    const MechanismSpec& spec = mech.spec();
    const std::string name = spec.name;
    const auto carried = mech.ions();
    const std::string read_species = species_of_concentration(mech.concentration());
    const std::size_t padded = mech.padded();

    // The pool (× P) of `species` on CV cv for this paint's instance names; −1: none.
    auto slot_for = [&](const std::vector<std::string>& named, const std::string& species, int cv) {
        std::string instance = species;
        for (const auto& n : named)
            if (pools.instances.at(n).species == species)
                instance = n;
        const auto it = pools.instances.find(instance);
        const int slot = it == pools.instances.end() ? -1 : it->second.slot[cv];
        if (slot < 0 && instance != species)
            throw InputError(name + ": no pool of ion '" + instance + "' on CV " +
                             std::to_string(cv));
        return slot;
    };
    auto named_on = [&](int cv) {
        std::vector<std::string> named = ion_names(ion_field_of_cv[cv]);
        for (const auto& n : named) {
            const auto it = pools.instances.find(n);
            if (it == pools.instances.end())
                throw InputError(name + ": no pool of ion '" + n + "' is painted");
            const std::string& s = it->second.species;
            if (s != read_species && std::find(carried.begin(), carried.end(), s) == carried.end())
                throw InputError(name + ": ion '" + n + "' holds " + s +
                                 ", which this mechanism neither carries nor is gated by");
        }
        return named;
    };

    IonCoupling c;
    for (std::size_t w = 0; w < carried.size(); ++w) {
        IonCoupling::Write write;
        write.which = w;
        write.e_param = param_index(spec, std::string("e") + carried[w]);
        write.slot.assign(padded, -1);
        bool any = false;
        for (std::size_t inst = 0; inst < cvs.size(); ++inst) {
            const int slot = slot_for(named_on(cvs[inst]), carried[w], cvs[inst]);
            for (std::size_t m = 0; m < P; ++m)
                write.slot[inst * P + m] = slot < 0 ? -1 : slot + static_cast<int>(m);
            any = any || slot >= 0;
        }
        if (any)
            c.writes.push_back(std::move(write));
    }
    if (!read_species.empty()) {
        c.read_slot.assign(padded, -1);
        bool any = false;
        for (std::size_t inst = 0; inst < cvs.size(); ++inst) {
            const int slot = slot_for(named_on(cvs[inst]), read_species, cvs[inst]);
            for (std::size_t m = 0; m < P; ++m)
                c.read_slot[inst * P + m] = slot < 0 ? -1 : slot + static_cast<int>(m);
            any = any || slot >= 0;
        }
        if (any)
            c.conc_param = param_index(spec, mech.concentration());
        else
            c.read_slot.clear();
    }
    if (carried.empty() && read_species.empty())
        for (int cv : cvs)
            if (!ion_names(ion_field_of_cv[cv]).empty())
                throw InputError(name + " carries no ion and is gated by none; it takes no 'ion'");
    if (!c.writes.empty()) {
        c.i_scratch.assign(padded, 0.0);
        c.g_scratch.assign(padded, 0.0);
    }
    if (!spec.pool_species.empty()) {
        const std::string& s = spec.pool_species;
        const auto state = std::find(spec.states.begin(), spec.states.end(), s + "i");
        c.holds.conc_state = static_cast<int>(state - spec.states.begin());
        c.holds.current_param = param_index(spec, "i" + s);
        c.holds.slot.assign(padded, -1);
        for (std::size_t inst = 0; inst < cvs.size(); ++inst) {
            const int slot = slot_for(named_on(cvs[inst]), s, cvs[inst]);
            for (std::size_t m = 0; m < P; ++m)
                c.holds.slot[inst * P + m] = slot + static_cast<int>(m);
        }
    }
    return c;
}

const std::vector<double>* pool_quantity(const IonPools& pools, const std::string& quantity,
                                         std::string& instance) {
    const auto dot = quantity.find('.');
    const std::string field = dot == std::string::npos ? quantity : quantity.substr(dot + 1);
    std::string species;
    if (dot != std::string::npos) {
        const auto it = pools.instances.find(quantity.substr(0, dot));
        if (it == pools.instances.end())
            return nullptr;
        instance = it->first;
        species = it->second.species;
    } else {
        for (const auto& k : kPoolKinds) {
            const std::string s = k.species;
            if (field == s + "i" || field == "e" + s || field == "i" + s)
                instance = species = s;
        }
        if (species.empty())
            return nullptr;
    }
    if (field == species + "i")
        return &pools.ci;
    if (field == "e" + species)
        return &pools.E;
    if (field == "i" + species)
        return &pools.itotal;
    throw InputError("ion '" + instance + "' records " + species + "i, e" + species + " or i" +
                     species + ", not '" + field + "'");
}

}  // namespace rtcell
