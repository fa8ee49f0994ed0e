#include "tools/nmodl/nmodl_translate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "tools/nmodl/nmodl_units.hpp"

namespace rtcell::nmodl {
namespace {

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

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
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

struct Param {
    std::string name, unit, cunit;  // .mod unit, ParamSpec unit
    double default_kernel = 0, to_mod = 1;
    std::string description;
    double min = -HUGE_VAL, max = HUGE_VAL;  // in the kernel unit
};

class MechanismEmitter {
  public:
    MechanismEmitter(const ModFile& m, std::ostringstream& out) : m_(m), out_(out) {}
    void emit();
    // The rtcell_mechanism initializer and the tables it points at.
    void emit_tables(std::ostringstream& tables, std::string& entry) const;
    int pool_var() const {
        if (pool_species_.empty())
            return -1;
        return static_cast<int>(std::find(vars_.begin(), vars_.end(), pool_species_ + "i") -
                                vars_.begin());
    }
    // NET_RECEIVE's weight: "uS" (a conductance) when declared so, else a plain number "1".
    std::string weight_unit() const {
        const ParamUnit u = param_unit(m_.net_receive->first_arg_unit);
        return u.unit == "uS" && u.to_mod == 1 ? "uS" : "1";
    }

  private:
    [[noreturn]] void fail(Location at, const std::string& what) const {
        throw error_at(m_.file, at, what);
    }
    void classify();
    void add_param(const std::string& name, double value, const std::string& unit,
                   const std::string& what,
                   std::optional<std::pair<double, double>> limits = std::nullopt);
    void emit_struct();
    void emit_kernels();
    void emit_callable(const Callable& c, bool function);
    void emit_solver(const Statement& solve);
    void emit_cnexp(const Callable& d);
    void emit_implicit(const Callable& d, bool kinetic);
    std::string conserve_rows(const Callable& d);
    void block(const Block& b, int indent, const std::string& mode);
    void statement(const Statement& s, int indent, const std::string& mode);
    std::string expr(const ExprPtr& e);
    int degree(const ExprPtr& e, const std::string& x) const;
    bool assignable(const std::string& name) const;
    void check_names(const std::set<std::string>& ion_vars) const;
    // The C++ name of a variable: a branch's copy while an if/else is being evaluated as a
    // select (selected_if), the function's result, or the variable itself.
    std::string target(const std::string& name) const;
    // If/else whose branches only assign (and call pure FUNCTIONs) become both branches on
    // copies and a select, so that the instance loop has no branches and vectorizes.
    bool convertible(const Block& b) const;
    bool pure(const ExprPtr& e) const;
    bool pure_function(const Callable& f) const;
    void targets(const Block& b, std::vector<std::string>& out) const;
    void selected_if(const Statement& s, int indent, const std::string& mode);
    void line(Location at) { out_ << "#line " << at.line << " " << quoted(m_.file) << "\n"; }
    std::string pad(int n) const { return std::string(static_cast<std::size_t>(n) * 4, ' '); }
    const Callable* find(const std::vector<Callable>& v, const std::string& n) const {
        for (const auto& c : v)
            if (c.name == n)
                return &c;
        return nullptr;
    }
    bool declared_local(const std::string& n) const {
        for (const auto& s : scopes_)
            if (s.count(n))
                return true;
        return false;
    }

