// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen's
// vectorized exp is inlined here (the "undefined" pass-through operand of masked min/max);
// the operand is never read. Silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#include "model/mechanisms/catalogue.hpp"

#include "model/ions/ion_specs.hpp"
#include "model/mechanisms/channel_kernel.hpp"
#include "model/mechanisms/channels/calcium.hpp"
#include "model/mechanisms/channels/hh.hpp"
#include "model/mechanisms/channels/markov.hpp"
#include "model/mechanisms/channels/thalamic.hpp"
#include "model/mechanisms/markov_kernel.hpp"
#include "model/mechanisms/points/clamps.hpp"
#include "model/mechanisms/points/exp_synapses.hpp"
#include "model/mechanisms/points/gap_junction.hpp"
#include "model/mechanisms/points/kinetic_synapses.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

namespace {

using Role = CatalogueEntry::Role;

// A channel definition C on a mechanism template (the gate template unless told).
template <class C, template <class> class Kernel = ChannelKernel>
CatalogueEntry channel() {
    return {Role::channel, Kernel<C>::static_spec(),
            [] { return std::unique_ptr<DensityRuntime>(std::make_unique<Kernel<C>>()); }, nullptr};
}

template <class M>
CatalogueEntry point() {
    return {
        Role::point, PointKernel<M>::static_spec(), nullptr, [](std::string name) {
            return std::unique_ptr<PointRuntime>(std::make_unique<PointKernel<M>>(std::move(name)));
        }};
}

CatalogueEntry pool(MechanismSpec spec) {
    return {Role::pool, std::move(spec), nullptr, nullptr};
}

CatalogueEntry ion_setting(MechanismSpec spec) {
    return {Role::ion_setting, std::move(spec), nullptr, nullptr};
}

}  // namespace

namespace {
std::deque<CatalogueEntry>& table() {
    static std::deque<CatalogueEntry> table = [] {
        std::deque<CatalogueEntry> t;
        // Density channels.
        t.push_back(channel<channels::HH>());
        t.push_back(channel<channels::Pas>());
        t.push_back(channel<channels::Na_HH1952>());
        t.push_back(channel<channels::K_HH1952>());
        t.push_back(channel<channels::IL>());
        t.push_back(channel<channels::CaT_HM1992>());
        t.push_back(channel<channels::AHP_De1994>());
        t.push_back(channel<channels::Na_TM1991>());
        t.push_back(channel<channels::Na_Ba2002>());
        t.push_back(channel<channels::K_TM1991>());
        t.push_back(channel<channels::KA1_HM1992>());
        t.push_back(channel<channels::KA2_HM1992>());
        t.push_back(channel<channels::KK2A_HM1992>());
        t.push_back(channel<channels::KK2B_HM1992>());
        t.push_back(channel<channels::KNI_Ya1989>());
        t.push_back(channel<channels::K_Leak>());
        t.push_back(channel<channels::HCN_HM1992>());
        t.push_back(channel<channels::KDR_Ba2002>());
        t.push_back(channel<channels::CaT_HP1992>());
        t.push_back(channel<channels::CaHT_HM1992>());
        t.push_back(channel<channels::CaHT_Re1993>());
        t.push_back(channel<channels::CaL_IS2008>());
        t.push_back(channel<channels::CaN_IS2008>());
        t.push_back(channel<channels::CaL_GHK>());
        t.push_back(channel<channels::SK2_So2007, MarkovKernel>());
        // Point mechanisms: clamps and synapses.
        t.push_back(point<points::IClamp>());
        t.push_back(point<points::SineClamp>());
        t.push_back(point<points::SEClamp>());
        t.push_back(point<points::VClamp>());
        t.push_back(point<points::ExpSyn>());
        t.push_back(point<points::Exp2Syn>());
        t.push_back(point<points::AMPA>());
        t.push_back(point<points::GABAa>());
        t.push_back(point<points::NMDA>());
        t.push_back(point<points::Gap>());
        // Ion pools.
        t.push_back(pool(calcium_detailed_spec()));
        t.push_back(pool(calcium_first_order_spec()));
        t.push_back(pool(monovalent_shell_spec("SodiumDetailed", "sodium", "Na", 10.0, 140.0)));
        t.push_back(pool(monovalent_shell_spec("PotassiumDetailed", "potassium", "K", 54.4, 2.5)));
        // Ion settings.
        t.push_back(ion_setting(fixed_ion_spec("SodiumFixed", "na", 50.0, 10.0, 140.0)));
        t.push_back(ion_setting(fixed_ion_spec("PotassiumFixed", "k", -95.0, 54.4, 2.5)));
        t.push_back(ion_setting(fixed_ion_spec("CalciumFixed", "ca", 120.0, 5e-5, 2.0)));
        t.push_back(ion_setting(init_nernst_ion_spec("SodiumInitNernst", "na", 10.0, 140.0)));
        t.push_back(ion_setting(init_nernst_ion_spec("PotassiumInitNernst", "k", 54.4, 2.5)));
        t.push_back(ion_setting(init_nernst_ion_spec("CalciumInitNernst", "ca", 5e-5, 2.0)));
        return t;
    }();
    return table;
}
int generation = 0;  // bumped by add_mechanism, so the views below are rebuilt
}  // namespace

