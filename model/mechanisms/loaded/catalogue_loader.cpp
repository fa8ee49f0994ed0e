#include "model/mechanisms/loaded/catalogue_loader.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <map>

#include "model/mechanisms/catalogue.hpp"
#include "model/mechanisms/loaded/catalogue_abi.hpp"
#include "model/mechanisms/loaded/loaded_density.hpp"
#include "model/mechanisms/loaded/loaded_point.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

const rtcell_catalogue& open_catalogue(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw InputError(path + ": no such catalogue file");
    void* handle = dlopen(std::filesystem::absolute(path).c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        throw InputError(path + ": cannot load catalogue: " + dlerror());
    auto entry =
        reinterpret_cast<rtcell_catalogue_entry_fn>(dlsym(handle, "rtcell_catalogue_entry"));
    if (!entry)
        throw InputError(path +
                         ": not an rtcell mechanism catalogue (no rtcell_catalogue_entry); build "
                         "one with 'rtcell nmodl build FILE.mod ... -o " +
                         path + "'");
    const rtcell_catalogue* cat = entry();
    if (!cat || cat->abi != RTCELL_CATALOGUE_ABI ||
        std::string(cat->version ? cat->version : "") != RTCELL_CATALOGUE_VERSION ||
        cat->instances_size != sizeof(rtcell_instances) ||
        cat->mechanism_size != sizeof(rtcell_mechanism))
        throw InputError(path + ": catalogue was built for " +
                         (cat && cat->version ? cat->version : "an unknown rtcell") +
                         ", this is " RTCELL_CATALOGUE_VERSION
                         "; rebuild it with this rtcell's 'rtcell nmodl build'");
    return *cat;
}

MechanismSpec spec_of(const rtcell_mechanism& m, const std::string& name) {
    MechanismSpec s{name,
                    m.kind == 1 ? MechanismSpec::Kind::point : MechanismSpec::Kind::density,
                    m.description ? m.description : "",
                    {},
                    {}};
    for (std::size_t k = 0; k < m.n_params; ++k)
        s.params.push_back({m.params[k].name, m.params[k].default_value, m.params[k].unit,
                            m.params[k].description, m.params[k].min, m.params[k].max});
    for (std::size_t k = 0; k < m.n_vars; ++k)
        s.states.push_back(m.vars[k]);
    if (m.pool_species) {
        s.pool_species = m.pool_species;
        s.pool_valence = m.pool_valence;
    }
    if (m.kind == 1 && m.net_receive)
        s.event_weight_unit = m.event_weight_unit ? m.event_weight_unit : "1";
    return s;
}

CatalogueEntry entry_of(const rtcell_mechanism& m, const std::string& name,
                        const std::string& path) {
    CatalogueEntry e{m.kind == 1 ? CatalogueEntry::Role::point : CatalogueEntry::Role::channel,
                     spec_of(m, name)};
    e.source = path;
    const rtcell_mechanism* mech = &m;
    if (m.kind == 1) {
        e.make_point = [mech, name](std::string placed) -> std::unique_ptr<PointRuntime> {
            return std::make_unique<LoadedPoint>(*mech, find_mechanism(name)->spec,
                                                 std::move(placed));
        };
    } else {
        e.make_density = [mech, name]() -> std::unique_ptr<DensityRuntime> {
            return std::make_unique<LoadedDensity>(*mech, find_mechanism(name)->spec);
        };
    }
    return e;
}

}  // namespace

LoadedCatalogue load_catalogue(const std::string& path, const std::string& prefix) {
    static std::map<std::pair<std::string, std::string>, LoadedCatalogue> loaded;
    std::error_code ec;
    const auto key = std::make_pair(std::filesystem::weakly_canonical(path, ec).string(), prefix);
    if (auto it = loaded.find(key); it != loaded.end())
        return it->second;
    const rtcell_catalogue& cat = open_catalogue(path);
    LoadedCatalogue out{path, cat.name ? cat.name : "", {}};
    for (std::size_t k = 0; k < cat.n_mechanisms; ++k)  // all or nothing
        if (find_mechanism(prefix + cat.mechanisms[k].name))
            throw InputError(path + ": mechanism '" + prefix + cat.mechanisms[k].name +
                             "' is already defined; load the catalogue with a prefix");
    for (std::size_t k = 0; k < cat.n_mechanisms; ++k) {
        const std::string name = prefix + cat.mechanisms[k].name;
        add_mechanism(entry_of(cat.mechanisms[k], name, path));
        out.mechanisms.push_back(name);
    }
    loaded.emplace(key, out);
    return out;
}

LoadedCatalogue inspect_catalogue(const std::string& path) {
    const rtcell_catalogue& cat = open_catalogue(path);
    LoadedCatalogue out{path, cat.name ? cat.name : "", {}};
    for (std::size_t k = 0; k < cat.n_mechanisms; ++k)
        out.mechanisms.push_back(cat.mechanisms[k].name);
    return out;
}

}  // namespace rtcell
