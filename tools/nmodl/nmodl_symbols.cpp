// What each name of a .mod file is: parameters (with their units), states and assigned
// values, ion variables and currents, NEURON's own variables, and the checks on them.
#include "tools/nmodl/nmodl_emitter.hpp"

#include <algorithm>
#include <cstdio>

#include "tools/nmodl/nmodl_units.hpp"

namespace rtcell::nmodl::detail {

std::string number_text(double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    std::string s = buf;
    if (s.find_first_of(".eEni") == std::string::npos)
        s += ".0";
    return s;
}

// A literal as written, made a double ("1" → "1.0", "1." → "1.0"): NMODL has no integers.
std::string literal(const std::string& text) {
    std::string s = text;
    if (!s.empty() && s.back() == '.')
        s += "0";
    if (s.find_first_of(".eE") == std::string::npos)
        s += ".0";
    if (s.front() == '.')
        s = "0" + s;
    return s;
}

// A limit as C++: a number, or ±HUGE_VAL for none.
std::string limit(double x) {
    return std::isinf(x) ? (x < 0 ? "-HUGE_VAL" : "HUGE_VAL") : number_text(x);
}

const std::set<std::string>& cxx_keywords() {
    static const std::set<std::string> k = {
        "auto",    "bool",      "break",   "case",     "catch",    "char",   "class",
        "const",   "continue",  "default", "delete",   "do",       "double", "else",
        "enum",    "explicit",  "extern",  "false",    "float",    "for",    "friend",
        "goto",    "if",        "inline",  "int",      "long",     "new",    "operator",
        "private", "protected", "public",  "register", "return",   "short",  "signed",
        "sizeof",  "static",    "struct",  "switch",   "template", "this",   "throw",
        "true",    "try",       "typedef", "union",    "unsigned", "using",  "virtual",
        "void",    "volatile",  "while",   "and",      "or",       "not",    "xor",
        "std",     "in",        "s",       "i"};
    return k;
}

// A .mod name as a C++ identifier: kept, unless it is a keyword or one of ours.
std::string cname(const std::string& n) {
    if (cxx_keywords().count(n) || n.rfind("rt_", 0) == 0)
        return "m_" + n;
    return n;
}

const std::map<std::string, std::string>& math_functions() {
    static const std::map<std::string, std::string> f = {
        {"exp", "std::exp"},     {"log", "std::log"},     {"log10", "std::log10"},
        {"fabs", "std::fabs"},   {"sqrt", "std::sqrt"},   {"pow", "std::pow"},
        {"sin", "std::sin"},     {"cos", "std::cos"},     {"tan", "std::tan"},
        {"asin", "std::asin"},   {"acos", "std::acos"},   {"atan", "std::atan"},
        {"atan2", "std::atan2"}, {"sinh", "std::sinh"},   {"cosh", "std::cosh"},
        {"tanh", "std::tanh"},   {"floor", "std::floor"}, {"ceil", "std::ceil"},
        {"fmod", "std::fmod"},   {"fmin", "std::fmin"},   {"fmax", "std::fmax"},
    };
    return f;
}

// NEURON's defaults for the ion variables a mechanism reads.
double ion_default(const std::string& var) {
    static const std::map<std::string, double> d = {{"ena", 50.0},
                                                    {"nai", 10.0},
                                                    {"nao", 140.0},
                                                    {"ek", -77.0},
                                                    {"ki", 54.4},
                                                    {"ko", 2.5},
                                                    {"eca", 132.4579341637009},
                                                    {"cai", 5e-5},
                                                    {"cao", 2.0}};
    auto it = d.find(var);
    return it == d.end() ? 0.0 : it->second;
}

void MechanismEmitter::add_param(const std::string& name, double value, const std::string& unit,
                                 const std::string& what,
                                 std::optional<std::pair<double, double>> limits) {
    const ParamUnit pu = param_unit(unit);
    param_index_[name] = params_.size();
    params_.push_back({name, unit, pu.unit, value / pu.to_mod, pu.to_mod, what});
    if (limits) {
        params_.back().min = limits->first / pu.to_mod;
        params_.back().max = limits->second / pu.to_mod;
    }
}

void MechanismEmitter::classify() {
    if (m_.suffix.empty())
        fail(m_.neuron_at, "the NEURON block names no SUFFIX or POINT_PROCESS");
    ns_ = "mech_" + m_.suffix;
    for (const auto& c : m_.constants)
        constants_[c.name] = c.value.value_or(0.0);
    for (const auto& [name, value] : m_.unit_constants)
        constants_[name] = value;
    std::set<std::string> ion_vars;
    for (const auto& ion : m_.ions) {
        const std::string& X = ion.species;
        for (const auto& w : ion.write) {
            if (w == "i" + X) {
                ion_species_.push_back(X);
                ion_currents_.push_back(w);
            } else if (w == X + "i" && pool_species_.empty()) {
                pool_species_ = X;  // an ion pool: its STATE Xi is the ion's concentration
                pool_valence_ = ion.valence.value_or(X == "ca" ? 2.0 : 1.0);
            } else {
                fail(ion.at,
                     "writing '" + w + "' is not supported (supported: the ion's current i" + X +
                         ", and one inner concentration " + X + "i per mechanism, an ion pool)");
            }
            ion_vars.insert(w);
        }
        for (const auto& r : ion.read) {
            if (ion_vars.count(r))
                continue;
            if (r == "i" + X) {
                if (pool_species_ != X)
                    fail(ion.at, "reading the ion current '" + r +
                                     "' is for ion pools, which "
                                     "WRITE " +
                                     X + "i");
                pool_current_ = r;
                add_param(r, 0.0, "mA/cm2", "total " + X + " current density, from the cell");
                ion_vars.insert(r);
                continue;
            }
            if (r != "e" + X && r != X + "i" && r != X + "o")
                fail(ion.at, "'" + r + "' is not a variable of ion " + X + " (e" + X + ", " + X +
                                 "i, " + X + "o, i" + X + ")");
            const bool conc = r != "e" + X;
            add_param(r, ion_default(r), conc ? "mM" : "mV",
                      "ion " + X +
                          (r == "e" + X   ? " reversal potential"
                           : r == X + "i" ? " inner concentration"
                                          : " outer concentration"));
            if (r == X + "i" && concentration_.empty())
                concentration_ = r;
            ion_vars.insert(r);
        }
    }
    if (!pool_species_.empty() && !param_index_.count(pool_species_ + "o"))
        add_param(pool_species_ + "o", ion_default(pool_species_ + "o"), "mM",
                  "ion " + pool_species_ + " outer concentration, for its Nernst potential");
    for (const auto& n : m_.nonspecific)
        other_currents_.push_back(n);
    for (const auto& n : m_.electrode)
        electrode_currents_.push_back(n);
    auto is_current = [&](const std::string& n) {
        return std::count(ion_currents_.begin(), ion_currents_.end(), n) ||
               std::count(other_currents_.begin(), other_currents_.end(), n) ||
               std::count(electrode_currents_.begin(), electrode_currents_.end(), n);
    };
    for (const auto& p : m_.parameters) {
        if (builtins_.count(p.name) || ion_vars.count(p.name))
            continue;  // NEURON's own (celsius, v, dt) or the ion's
        add_param(p.name, p.value.value_or(0.0), p.unit,
                  "PARAMETER " + p.name + (p.unit.empty() ? "" : " (" + p.unit + ")"), p.limits);
    }
    check_names(ion_vars);
    for (const auto& s : m_.states)
        vars_.push_back(s.name);
    n_states_ = vars_.size();
    if (!pool_species_.empty() &&
        std::find(vars_.begin(), vars_.end(), pool_species_ + "i") == vars_.end())
        fail(m_.neuron_at, "an ion pool (WRITE " + pool_species_ + "i) must declare " +
                               pool_species_ + "i as a STATE");
    for (const auto& a : m_.assigned)
        if (!builtins_.count(a.name) && !ion_vars.count(a.name) && !is_current(a.name) &&
            !param_index_.count(a.name))
            vars_.push_back(a.name);
    if (m_.point_process && !m_.net_receive && m_.electrode.empty() && m_.nonspecific.empty() &&
        m_.ions.empty())
        fail(m_.neuron_at,
             "a POINT_PROCESS needs a current (NONSPECIFIC_CURRENT or "
             "ELECTRODE_CURRENT) or a NET_RECEIVE block");
    if (m_.net_receive && !m_.point_process)
        fail(m_.net_receive->at, "NET_RECEIVE is for POINT_PROCESS mechanisms");
    if (m_.net_receive && m_.net_receive->args.size() > 1)
        fail(m_.net_receive->at,
             "NET_RECEIVE with more than one argument (a weight vector) is "
             "not supported; use NET_RECEIVE(weight)");
}

// Each variable is declared once (NEURON's own variables and the ion's may repeat), and no
// FUNCTION or PROCEDURE takes a variable's name.
void MechanismEmitter::check_names(const std::set<std::string>& ion_vars) const {
    std::map<std::string, Location> seen;
    for (const auto* list : {&m_.parameters, &m_.constants, &m_.states, &m_.assigned})
        for (const auto& d : *list) {
            if (builtins_.count(d.name) || ion_vars.count(d.name))
                continue;
            if (auto it = seen.find(d.name); it != seen.end())
                fail(d.at, "'" + d.name + "' is declared twice (first at line " +
                               std::to_string(it->second.line) + ")");
            seen[d.name] = d.at;
        }
    for (const auto* list : {&m_.functions, &m_.procedures, &m_.derivatives, &m_.kinetics})
        for (const auto& c : *list)
            if (seen.count(c.name) || builtins_.count(c.name) || ion_vars.count(c.name))
                fail(c.at, "'" + c.name + "' names both a block and a variable");
}

bool MechanismEmitter::assignable(const std::string& n) const {
    if (declared_local(n) || n == function_)
        return true;
    if (std::count(vars_.begin(), vars_.end(), n) || param_index_.count(n))
        return true;
    for (const auto* list : {&ion_currents_, &other_currents_, &electrode_currents_})
        if (std::count(list->begin(), list->end(), n))
            return true;
    return false;
}

// 0: x absent, 1: linear in x, 2: anything else.

}  // namespace rtcell::nmodl::detail