    const ModFile& m_;
    std::ostringstream& out_;
    std::string ns_;
    std::vector<Param> params_;
    std::map<std::string, std::size_t> param_index_;
    std::vector<std::string> vars_;
    std::size_t n_states_ = 0;
    std::vector<std::string> ion_species_, ion_currents_;  // written: "na" ↔ "ina"
    std::vector<std::string> other_currents_;              // NONSPECIFIC_CURRENT
    std::vector<std::string> electrode_currents_;
    std::string concentration_;
    std::string pool_species_, pool_current_;  // an ion pool: "ca", "ica"
    double pool_valence_ = 0;
    std::map<std::string, double> constants_;
    std::set<std::string> builtins_ = {"v", "t", "dt", "celsius", "area", "diam"};
    std::set<std::string> assigned_params_;
    std::vector<std::set<std::string>> scopes_;
    std::string function_;        // inside a FUNCTION: its name (assigning it sets the result)
    std::vector<std::string> f_;  // in a derivative evaluation: the states in f[] order
    bool uses_time_ = false, uses_geometry_ = false;
    const Statement* solve_ = nullptr;                         // BREAKPOINT's SOLVE
    std::vector<std::map<std::string, std::string>> renames_;  // selected_if's copies
    int selects_ = 0;
    bool branchy_ = false;  // a branch or a Newton solve is left in the kernels
};

std::string MechanismEmitter::target(const std::string& n) const {
    for (auto it = renames_.rbegin(); it != renames_.rend(); ++it)
        if (auto r = it->find(n); r != it->end())
            return r->second;
    if (n == function_ && !declared_local(n))
        return "rt_result";
    return cname(n);
}

bool MechanismEmitter::pure_function(const Callable& f) const {
    if (!convertible(f.body))
        return false;
    std::vector<std::string> assigned;
    targets(f.body, assigned);
    for (const auto& a : assigned)
        if (a != f.name && std::find(f.args.begin(), f.args.end(), a) == f.args.end())
            return false;  // it sets a variable of the mechanism
    return true;
}

bool MechanismEmitter::pure(const ExprPtr& e) const {
    if (e->kind == Expr::Kind::call) {
        if (find(m_.procedures, e->text))
            return false;
        if (const Callable* f = find(m_.functions, e->text); f && !pure_function(*f))
            return false;
    }
    for (const auto& a : e->args)
        if (!pure(a))
            return false;
    return true;
}

bool MechanismEmitter::convertible(const Block& b) const {
    for (const auto& s : b) {
        switch (s.kind) {
            case Statement::Kind::assign:
                if (!pure(s.value))
                    return false;
                break;
            case Statement::Kind::local:
            case Statement::Kind::table:
                break;
            case Statement::Kind::if_:
                if (!pure(s.value) || !convertible(s.body) || !convertible(s.otherwise))
                    return false;
                break;
            case Statement::Kind::block:
                if (!convertible(s.body))
                    return false;
                break;
            default:
                return false;
        }
    }
    return true;
}

// What a block assigns, in order, without the LOCALs it declares itself.
void MechanismEmitter::targets(const Block& b, std::vector<std::string>& out) const {
    std::set<std::string> own;
    for (const auto& s : b) {
        if (s.kind == Statement::Kind::local)
            own.insert(s.names.begin(), s.names.end());
        std::vector<std::string> inner;
        if (s.kind == Statement::Kind::assign)
            inner.push_back(s.name);
        targets(s.body, inner);
        targets(s.otherwise, inner);
        for (const auto& n : inner)
            if (!own.count(n) && std::find(out.begin(), out.end(), n) == out.end())
                out.push_back(n);
    }
}

void MechanismEmitter::selected_if(const Statement& s, int indent, const std::string& mode) {
    const std::string p = pad(indent), id = std::to_string(++selects_);
    std::vector<std::string> assigned;
    targets(s.body, assigned);
    targets(s.otherwise, assigned);
    line(s.at);
    out_ << p << "{\n" << p << "    const bool rt_c" << id << " = " << expr(s.value) << ";\n";
    std::map<std::string, std::string> then_names, else_names;
    for (const auto& t : assigned) {
        if (!assignable(t))
            fail(s.at, "'" + t + "' is not declared (declare it in ASSIGNED or LOCAL)");
        if (param_index_.count(t))
            assigned_params_.insert(t);
        then_names[t] = "rt_t" + id + "_" + cname(t);
        else_names[t] = "rt_e" + id + "_" + cname(t);
        out_ << p << "    double " << then_names[t] << " = " << target(t) << ";\n"
             << p << "    double " << else_names[t] << " = " << target(t) << ";\n";
    }
    for (auto* branch : {&then_names, &else_names}) {
        renames_.push_back(*branch);
        out_ << p << "    {\n";
        block(branch == &then_names ? s.body : s.otherwise, indent + 2, mode);
        out_ << p << "    }\n";
        renames_.pop_back();
    }
    for (const auto& t : assigned)
        out_ << p << "    " << target(t) << " = rt_c" << id << " ? " << then_names[t] << " : "
             << else_names[t] << ";\n";
    out_ << p << "}\n";
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
        if (!p.value && p.unit.empty() && false)
            continue;
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
int MechanismEmitter::degree(const ExprPtr& e, const std::string& x) const {
    switch (e->kind) {
        case Expr::Kind::number:
            return 0;
        case Expr::Kind::name:
            return e->text == x ? 1 : 0;
        case Expr::Kind::unary:
            return e->text == "-" ? degree(e->args[0], x) : (degree(e->args[0], x) ? 2 : 0);
        case Expr::Kind::call:
            for (const auto& a : e->args)
                if (degree(a, x))
                    return 2;
            return 0;
        case Expr::Kind::binary: {
            const int a = degree(e->args[0], x), b = degree(e->args[1], x);
            if (e->text == "+" || e->text == "-")
                return std::max(a, b);
            if (e->text == "*")
                return std::min(2, a + b);
            if (e->text == "/")
                return b ? 2 : a;
            return a || b ? 2 : 0;
        }
    }
    return 2;
}

std::string MechanismEmitter::expr(const ExprPtr& e) {
    switch (e->kind) {
        case Expr::Kind::number:
            return literal(e->text);
        case Expr::Kind::name: {
            const std::string& n = e->text;
            if (assignable(n))
                return target(n);
            if (builtins_.count(n)) {
                if (n == "t")
                    uses_time_ = true;
                if (n == "area" || n == "diam")
                    uses_geometry_ = true;
                return "rt_" + n;
            }
            if (auto it = constants_.find(n); it != constants_.end())
                return number_text(it->second);
            if (n == "PI")
                return "3.14159265358979323846";
            if (n == "FARADAY")
                return "96485.33212331";
            if (n == "R")
                return "8.31446261815324";
            fail(e->at, "'" + n +
                            "' is not declared (declare it in PARAMETER, ASSIGNED, STATE, "
                            "CONSTANT or LOCAL)");
        }
        case Expr::Kind::unary:
            return "(" + e->text + expr(e->args[0]) + ")";
        case Expr::Kind::binary:
            if (e->text == "^")
                return "std::pow(" + expr(e->args[0]) + ", " + expr(e->args[1]) + ")";
            return "(" + expr(e->args[0]) + " " + e->text + " " + expr(e->args[1]) + ")";
        case Expr::Kind::call: {
            std::string f;
            const Callable* user = find(m_.functions, e->text);
            if (!user)
                user = find(m_.procedures, e->text);
            if (user) {
                if (user->args.size() != e->args.size())
                    fail(e->at, "'" + e->text + "' takes " + std::to_string(user->args.size()) +
                                    " argument(s), given " + std::to_string(e->args.size()));
                f = cname(e->text);
            } else if (auto it = math_functions().find(e->text); it != math_functions().end()) {
                f = it->second;
            } else {
                fail(e->at, "unknown function '" + e->text +
                                "' (supported: the FUNCTIONs and PROCEDUREs of this file and exp, "
                                "log, log10, fabs, sqrt, pow, sin, cos, tan, atan, tanh, floor, "
                                "ceil, fmod, fmin, fmax)");
            }
            std::string s = f + "(";
            for (std::size_t k = 0; k < e->args.size(); ++k)
                s += (k ? ", " : "") + expr(e->args[k]);
            return s + ")";
        }
    }
    return "0.0";
}

// mode: "plain", "cnexp" (derivatives update their state), "f" (derivatives into rt_f[]).
void MechanismEmitter::statement(const Statement& s, int indent, const std::string& mode) {
    const std::string p = pad(indent);
    switch (s.kind) {
        case Statement::Kind::assign:
            if (!assignable(s.name)) {
                if (builtins_.count(s.name) || constants_.count(s.name))
                    fail(s.at, "'" + s.name + "' cannot be assigned");
                fail(s.at, "'" + s.name + "' is not declared (declare it in ASSIGNED or LOCAL)");
            }
            if (param_index_.count(s.name))
                assigned_params_.insert(s.name);
            line(s.at);
            out_ << p << target(s.name) << " = " << expr(s.value) << ";\n";
            return;
        case Statement::Kind::local:
            line(s.at);
            for (const auto& n : s.names) {
                scopes_.back().insert(n);
                if (!renames_.empty())
                    renames_.back()[n] = cname(n);  // a branch's own LOCAL is not renamed
                out_ << p << "double " << cname(n) << " = 0.0;\n";
            }
            return;
        case Statement::Kind::call:
            line(s.at);
            out_ << p << expr(s.value) << ";\n";
            return;
        case Statement::Kind::if_:
            if (mode == "plain" && convertible(s.body) && convertible(s.otherwise) && pure(s.value))
                return selected_if(s, indent, mode);
            branchy_ = true;
            line(s.at);
            out_ << p << "if (" << expr(s.value) << ") {\n";
            block(s.body, indent + 1, mode);
            out_ << p << "} else {\n";
            block(s.otherwise, indent + 1, mode);
            out_ << p << "}\n";
            return;
        case Statement::Kind::block:
            out_ << p << "{\n";
            block(s.body, indent + 1, mode);
            out_ << p << "}\n";
            return;
        case Statement::Kind::table:
            return;  // accepted: rates are computed exactly, never from a table
        case Statement::Kind::conserve:
            return;  // backward Euler keeps a closed scheme's total; nothing to add
        case Statement::Kind::solve:
            // In INITIAL, SOLVE ... STEADYSTATE: the BREAKPOINT's scheme stepped over a very
            // long time (NEURON's steady state for sparse and derivimplicit likewise).
            if (mode == "plain" && s.method.rfind("STEADYSTATE", 0) == 0) {
                if (!solve_ || solve_->name != s.name)
                    fail(s.at, "SOLVE " + s.name +
                                   " STEADYSTATE: the steady state of a block "
                                   "other than BREAKPOINT's SOLVE is not supported");
                line(s.at);
                out_ << p
                     << "{ const double rt_keep = rt_dt; rt_dt = 1e9; rt_solve(); rt_solve(); "
                        "rt_dt = rt_keep; }\n";
                return;
            }
            fail(s.at, "SOLVE belongs in BREAKPOINT (or, with STEADYSTATE, in INITIAL)");
        case Statement::Kind::derivative: {
            if (mode == "plain")
                fail(s.at, "a derivative (x' = ...) belongs in a DERIVATIVE block");
            const auto it = std::find(vars_.begin(), vars_.begin() + n_states_, s.name);
            if (it == vars_.begin() + n_states_)
                fail(s.at, "'" + s.name + "' is not a STATE");
            const std::string x = cname(s.name);
            line(s.at);
            if (mode == "f") {
                const auto k = std::find(f_.begin(), f_.end(), s.name) - f_.begin();
                out_ << p << "rt_f[" << k << "] = " << expr(s.value) << ";\n";
                return;
            }
            if (degree(s.value, s.name) > 1)
                fail(s.at, "METHOD cnexp needs " + s.name + "' linear in " + s.name +
                               "; use METHOD derivimplicit");
            const std::string rhs = expr(s.value);
            out_ << p << "{\n"
                 << p << "    const double rt_x = " << x << ";\n"
                 << p << "    " << x << " = 0.0;\n"
                 << p << "    const double rt_a = " << rhs << ";\n"
                 << p << "    " << x << " = 1.0;\n"
                 << p << "    const double rt_b = " << rhs << " - rt_a;\n"
                 << p << "    " << x << " = rt_b == 0.0 ? rt_x + rt_dt * rt_a\n"
                 << p
                 << "        : rt_x + (1.0 - std::exp(rt_dt * rt_b)) * (-rt_a / rt_b - rt_x);\n"
                 << p << "}\n";
            return;
        }
        case Statement::Kind::reaction: {
            if (mode != "f")
                fail(s.at, "a reaction (~ ...) belongs in a KINETIC block");
            auto index = [&](const std::string& st) {
                const auto k = std::find(f_.begin(), f_.end(), st);
                if (k == f_.end())
                    fail(s.at, "'" + st + "' in a reaction is not a STATE");
                return k - f_.begin();
            };
            auto side = [&](const std::vector<std::pair<int, std::string>>& terms) {
                std::string r;
                for (const auto& [n, st] : terms)
                    for (int k = 0; k < n; ++k)
                        r += " * " + cname(st);
                return r;
            };
            line(s.at);
            if (s.name == "<<") {
                out_ << p << "rt_f[" << index(s.lhs[0].second) << "] += " << expr(s.forward)
                     << ";\n";
                return;
            }
            out_ << p << "{\n"
                 << p << "    const double rt_flux = " << expr(s.forward) << side(s.lhs) << " - "
                 << expr(s.backward) << side(s.rhs) << ";\n";
            for (const auto& [n, st] : s.lhs)
                out_ << p << "    rt_f[" << index(st) << "] -= " << n << " * rt_flux;\n";
            for (const auto& [n, st] : s.rhs)
                out_ << p << "    rt_f[" << index(st) << "] += " << n << " * rt_flux;\n";
            out_ << p << "}\n";
            return;
        }
    }
}

void MechanismEmitter::block(const Block& b, int indent, const std::string& mode) {
    scopes_.emplace_back();
    for (const auto& s : b)
        statement(s, indent, mode);
    scopes_.pop_back();
}

void MechanismEmitter::emit_callable(const Callable& c, bool function) {
    function_ = function ? c.name : "";
    scopes_.emplace_back(c.args.begin(), c.args.end());
    line(c.at);
    out_ << "    RT_INLINE " << (function ? "double " : "void ") << cname(c.name) << "(";
    for (std::size_t k = 0; k < c.args.size(); ++k)
        out_ << (k ? ", " : "") << "double " << cname(c.args[k]);
    out_ << ") {\n";
    if (function)
        out_ << "        double rt_result = 0.0;\n";
    block(c.body, 2, "plain");
    if (function)
        out_ << "        return rt_result;\n";
    out_ << "    }\n";
    scopes_.pop_back();
    function_.clear();
}

// The states a DERIVATIVE or KINETIC block changes, in order of first appearance.
void collect_states(const Block& b, std::vector<std::string>& out) {
    auto add = [&](const std::string& n) {
        if (std::find(out.begin(), out.end(), n) == out.end())
            out.push_back(n);
    };
    for (const auto& s : b) {
        if (s.kind == Statement::Kind::derivative)
            add(s.name);
        if (s.kind == Statement::Kind::reaction) {
            for (const auto& t : s.lhs)
                add(t.second);
            for (const auto& t : s.rhs)
                add(t.second);
        }
        collect_states(s.body, out);
        collect_states(s.otherwise, out);
    }
}

void MechanismEmitter::emit_cnexp(const Callable& d) {
    line(d.at);
    out_ << "    RT_INLINE void rt_solve() {\n";
    block(d.body, 2, "cnexp");
    out_ << "    }\n";
}

// Backward Euler, x − x_old − dt·f(x) = 0, by Newton's method with a numerical Jacobian: on
// the stack, at most 20 iterations, stopping when no state moves by more than 1e-12 of
// max(|x|, 1).
void MechanismEmitter::emit_implicit(const Callable& d, bool kinetic) {
    f_.clear();
    collect_states(d.body, f_);
    branchy_ = true;
    const std::size_t N = f_.size();
    if (N == 0)
        fail(d.at, "'" + d.name + "' changes no STATE");
    line(d.at);
    out_ << "    RT_INLINE void rt_f_eval(double* rt_f) {\n";
    if (kinetic)
        out_ << "        for (int rt_k = 0; rt_k < " << N << "; ++rt_k) rt_f[rt_k] = 0.0;\n";
    block(d.body, 2, "f");
    out_ << "    }\n";
    out_ << "    RT_INLINE void rt_solve() {\n"
         << "        constexpr int rt_N = " << N << ";\n"
         << "        double* rt_xs[rt_N] = {";
    for (std::size_t k = 0; k < N; ++k)
        out_ << (k ? ", " : "") << "&" << cname(f_[k]);
    out_ << "};\n"
         << "        double rt_old[rt_N], rt_fv[rt_N], rt_f2[rt_N], rt_J[rt_N][rt_N + 1];\n"
         << "        for (int rt_k = 0; rt_k < rt_N; ++rt_k) rt_old[rt_k] = *rt_xs[rt_k];\n"
         << "        for (int rt_iter = 0; rt_iter < 20; ++rt_iter) {\n"
         << "            rt_f_eval(rt_fv);\n"
         << "            for (int rt_j = 0; rt_j < rt_N; ++rt_j) {\n"
         << "                const double rt_keep = *rt_xs[rt_j];\n"
         << "                const double rt_h =\n"
         << "                    1e-7 * (std::fabs(rt_keep) > 1e-3 ? std::fabs(rt_keep) : 1e-3);\n"
         << "                *rt_xs[rt_j] = rt_keep + rt_h;\n"
         << "                rt_f_eval(rt_f2);\n"
         << "                *rt_xs[rt_j] = rt_keep;\n"
         << "                for (int rt_k = 0; rt_k < rt_N; ++rt_k)\n"
         << "                    rt_J[rt_k][rt_j] = (rt_k == rt_j ? 1.0 : 0.0) -\n"
         << "                                       rt_dt * (rt_f2[rt_k] - rt_fv[rt_k]) / rt_h;\n"
         << "            }\n"
         << "            for (int rt_k = 0; rt_k < rt_N; ++rt_k)\n"
         << "                rt_J[rt_k][rt_N] = -(*rt_xs[rt_k] - rt_old[rt_k] - rt_dt * "
            "rt_fv[rt_k]);\n"
         << conserve_rows(d) << "            rt_gauss<rt_N>(rt_J);\n"
         << "            double rt_moved = 0.0;\n"
         << "            for (int rt_k = 0; rt_k < rt_N; ++rt_k) {\n"
         << "                *rt_xs[rt_k] += rt_J[rt_k][rt_N];\n"
         << "                const double rt_x = std::fabs(*rt_xs[rt_k]);\n"
         << "                const double rt_step = std::fabs(rt_J[rt_k][rt_N]) / (rt_x > 1.0 ? "
            "rt_x : 1.0);\n"
         << "                rt_moved = rt_step > rt_moved ? rt_step : rt_moved;\n"
         << "            }\n"
         << "            if (rt_moved < 1e-12) break;\n"
         << "        }\n"
         << "    }\n";
}

// CONSERVE a·A + b·B + ... = total: the equation of its last state becomes the conservation
// law (as NEURON's), which fixes the total where backward Euler alone cannot — the steady
// state from all-zero states.
std::string MechanismEmitter::conserve_rows(const Callable& d) {
    std::string rows;
    for (const auto& s : d.body) {
        if (s.kind != Statement::Kind::conserve)
            continue;
        std::vector<std::pair<std::string, std::string>> terms;  // (coefficient, state)
        std::vector<ExprPtr> todo{s.value};
        while (!todo.empty()) {
            const ExprPtr e = todo.back();
            todo.pop_back();
            if (e->kind == Expr::Kind::binary && e->text == "+") {
                todo.push_back(e->args[0]);
                todo.push_back(e->args[1]);
            } else if (e->kind == Expr::Kind::name) {
                terms.insert(terms.begin(), {"1.0", e->text});
            } else if (e->kind == Expr::Kind::binary && e->text == "*" &&
                       e->args[0]->kind == Expr::Kind::number &&
                       e->args[1]->kind == Expr::Kind::name) {
                terms.insert(terms.begin(), {literal(e->args[0]->text), e->args[1]->text});
            } else {
                fail(e->at,
                     "CONSERVE takes a sum of states, each with an optional number "
                     "factor (CONSERVE A + B + 2 * C = 1)");
            }
        }
        auto index = [&](const std::string& st, Location at) {
            const auto k = std::find(f_.begin(), f_.end(), st);
            if (k == f_.end())
                fail(at, "'" + st + "' in CONSERVE is not a state of this scheme");
            return std::to_string(k - f_.begin());
        };
        const std::string row = index(terms.back().second, s.at);
        rows +=
            "            for (int rt_j = 0; rt_j <= rt_N; ++rt_j) rt_J[" + row + "][rt_j] = 0.0;\n";
        std::string sum;
        for (const auto& [coef, st] : terms) {
            rows += "            rt_J[" + row + "][" + index(st, s.at) + "] = " + coef + ";\n";
            sum += " - " + coef + " * " + cname(st);
        }
        rows += "            rt_J[" + row + "][rt_N] = " + expr(s.total) + sum + ";\n";
    }
    return rows;
}

void MechanismEmitter::emit_solver(const Statement& solve) {
    if (const Callable* d = find(m_.derivatives, solve.name)) {
        if (solve.method == "cnexp")
            return emit_cnexp(*d);
        if (solve.method == "derivimplicit" || solve.method == "euler" || solve.method == "sparse")
            return emit_implicit(*d, false);
        fail(solve.at, "METHOD '" + solve.method +
                           "' is not supported for a DERIVATIVE block (supported: cnexp, "
                           "derivimplicit)");
    }
    if (const Callable* k = find(m_.kinetics, solve.name)) {
        if (solve.method == "sparse" || solve.method == "derivimplicit" || solve.method.empty())
            return emit_implicit(*k, true);
        fail(solve.at, "METHOD '" + solve.method +
                           "' is not supported for a KINETIC block (supported: sparse)");
    }
    if (find(m_.procedures, solve.name)) {
        if (!solve.method.empty())
            fail(solve.at, "a PROCEDURE is SOLVEd without a METHOD");
        out_ << "    RT_INLINE void rt_solve() { " << cname(solve.name) << "(); }\n";
        return;
    }
    fail(solve.at, "SOLVE '" + solve.name + "': no DERIVATIVE, KINETIC or PROCEDURE of that name");
}

void MechanismEmitter::emit_struct() {
    out_ << "namespace " << ns_ << " {\n\nstruct S {\n";
    for (const auto& p : params_)
        out_ << "    double " << cname(p.name) << " = 0.0;  // PARAMETER (" << p.unit << ")\n";
    for (std::size_t k = 0; k < vars_.size(); ++k)
        out_ << "    double " << cname(vars_[k]) << " = 0.0;  // "
             << (k < n_states_ ? "STATE" : "ASSIGNED") << "\n";
    for (const auto* list : {&ion_currents_, &other_currents_, &electrode_currents_})
        for (const auto& c : *list)
            out_ << "    double " << cname(c) << " = 0.0;  // current\n";
    out_ << "    double rt_v = 0.0, rt_t = 0.0, rt_dt = 0.0, rt_celsius = 0.0, rt_area = 0.0, "
            "rt_diam = 0.0;\n\n";
    for (const auto& f : m_.functions)
        emit_callable(f, true);
    for (const auto& p : m_.procedures)
        emit_callable(p, false);
    // INITIAL, BREAKPOINT's currents, the SOLVE, NET_RECEIVE.
    for (const auto& s : m_.breakpoint)
        if (s.kind == Statement::Kind::solve)
            solve_ = &s;
    out_ << "    RT_INLINE void rt_initial() {\n";
    block(m_.initial, 2, "plain");
    if (m_.net_receive)
        block(m_.net_receive->initial, 2, "plain");
    out_ << "    }\n";
    Block currents;
    const Statement* solve = nullptr;
    for (const auto& s : m_.breakpoint) {
        if (s.kind == Statement::Kind::solve) {
            if (solve)
                fail(s.at, "only one SOLVE per BREAKPOINT is supported");
            solve = &s;
        } else {
            currents.push_back(s);
        }
    }
    out_ << "    RT_INLINE void rt_currents() {\n";
    block(currents, 2, "plain");
    out_ << "    }\n";
    if (solve)
        emit_solver(*solve);
    else
        out_ << "    RT_INLINE void rt_solve() {}\n";
    if (m_.net_receive) {
        const Callable& n = *m_.net_receive;
        scopes_.emplace_back(n.args.begin(), n.args.end());
        line(n.at);
        out_ << "    RT_INLINE void rt_net_receive(double "
             << (n.args.empty() ? "rt_w" : cname(n.args[0])) << ") {\n";
        block(n.body, 2, "plain");
        out_ << "    }\n";
        scopes_.pop_back();
    }
    // The current that `which` selects: −1 the total (outward-positive), k ion k's.
    out_ << "    RT_INLINE double rt_current(int which) const {\n";
    for (std::size_t k = 0; k < ion_currents_.size(); ++k)
        out_ << "        if (which == " << k << ") return " << cname(ion_currents_[k]) << ";\n";
    out_ << "        return 0.0";
    for (const auto* list : {&ion_currents_, &other_currents_})
        for (const auto& c : *list)
            out_ << " + " << cname(c);
    for (const auto& c : electrode_currents_)
        out_ << " - " << cname(c);
    out_ << ";\n    }\n};\n\n";
}

void MechanismEmitter::emit_kernels() {
    out_ << "RT_INLINE void load(S& s, const rtcell_instances* in, std::size_t i) {\n"
            "    const std::size_t n = in->padded;\n"
            "    (void)n;\n";
    for (std::size_t k = 0; k < params_.size(); ++k)
        out_ << "    s." << cname(params_[k].name) << " = in->param[" << k << " * n + i]"
             << (params_[k].to_mod == 1 ? "" : " * " + number_text(params_[k].to_mod)) << ";\n";
    for (std::size_t k = 0; k < vars_.size(); ++k)
        out_ << "    s." << cname(vars_[k]) << " = in->var[" << k << " * n + i];\n";
    out_ << "    s.rt_v = in->V[in->node[i]];\n"
            "    s.rt_t = in->t;\n    s.rt_dt = in->dt;\n    s.rt_celsius = in->celsius[i];\n"
            "    s.rt_area = in->area[i];\n    s.rt_diam = in->diam[i];\n}\n\n";
    out_ << "RT_INLINE void store(const S& s, rtcell_instances* in, std::size_t i) {\n"
            "    const std::size_t n = in->padded;\n"
            "    (void)n;\n";
    for (std::size_t k = 0; k < vars_.size(); ++k)
        out_ << "    in->var[" << k << " * n + i] = s." << cname(vars_[k]) << ";\n";
    for (const auto& name : assigned_params_) {
        const std::size_t k = param_index_.at(name);
        out_ << "    in->param[" << k << " * n + i] = s." << cname(name)
             << (params_[k].to_mod == 1 ? "" : " / " + number_text(params_[k].to_mod)) << ";\n";
    }
    out_ << "}\n\n";
    out_ << "void init(rtcell_instances* in) {\n"
            "    for (std::size_t i = 0; i < in->count; ++i) {\n"
            "        S s;\n        load(s, in, i);\n";
    for (std::size_t k = 0; k < n_states_; ++k)
        out_ << "        s." << cname(vars_[k]) << " = 0.0;\n";
    out_ << "        s.rt_initial();\n        store(s, in, i);\n    }\n}\n\n";
    const char* simd = branchy_ ? "" : "#pragma omp simd\n";
    out_ << "void current(const rtcell_instances* in, int which, double* I, double* G) {\n"
         << simd
         << "    for (std::size_t i = 0; i < in->count; ++i) {\n"
            "        S at, above;\n        load(at, in, i);\n        load(above, in, i);\n"
            "        above.rt_v += 0.001;\n"
            "        above.rt_currents();\n"
            "        at.rt_currents();\n"
            "        I[i] = at.rt_current(which);\n"
            "        G[i] = (above.rt_current(which) - I[i]) / 0.001;\n"
            "    }\n}\n\n";
    out_ << "void advance(rtcell_instances* in) {\n"
         << simd
         << "    for (std::size_t i = 0; i < in->count; ++i) {\n"
            "        S s;\n        load(s, in, i);\n        s.rt_solve();\n        store(s, in, "
            "i);\n"
            "    }\n}\n\n";
    if (m_.net_receive)
        out_ << "void net_receive(rtcell_instances* in, std::size_t i, double w) {\n"
                "    S s;\n    load(s, in, i);\n    s.rt_net_receive(w);\n    store(s, in, "
                "i);\n}\n\n";
    out_ << "}  // namespace " << ns_ << "\n\n";
}

void MechanismEmitter::emit() {
    classify();
    emit_struct();
    if (uses_time_ && !m_.point_process)
        fail(m_.neuron_at, "'t' is available to POINT_PROCESS mechanisms only");
    if (uses_geometry_ && m_.point_process)
        fail(m_.neuron_at, "'area' and 'diam' are available to SUFFIX (density) mechanisms only");
    emit_kernels();
}

void MechanismEmitter::emit_tables(std::ostringstream& t, std::string& entry) const {
    if (!params_.empty()) {
        t << "const rtcell_param " << ns_ << "_params[] = {\n";
        for (const auto& p : params_)
            t << "    {" << quoted(p.name) << ", " << number_text(p.default_kernel) << ", "
              << quoted(p.cunit) << ", " << quoted(p.description) << ", " << limit(p.min) << ", "
              << limit(p.max) << "},\n";
        t << "};\n";
    }
    if (!vars_.empty()) {
        t << "const char* const " << ns_ << "_vars[] = {";
        for (const auto& v : vars_)
            t << quoted(v) << ", ";
        t << "};\n";
    }
    if (!ion_species_.empty()) {
        t << "const char* const " << ns_ << "_ions[] = {";
        for (const auto& v : ion_species_)
            t << quoted(v) << ", ";
        t << "};\n";
    }
    std::ostringstream e;
    e << "    {" << quoted(m_.suffix) << ", " << quoted("from " + m_.file) << ", "
      << (m_.point_process ? 1 : 0) << ", " << params_.size() << ", "
      << (params_.empty() ? "nullptr" : ns_ + "_params") << ", " << n_states_ << ", "
      << vars_.size() << ", " << (vars_.empty() ? "nullptr" : ns_ + "_vars") << ", "
      << ion_species_.size() << ", " << (ion_species_.empty() ? "nullptr" : ns_ + "_ions") << ", "
      << (concentration_.empty() ? "nullptr" : quoted(concentration_)) << ", "
      << (pool_species_.empty() ? "nullptr" : quoted(pool_species_)) << ", "
      << number_text(pool_valence_) << ", " << pool_var() << ", "
      << (pool_current_.empty() ? -1 : static_cast<int>(param_index_.at(pool_current_))) << ", "
      << (m_.net_receive ? quoted(weight_unit()) : "nullptr") << ", "
      << (electrode_currents_.empty() ? 0 : 1) << ", " << ns_ << "::init, " << ns_ << "::current, "
      << ns_ << "::advance, " << (m_.net_receive ? ns_ + "::net_receive" : "nullptr") << "},\n";
    entry = e.str();
}

}  // namespace

std::string translate(const std::vector<ModFile>& mods, const std::string& catalogue_name) {
    std::ostringstream out, tables;
    out << "// Generated by rtcell nmodl from:";
    for (const auto& m : mods)
        out << " " << m.file;
    out << "\n// Do not edit: edit the .mod files and rebuild.\n"
           "#include <cmath>\n#include <cstddef>\n\n"
           "// Vector forms of the math functions (glibc's libmvec), so that instance loops\n"
           "// without branches vectorize (#pragma omp simd, -fopenmp-simd).\n"
           "#pragma omp declare simd notinbranch\nextern \"C\" double exp(double) noexcept;\n"
           "#pragma omp declare simd notinbranch\nextern \"C\" double log(double) noexcept;\n"
           "#pragma omp declare simd notinbranch\nextern \"C\" double pow(double, double) "
           "noexcept;\n"
           "#define RT_INLINE inline __attribute__((always_inline))\n\n"
           "#include \"model/mechanisms/loaded/catalogue_abi.hpp\"\n\nnamespace {\n\n"
           "// Gaussian elimination with partial pivoting on an N × (N+1) augmented matrix;\n"
           "// the solution is left in column N.\n"
           "template <int N>\nvoid rt_gauss(double (&a)[N][N + 1]) {\n"
           "    for (int c = 0; c < N; ++c) {\n"
           "        int best = c;\n"
           "        for (int r = c + 1; r < N; ++r)\n"
           "            if (std::fabs(a[r][c]) > std::fabs(a[best][c])) best = r;\n"
           "        for (int k = 0; k <= N; ++k) { const double x = a[c][k]; a[c][k] = a[best][k]; "
           "a[best][k] = x; }\n"
           "        for (int r = 0; r < N; ++r) {\n"
           "            if (r == c || a[c][c] == 0.0) continue;\n"
           "            const double f = a[r][c] / a[c][c];\n"
           "            for (int k = c; k <= N; ++k) a[r][k] -= f * a[c][k];\n"
           "        }\n"
           "    }\n"
           "    for (int r = 0; r < N; ++r) a[r][N] = a[r][r] != 0.0 ? a[r][N] / a[r][r] : 0.0;\n"
           "}\n\n";
    std::string entries;
    std::set<std::string> names;
    for (const auto& m : mods) {
        if (!names.insert(m.suffix).second)
            throw error_at(m.file, m.neuron_at, "a second mechanism named '" + m.suffix + "'");
        MechanismEmitter e(m, out);
        e.emit();
        std::string entry;
        e.emit_tables(tables, entry);
        entries += entry;
    }
    out << tables.str() << "\nconst rtcell_mechanism rt_mechanisms[] = {\n"
        << entries << "};\n\n"
        << "const rtcell_catalogue rt_catalogue = {RTCELL_CATALOGUE_ABI, "
           "RTCELL_CATALOGUE_VERSION,\n"
        << "    sizeof(rtcell_instances), sizeof(rtcell_mechanism), " << quoted(catalogue_name)
        << ", " << mods.size() << ", rt_mechanisms};\n\n}  // namespace\n\n"
        << "extern \"C\" __attribute__((visibility(\"default\"))) const rtcell_catalogue* "
           "rtcell_catalogue_entry() {\n    return &rt_catalogue;\n}\n";
    return out.str();
}

}  // namespace rtcell::nmodl
