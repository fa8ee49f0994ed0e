#include "units.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "model/util/input_error.hpp"

namespace rtcell::units {
namespace {

struct Unit {
    Dimension dim;
    double scale;  // value in kernel units = number · scale + offset
    double offset = 0.0;
};

// Spellings are compared after normalize(): a product's separators (spaces, '*', '·') become
// one '*', '^' goes, and "u", "µ" and "μ" are the same. A product written without a separator
// ("ohmcm") is kept as an alias where it is unambiguous.
const std::map<std::string, Unit>& table() {
    static const std::map<std::string, Unit> t = {
        {"nm", {Dimension::length, 1e-3}},
        {"um", {Dimension::length, 1}},
        {"mm", {Dimension::length, 1e3}},
        {"cm", {Dimension::length, 1e4}},
        {"m", {Dimension::length, 1e6}},
        {"us", {Dimension::time, 1e-3}},
        {"ms", {Dimension::time, 1}},
        {"s", {Dimension::time, 1e3}},
        {"min", {Dimension::time, 6e4}},
        {"h", {Dimension::time, 3.6e6}},
        {"uV", {Dimension::voltage, 1e-3}},
        {"mV", {Dimension::voltage, 1}},
        {"V", {Dimension::voltage, 1e3}},
        {"fA", {Dimension::current, 1e-6}},
        {"pA", {Dimension::current, 1e-3}},
        {"nA", {Dimension::current, 1}},
        {"uA", {Dimension::current, 1e3}},
        {"mA", {Dimension::current, 1e6}},
        {"pS", {Dimension::conductance, 1e-6}},
        {"nS", {Dimension::conductance, 1e-3}},
        {"uS", {Dimension::conductance, 1}},
        {"mS", {Dimension::conductance, 1e3}},
        {"S", {Dimension::conductance, 1e6}},
        {"S/cm2", {Dimension::conductance_density, 1}},
        {"mS/cm2", {Dimension::conductance_density, 1e-3}},
        {"uS/cm2", {Dimension::conductance_density, 1e-6}},
        {"S/m2", {Dimension::conductance_density, 1e-4}},
        {"pS/um2", {Dimension::conductance_density, 1e-4}},  // NMODL models' habit
        {"uF/cm2", {Dimension::capacitance_density, 1}},
        {"F/m2", {Dimension::capacitance_density, 100}},
        {"nF/cm2", {Dimension::capacitance_density, 1e-3}},
        {"ohm*cm", {Dimension::resistivity, 1}},
        {"ohmcm", {Dimension::resistivity, 1}},
        {"Ω*cm", {Dimension::resistivity, 1}},
        {"Ωcm", {Dimension::resistivity, 1}},
        {"kohm*cm", {Dimension::resistivity, 1e3}},
        {"kohmcm", {Dimension::resistivity, 1e3}},
        {"ohm*m", {Dimension::resistivity, 100}},
        {"ohmm", {Dimension::resistivity, 100}},
        {"ohm", {Dimension::resistance, 1e-6}},
        {"Ω", {Dimension::resistance, 1e-6}},
        {"kohm", {Dimension::resistance, 1e-3}},
        {"kΩ", {Dimension::resistance, 1e-3}},
        {"Mohm", {Dimension::resistance, 1}},
        {"MOhm", {Dimension::resistance, 1}},
        {"megohm", {Dimension::resistance, 1}},
        {"MΩ", {Dimension::resistance, 1}},
        {"Gohm", {Dimension::resistance, 1e3}},
        {"GOhm", {Dimension::resistance, 1e3}},
        {"GΩ", {Dimension::resistance, 1e3}},
        {"um2", {Dimension::area, 1}},
        {"µm2", {Dimension::area, 1}},
        {"µm²", {Dimension::area, 1}},
        {"mm2", {Dimension::area, 1e6}},
        {"cm2", {Dimension::area, 1e8}},
        {"degC", {Dimension::temperature, 1}},
        {"°C", {Dimension::temperature, 1}},
        {"C", {Dimension::temperature, 1}},
        {"K", {Dimension::temperature, 1, -273.15}},
        {"Hz", {Dimension::frequency, 1}},
        {"kHz", {Dimension::frequency, 1e3}},
        {"M", {Dimension::concentration, 1e3}},
        {"mM", {Dimension::concentration, 1}},
        {"uM", {Dimension::concentration, 1e-3}},
        {"nM", {Dimension::concentration, 1e-6}},
        {"cm/s", {Dimension::permeability, 1}},
        {"m/s", {Dimension::permeability, 100}},
        {"um/s", {Dimension::permeability, 1e-4}},
    };
    return t;
}

std::string normalize(const std::string& unit) {
    std::string out;
    bool separated = false;  // a separator since the last symbol character
    auto put = [&](char c) {
        // Two symbols stay apart ("m m" is m·m, not mm); around '/' a separator means nothing.
        if (separated && !out.empty() && out.back() != '/' && c != '/')
            out += '*';
        separated = false;
        out += c;
    };
    for (std::size_t i = 0; i < unit.size(); ++i) {
        const unsigned char c = unit[i];
        if (c == '^')
            continue;
        if (c == ' ' || c == '*' || c == '\t') {
            separated = true;
            continue;
        }
        if (c == 0xC2 && i + 1 < unit.size() &&
            static_cast<unsigned char>(unit[i + 1]) == 0xB7) {  // '·'
            separated = true;
            ++i;
            continue;
        }
        if (c == 0xC2 && i + 1 < unit.size() &&
            static_cast<unsigned char>(unit[i + 1]) == 0xB5) {  // 'µ'
            put('u');
            ++i;
            continue;
        }
        if (c == 0xC2 && i + 1 < unit.size() &&
            static_cast<unsigned char>(unit[i + 1]) == 0xB2) {  // '²'
            put('2');
            ++i;
            continue;
        }
        if (c == 0xCE && i + 1 < unit.size() &&
            static_cast<unsigned char>(unit[i + 1]) == 0xBC) {  // 'μ'
            put('u');
            ++i;
            continue;
        }
        put(static_cast<char>(c));
    }
    return out;
}

}  // namespace

const char* kernel_unit(Dimension d) {
    switch (d) {
        case Dimension::length:
            return "um";
        case Dimension::time:
            return "ms";
        case Dimension::voltage:
            return "mV";
        case Dimension::current:
            return "nA";
        case Dimension::conductance:
            return "uS";
        case Dimension::conductance_density:
            return "S/cm2";
        case Dimension::capacitance_density:
            return "uF/cm2";
        case Dimension::resistivity:
            return "ohm*cm";
        case Dimension::temperature:
            return "degC";
        case Dimension::frequency:
            return "Hz";
        case Dimension::concentration:
            return "mM";
        case Dimension::permeability:
            return "cm/s";
        case Dimension::resistance:
            return "MOhm";
        case Dimension::area:
            return "um2";
    }
    return "";
}

const char* dimension_name(Dimension d) {
    switch (d) {
        case Dimension::length:
            return "a length";
        case Dimension::time:
            return "a time";
        case Dimension::voltage:
            return "a voltage";
        case Dimension::current:
            return "a current";
        case Dimension::conductance:
            return "a conductance";
        case Dimension::conductance_density:
            return "a conductance density";
        case Dimension::capacitance_density:
            return "a specific capacitance";
        case Dimension::resistivity:
            return "an axial resistivity";
        case Dimension::temperature:
            return "a temperature";
        case Dimension::frequency:
            return "a frequency";
        case Dimension::concentration:
            return "a concentration";
        case Dimension::permeability:
            return "a permeability";
        case Dimension::resistance:
            return "a resistance";
        case Dimension::area:
            return "an area";
    }
    return "a quantity";
}

double parse_quantity(const std::string& text, Dimension d, const std::string& what) {
    const std::string example =
        std::string(" (expected ") + dimension_name(d) + ", e.g. '1 " + kernel_unit(d) + "')";
    std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string::npos)
        throw InputError(what + ": empty value" + example);
    double value = 0;
    const char* begin = text.data() + start;
    auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc() || !std::isfinite(value))
        throw InputError(what + ": '" + text + "' does not start with a number" + example);
    const std::string unit = normalize(std::string(ptr, text.data() + text.size()));
    if (unit.empty())
        throw InputError(what + ": '" + text + "' has no unit" + example);
    auto it = table().find(unit);
    if (it == table().end())
        throw InputError(what + ": unknown unit '" + unit + "' in '" + text + "'" + example);
    if (it->second.dim != d)
        throw InputError(what + ": '" + text + "' is " + dimension_name(it->second.dim) + ", not " +
                         dimension_name(d) + example);
    // Finite before and after scaling: 1e308 V is finite, its value in mV is not.
    const double scaled = value * it->second.scale + it->second.offset;
    if (!std::isfinite(scaled))
        throw InputError(what + ": '" + text + "' is too large");
    if (d == Dimension::temperature && scaled < -273.15)
        throw InputError(what + ": '" + text + "' is below absolute zero");
    return scaled;
}

bool dimension_of(const std::string& unit, Dimension& d) {
    static const std::pair<const char*, Dimension> table[] = {
        {"S/cm2", Dimension::conductance_density},
        {"mV", Dimension::voltage},
        {"ms", Dimension::time},
        {"nA", Dimension::current},
        {"uS", Dimension::conductance},
        {"Hz", Dimension::frequency},
        {"uF/cm2", Dimension::capacitance_density},
        {"ohm*cm", Dimension::resistivity},
        {"degC", Dimension::temperature},
        {"um", Dimension::length},
        {"mM", Dimension::concentration},
        {"cm/s", Dimension::permeability},
        {"MOhm", Dimension::resistance},
        {"um2", Dimension::area},
    };
    for (const auto& [name, dim] : table)
        if (unit == name) {
            d = dim;
            return true;
        }
    return false;  // dimensionless
}

}  // namespace rtcell::units
