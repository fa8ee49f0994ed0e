// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen's
// vectorized exp is inlined here (the "undefined" pass-through operand of masked min/max);
// the operand is never read. Silenced for this file only.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

#include "model/mechanisms/density_runtime.hpp"

#include "model/mechanisms/channel_kernel.hpp"
#include "model/mechanisms/channels/calcium.hpp"
#include "model/mechanisms/channels/hh.hpp"
#include "model/mechanisms/channels/markov.hpp"
#include "model/mechanisms/channels/thalamic.hpp"
#include "model/mechanisms/markov_kernel.hpp"

namespace rtcell {

void DensityRuntime::allocate(std::size_t count) {
    const std::size_t W = chanmath::kLanes;
    count_ = count;
    padded_ = (count + W - 1) / W * W;
    if (padded_ == 0)
        padded_ = W;
    const auto& s = spec();
    params_.assign(s.params.size() * padded_, 0.0);
    states_.assign(std::max<std::size_t>(1, s.states.size()) * padded_, 0.0);
    rate_factor_.assign(rate_factor_count() * padded_, 1.0);
    index_.assign(padded_, 0);
    area_factor_.assign(padded_, 0.0);
    // Padding lanes get the defaults, so they compute finite values.
    for (std::size_t k = 0; k < s.params.size(); ++k)
        for (std::size_t i = 0; i < padded_; ++i)
            params_[k * padded_ + i] = s.params[k].default_value;
}

void DensityRuntime::set_layout(std::vector<int> index, std::vector<double> area_factor) {
    index_ = std::move(index);
    area_factor_ = std::move(area_factor);
    index_.resize(padded_, index_.empty() ? 0 : index_.back());
    area_factor_.resize(padded_, 0.0);
}

namespace {
template <class C, template <class> class Kernel = ChannelKernel>
struct Entry {
    static std::unique_ptr<DensityRuntime> make() { return std::make_unique<Kernel<C>>(); }
};
struct Registered {
    const MechanismSpec* spec;
    std::unique_ptr<DensityRuntime> (*make)();
};
const std::vector<Registered>& registry() {
    static const std::vector<Registered> r = {
        {&ChannelKernel<channels::HH>::static_spec(), &Entry<channels::HH>::make},
        {&ChannelKernel<channels::Pas>::static_spec(), &Entry<channels::Pas>::make},
        {&ChannelKernel<channels::Na_HH1952>::static_spec(), &Entry<channels::Na_HH1952>::make},
        {&ChannelKernel<channels::K_HH1952>::static_spec(), &Entry<channels::K_HH1952>::make},
        {&ChannelKernel<channels::IL>::static_spec(), &Entry<channels::IL>::make},
        {&ChannelKernel<channels::CaT_HM1992>::static_spec(), &Entry<channels::CaT_HM1992>::make},
        {&ChannelKernel<channels::AHP_De1994>::static_spec(), &Entry<channels::AHP_De1994>::make},
        {&ChannelKernel<channels::Na_TM1991>::static_spec(), &Entry<channels::Na_TM1991>::make},
        {&ChannelKernel<channels::Na_Ba2002>::static_spec(), &Entry<channels::Na_Ba2002>::make},
        {&ChannelKernel<channels::K_TM1991>::static_spec(), &Entry<channels::K_TM1991>::make},
        {&ChannelKernel<channels::KA1_HM1992>::static_spec(), &Entry<channels::KA1_HM1992>::make},
        {&ChannelKernel<channels::KA2_HM1992>::static_spec(), &Entry<channels::KA2_HM1992>::make},
        {&ChannelKernel<channels::KK2A_HM1992>::static_spec(), &Entry<channels::KK2A_HM1992>::make},
        {&ChannelKernel<channels::KK2B_HM1992>::static_spec(), &Entry<channels::KK2B_HM1992>::make},
        {&ChannelKernel<channels::KNI_Ya1989>::static_spec(), &Entry<channels::KNI_Ya1989>::make},
        {&ChannelKernel<channels::K_Leak>::static_spec(), &Entry<channels::K_Leak>::make},
        {&ChannelKernel<channels::HCN_HM1992>::static_spec(), &Entry<channels::HCN_HM1992>::make},
        {&ChannelKernel<channels::KDR_Ba2002>::static_spec(), &Entry<channels::KDR_Ba2002>::make},
        {&ChannelKernel<channels::CaT_HP1992>::static_spec(), &Entry<channels::CaT_HP1992>::make},
        {&ChannelKernel<channels::CaHT_HM1992>::static_spec(), &Entry<channels::CaHT_HM1992>::make},
        {&ChannelKernel<channels::CaHT_Re1993>::static_spec(), &Entry<channels::CaHT_Re1993>::make},
        {&ChannelKernel<channels::CaL_IS2008>::static_spec(), &Entry<channels::CaL_IS2008>::make},
        {&ChannelKernel<channels::CaN_IS2008>::static_spec(), &Entry<channels::CaN_IS2008>::make},
        {&ChannelKernel<channels::CaL_GHK>::static_spec(), &Entry<channels::CaL_GHK>::make},
        {&MarkovKernel<channels::SK2_So2007>::static_spec(),
         &Entry<channels::SK2_So2007, MarkovKernel>::make},
    };
    return r;
}
}  // namespace

std::unique_ptr<DensityRuntime> make_density_runtime(const std::string& name) {
    for (const auto& r : registry())
        if (r.spec->name == name)
            return r.make();
    return nullptr;
}

namespace {
// The CalciumDetailed shell for a monovalent ion, in both directions; defaults at rest are
// NEURON's default concentrations (C_rest = Ci_init).
MechanismSpec monovalent_shell(const char* name, const char* species, const char* symbol,
                               double inside_mM, double outside_mM) {
    return {name,
            MechanismSpec::Kind::density,
            std::string(species) + " shell: the CalciumDetailed shell for " + symbol +
                "+ (valence 1), filled by inward and depleted by outward " + species +
                " current, decaying to C_rest with time constant tau; E_" + symbol +
                " by Nernst from the shell every step",
            {{"d", 1.0, "um", "shell depth"},
             {"tau", 1000.0, "ms", "decay time constant (pumps and diffusion, lumped)"},
             {"C_rest", inside_mM, "mM", "resting concentration"},
             {"Ci_init", inside_mM, "mM", "initial concentration"},
             {"Co", outside_mM, "mM", "extracellular concentration"},
             {"T", 36.0, "degC", "temperature of the Nernst potential"}},
            {"ci"}};
}
}  // namespace

const std::vector<MechanismSpec>& pool_specs() {
    static const std::vector<MechanismSpec> specs = {
        {"CalciumDetailed",
         MechanismSpec::Kind::density,
         "calcium pool: a shell of depth d under the membrane, driven by the inward calcium "
         "current and decaying to C_rest with time constant tau; E_Ca by Nernst from the pool "
         "every step (braincell CalciumDetailed)",
         {{"d", 1.0, "um", "shell depth"},
          {"tau", 5.0, "ms", "decay time constant"},
          {"C_rest", 2.4e-4, "mM", "resting concentration"},
          {"Ci_init", 2.4e-4, "mM", "initial concentration"},
          {"Co", 2.0, "mM", "extracellular concentration"},
          {"T", 36.0, "degC", "temperature of the Nernst potential"}},
         {"ci"}},
        {"CalciumFirstOrder",
         MechanismSpec::Kind::density,
         "first-order calcium pool: dci/dt = max(alpha*I_in, 0) - beta*ci with the inward calcium "
         "current I_in in uA/cm2; E_Ca by Nernst from the pool every step (braincell "
         "CalciumFirstOrder)",
         {{"alpha", 0.13, "1", "drive per inward current [mM/ms per uA/cm2]"},
          {"beta", 0.075, "1", "removal rate [1/ms]"},
          {"Ci_init", 2.4e-4, "mM", "initial concentration"},
          {"Co", 2.0, "mM", "extracellular concentration"},
          {"T", 36.0, "degC", "temperature of the Nernst potential"}},
         {"ci"}},
        monovalent_shell("SodiumDetailed", "sodium", "Na", 10.0, 140.0),
        monovalent_shell("PotassiumDetailed", "potassium", "K", 54.4, 2.5),
    };
    return specs;
}

const std::vector<MechanismSpec>& ion_setting_specs() {
    auto fixed = [](const char* name, const char* ion, double E, double Ci, double Co) {
        const std::string s = ion;
        return MechanismSpec{name,
                             MechanismSpec::Kind::density,
                             "fixed " + s + " (braincell " + name + "): sets e" + s + ", " + s +
                                 "i and " + s + "o of the channels on its region",
                             {{"E", E, "mV", "reversal potential"},
                              {"Ci", Ci, "mM", "intracellular concentration"},
                              {"Co", Co, "mM", "extracellular concentration"}},
                             {}};
    };
    auto init_nernst = [](const char* name, const char* ion, double Ci, double Co) {
        const std::string s = ion;
        return MechanismSpec{name,
                             MechanismSpec::Kind::density,
                             s + " with e" + s + " by Nernst once at init (braincell " + name +
                                 "): sets e" + s + ", " + s + "i and " + s +
                                 "o of the channels on its region",
                             {{"T", 36.0, "degC", "temperature of the Nernst potential"},
                              {"Ci", Ci, "mM", "intracellular concentration"},
                              {"Co", Co, "mM", "extracellular concentration"}},
                             {}};
    };
    static const std::vector<MechanismSpec> specs = {
        fixed("SodiumFixed", "na", 50.0, 10.0, 140.0),
        fixed("PotassiumFixed", "k", -95.0, 54.4, 2.5),
        fixed("CalciumFixed", "ca", 120.0, 5e-5, 2.0),
        init_nernst("SodiumInitNernst", "na", 10.0, 140.0),
        init_nernst("PotassiumInitNernst", "k", 54.4, 2.5),
        init_nernst("CalciumInitNernst", "ca", 5e-5, 2.0),
    };
    return specs;
}

bool is_ion_setting(const std::string& name) {
    for (const auto& s : ion_setting_specs())
        if (s.name == name)
            return true;
    return false;
}

bool is_pool(const std::string& name) {
    for (const auto& s : pool_specs())
        if (s.name == name)
            return true;
    return false;
}

const std::vector<MechanismSpec>& density_specs() {
    static const std::vector<MechanismSpec> specs = [] {
        std::vector<MechanismSpec> out;
        for (const auto& r : registry())
            out.push_back(*r.spec);
        for (const auto& p : pool_specs())
            out.push_back(p);
        for (const auto& f : ion_setting_specs())
            out.push_back(f);
        return out;
    }();
    return specs;
}

}  // namespace rtcell
