#include "tools/nmodl/nmodl_units.hpp"

#include <map>

namespace rtcell::nmodl {

ParamUnit param_unit(const std::string& u) {
    static const std::map<std::string, ParamUnit> table = {
        {"", {"1", 1}},
        {"1", {"1", 1}},
        {"mV", {"mV", 1}},
        {"millivolt", {"mV", 1}},
        {"ms", {"ms", 1}},
        {"s", {"ms", 1e-3}},
        {"S/cm2", {"S/cm2", 1}},
        {"mho/cm2", {"S/cm2", 1}},
        {"mS/cm2", {"S/cm2", 1e3}},
        {"mmho/cm2", {"S/cm2", 1e3}},
        {"pS/um2", {"S/cm2", 1e4}},
        {"uS", {"uS", 1}},
        {"umho", {"uS", 1}},
        {"nS", {"uS", 1e3}},
        {"nA", {"nA", 1}},
        {"pA", {"nA", 1e3}},
        {"mM", {"mM", 1}},
        {"milli/liter", {"mM", 1}},
        {"uM", {"mM", 1e3}},
        {"um", {"um", 1}},
        {"micron", {"um", 1}},
        {"degC", {"degC", 1}},
        {"cm/s", {"cm/s", 1}},
        {"um2", {"um2", 1}},
        {"ohm cm", {"ohm*cm", 1}},
        {"ohm*cm", {"ohm*cm", 1}},
        {"uF/cm2", {"uF/cm2", 1}},
        {"Hz", {"Hz", 1}},
        {"megohm", {"MOhm", 1}},
        {"MOhm", {"MOhm", 1}},
    };
    auto it = table.find(u);
    return it == table.end() ? ParamUnit{u, 1} : it->second;
}

}  // namespace rtcell::nmodl
