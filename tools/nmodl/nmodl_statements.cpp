// NMODL statements and expressions as C++, with the .mod line of each (#line); if/else of
// assignments become selects so that the instance loops vectorize.
#include "tools/nmodl/nmodl_emitter.hpp"

#include <algorithm>

namespace rtcell::nmodl::detail {

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

}  // namespace rtcell::nmodl::detail
