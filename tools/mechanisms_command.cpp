#include "tools/mechanisms_command.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "model/ions/ion_coupling.hpp"
#include "model/ions/ion_settings.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "model/mechanisms/points/point_runtime.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"

namespace rtcell::tools {
namespace {

// How a density mechanism meets the ions: the ions its current carries, the concentration
// that gates it, or (a pool) the species it holds.
struct IonRoles {
    std::vector<std::string> carries;
    std::string gated_by, holds;
};
IonRoles ion_roles(const MechanismSpec& s) {
    IonRoles r;
    if (s.kind != MechanismSpec::Kind::density)
        return r;
    r.holds = pool_species(s.name);
    if (const auto setting = ion_setting_kind(s.name))
        r.holds = setting->species;
    if (auto mech = make_density_runtime(s.name)) {
        for (const char* ion : mech->ions())
            r.carries.push_back(ion);
        if (mech->concentration())
            r.gated_by = mech->concentration();
    }
    return r;
}

}  // namespace

const char* const mechanisms_help =
    "usage: rtcell mechanisms [--json] [--catalogue CATALOGUE.so [--prefix P]]\n\nLists every "
    "mechanism "
    "(density channels, ion pools, point\nprocesses) with its parameters, their defaults and "
    "kernel units, its states, and\nthe ions it carries, is gated by or holds. --catalogue "
    "loads a catalogue built by\n`rtcell nmodl build` first and lists its mechanisms only\n(as P + "
    "name with --prefix, for names that built-in mechanisms already have).\n";

int run_mechanisms(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    bool json = false;
    std::string catalogue_file, prefix;
    Arguments a("mechanisms", mechanisms_help);
    a.flag("--json", json).option("--catalogue", catalogue_file).option("--prefix", prefix);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    std::vector<std::string> only;
    if (!catalogue_file.empty()) {
        try {
            only = load_catalogue(catalogue_file, prefix).mechanisms;
        } catch (const InputError& e) {
            err << "rtcell mechanisms: error: " << e.what() << "\n";
            return 1;
        }
    }
    auto listed = [&](const MechanismSpec& s) {
        return only.empty() || std::find(only.begin(), only.end(), s.name) != only.end();
    };
    std::vector<std::pair<std::string, const MechanismSpec*>> all;
    for (const auto& s : density_specs())
        if (listed(s))
            all.push_back({is_pool(s.name)          ? "ion pool"
                           : is_ion_setting(s.name) ? "ion setting"
                                                    : "density",
                           &s});
    for (const auto& s : point_specs())
        if (listed(s))
            all.push_back({"point", &s});
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& [kind, s] : all) {
            nlohmann::json params = nlohmann::json::array();
            for (const auto& p : s->params) {
                nlohmann::json param = {{"name", p.name},
                                        {"default", p.default_value},
                                        {"unit", p.unit},
                                        {"description", p.description}};
                if (std::isfinite(p.min))  // a .mod PARAMETER's <low, high>
                    param["min"] = p.min;
                if (std::isfinite(p.max))
                    param["max"] = p.max;
                params.push_back(param);
            }
            const IonRoles ions = ion_roles(*s);
            nlohmann::json entry = {{"name", s->name},
                                    {"kind", kind},
                                    {"description", s->description},
                                    {"parameters", params},
                                    {"states", s->states}};
            if (s->kind == MechanismSpec::Kind::density) {
                entry["carries"] = ions.carries;
                entry["gated_by"] =
                    ions.gated_by.empty() ? nlohmann::json() : nlohmann::json(ions.gated_by);
                if (!ions.holds.empty())
                    entry["holds"] = ions.holds;
            }
            list.push_back(entry);
        }
        out << list.dump(1) << "\n";
        return 0;
    }
    for (const auto& [kind, s] : all) {
        out << s->name << "  (" << kind << ")  " << s->description << "\n";
        for (const auto& p : s->params)
            out << "    " << std::left << std::setw(10) << p.name << std::right << std::setw(12)
                << p.default_value << " " << std::left << std::setw(7)
                << (std::string(p.unit) == "1" ? "" : p.unit) << " " << p.description << "\n";
        const IonRoles ions = ion_roles(*s);
        if (!ions.holds.empty() && is_pool(s->name))
            out << "    ion pool of " << ions.holds << " (paint with ion: <instance name>)\n";
        else if (!ions.holds.empty())
            out << "    sets e" << ions.holds << ", " << ions.holds << "i and " << ions.holds
                << "o of the channels on its region\n";
        if (!ions.carries.empty() || !ions.gated_by.empty()) {
            out << "    ions:";
            if (!ions.carries.empty()) {
                out << " carries";
                for (const auto& ion : ions.carries)
                    out << " " << ion;
            }
            if (!ions.gated_by.empty())
                out << (ions.carries.empty() ? "" : ";") << " gated by " << ions.gated_by;
            out << "\n";
        }
        if (!s->states.empty()) {
            out << "    states:";
            for (const auto& st : s->states)
                out << " " << st;
            out << "\n";
        }
    }
    return 0;
}

}  // namespace rtcell::tools
