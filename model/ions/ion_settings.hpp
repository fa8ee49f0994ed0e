#pragma once
// Internal: ion settings painted on regions, lowered by Cell::init_state. They set, on each
// CV, the channel parameters named after an ion species — its reversal potential "e<ion>",
// inner "<ion>i" and outer "<ion>o" concentrations (ena, cai, cao, ...) — for every channel
// there that has them, unless the channel's own paint gives them. Sources, later paints
// winning per CV and parameter:
//   Reversal{"k", E}                       e<ion> fixed
//   Reversal::nernst("k", in, out)         e<ion> by Nernst at init, at the region's temperature
//   SodiumFixed / PotassiumFixed / CalciumFixed (braincell's fixed ions): E, Ci, Co
//   SodiumInitNernst / ... (braincell's):  Ci, Co, and E by Nernst at init at their own T
// A pool painted on a CV takes over e<ion> and <ion>i there every step (ion_pools.hpp).
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/cell/cell_description.hpp"
#include "model/ions/ion_coupling.hpp"

namespace rtcell {

// Valence of a species (na, k: 1; ca: 2; cl: −1), 0 when unknown.
int ion_valence(const std::string& ion);
// E = R·T/(z·F)·ln(outside/inside) [mV] at celsius [°C].
double nernst_mV(double inside_mM, double outside_mM, int valence, double celsius);

// The braincell ions that are settings rather than pools: "SodiumFixed" → {"na", nernst =
// false}, "SodiumInitNernst" → {"na", nernst = true}; nullopt for other names.
struct IonSettingKind {
    std::string species;
    bool nernst_at_init;
};
std::optional<IonSettingKind> ion_setting_kind(const std::string& mechanism);

class IonSettings {
  public:
    explicit IonSettings(std::size_t num_cvs) : num_cvs_(num_cvs) {}

    void paint(const Reversal& r, const std::vector<int>& cvs);
    // A fixed or Nernst-at-init ion (ion_setting_kind), with its parameters or defaults.
    void paint(const Density& ion, const MechanismSpec& spec, const std::vector<int>& cvs);

    // Computes the Nernst potentials once temperatures are known: value(v, m, cv, what) is a
    // parameter's value for member m on CV cv (the region's temperature included), and
    // region_celsius(cv, m) the region's temperature [°C].
    void resolve(std::size_t P, const MemberValue& value,
                 const std::function<double(int cv, std::size_t m)>& region_celsius);

    // What is painted for channel parameter `name` ("ena") on CV cv; nullptr when nothing.
    const ParamValue* find(const std::string& name, int cv) const;

  private:
    struct NernstRule {
        ParamValue inside_mM, outside_mM;
        std::optional<ParamValue> celsius;  // unset: the region's
        int valence;
        std::string what;  // names the rule in errors
    };
    void set(const std::string& name, const std::vector<int>& cvs, const ParamValue& v);

    std::size_t num_cvs_;
    std::map<std::string, std::vector<std::optional<ParamValue>>> values_;
    std::map<std::string, std::vector<std::optional<NernstRule>>> nernst_;
};

}  // namespace rtcell
