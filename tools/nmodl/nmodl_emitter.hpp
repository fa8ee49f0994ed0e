#pragma once
// Internal to the translator (nmodl_translate.hpp): the emitter of one mechanism's C++, split
// by concern over nmodl_symbols.cpp (what each name is), nmodl_statements.cpp (statements and
// expressions, if/else as selects), nmodl_solvers.cpp (cnexp, derivimplicit, KINETIC) and
// nmodl_kernels.cpp (the instance struct, the four kernels, the catalogue tables).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/util/quoted.hpp"
#include "tools/nmodl/nmodl_ast.hpp"
#include "tools/nmodl/nmodl_units.hpp"

namespace rtcell::nmodl::detail {

std::string number_text(double x);             // shortest round-trip text of a double
std::string literal(const std::string& text);  // an NMODL literal as a C++ double
std::string limit(double x);                   // a limit as C++: a number, or ±HUGE_VAL
using rtcell::quoted;                          // a C++ string literal
std::string cname(const std::string& n);       // a .mod name as a C++ identifier
const std::map<std::string, std::string>& math_functions();  // NMODL → C++
double ion_default(const std::string& var);                  // NEURON's default of an ion variable
// The states a DERIVATIVE or KINETIC block changes, in order of first appearance.
void collect_states(const Block& b, std::vector<std::string>& out);

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

}  // namespace rtcell::nmodl::detail