const std::deque<CatalogueEntry>& catalogue() {
    return table();
}

void add_mechanism(CatalogueEntry entry) {
    if (const CatalogueEntry* old = find_mechanism(entry.spec.name))
        throw InputError("mechanism '" + entry.spec.name + "' from " + entry.source +
                         " is already defined" +
                         (old->source.empty() ? " (built in)" : " by " + old->source) +
                         "; load the catalogue with a prefix");
    table().push_back(std::move(entry));
    ++generation;
}

const CatalogueEntry* find_mechanism(const std::string& name) {
    for (const auto& e : catalogue())
        if (e.spec.name == name)
            return &e;
    return nullptr;
}

// ---- the views every other part reads ----

namespace {
std::vector<MechanismSpec> specs_with(std::initializer_list<Role> roles) {
    std::vector<MechanismSpec> out;
    for (const auto& e : catalogue())
        for (Role r : roles)
            if (e.role == r)
                out.push_back(e.spec);
    return out;
}
bool has_role(const std::string& name, Role role) {
    const CatalogueEntry* e = find_mechanism(name);
    return e && e->role == role;
}
}  // namespace

namespace {
// A view, rebuilt when a catalogue has added mechanisms since it was last built.
struct View {
    std::vector<MechanismSpec> specs;
    int built_at = -1;
    const std::vector<MechanismSpec>& get(std::initializer_list<Role> roles) {
        if (built_at != generation) {
            specs = specs_with(roles);
            built_at = generation;
        }
        return specs;
    }
};
}  // namespace

const std::vector<MechanismSpec>& density_specs() {
    static View v;
    return v.get({Role::channel, Role::pool, Role::ion_setting});
}
const std::vector<MechanismSpec>& pool_specs() {
    static View v;
    return v.get({Role::pool});
}
const std::vector<MechanismSpec>& ion_setting_specs() {
    static View v;
    return v.get({Role::ion_setting});
}
const std::vector<MechanismSpec>& point_specs() {
    static View v;
    return v.get({Role::point});
}
bool is_pool(const std::string& name) {
    return has_role(name, Role::pool);
}
bool is_ion_setting(const std::string& name) {
    return has_role(name, Role::ion_setting);
}

const MechanismSpec* find_point_spec(const std::string& name) {
    for (const auto& s : point_specs())
        if (s.name == name)
            return &s;
    return nullptr;
}

std::unique_ptr<DensityRuntime> make_density_runtime(const std::string& name) {
    const CatalogueEntry* e = find_mechanism(name);
    return e && e->make_density ? e->make_density() : nullptr;
}

std::unique_ptr<PointRuntime> make_point_runtime(const std::string& mechanism, std::string name) {
    const CatalogueEntry* e = find_mechanism(mechanism);
    return e && e->make_point ? e->make_point(std::move(name)) : nullptr;
}

}  // namespace rtcell
