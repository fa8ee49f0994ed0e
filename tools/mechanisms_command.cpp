#include "tools/mechanisms_command.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "model/density_runtime.hpp"
#include "model/point_runtime.hpp"

namespace rtcell::tools {

int run_mechanisms(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    bool json = false;
    for (const auto& a : args) {
        if (a == "--json")
            json = true;
        else if (a == "-h" || a == "--help") {
            out << "usage: rtcell mechanisms [--json]\n\nLists every mechanism (density channels, "
                   "ion pools, point\n"
                   "processes) with its parameters, their defaults and kernel units, and its "
                   "states.\n";
            return 0;
        } else {
            err << "rtcell mechanisms: unknown option '" << a << "'\n";
            return 2;
        }
    }
    std::vector<std::pair<std::string, const MechanismSpec*>> all;
    for (const auto& s : density_specs())
        all.push_back({is_pool(s.name) ? "ion pool" : "density", &s});
    for (const auto& s : point_specs())
        all.push_back({"point", &s});
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& [kind, s] : all) {
            nlohmann::json params = nlohmann::json::array();
            for (const auto& p : s->params)
                params.push_back({{"name", p.name},
                                  {"default", p.default_value},
                                  {"unit", p.unit},
                                  {"description", p.description}});
            list.push_back({{"name", s->name},
                            {"kind", kind},
                            {"description", s->description},
                            {"parameters", params},
                            {"states", s->states}});
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
