#pragma once
// The parsed form of an NMODL file: its declarations and its blocks of statements, each
// node with the location it came from (for errors, and for #line in the generated C++).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/nmodl/nmodl_error.hpp"

namespace rtcell::nmodl {

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;
struct Expr {
    enum class Kind { number, name, call, unary, binary } kind;
    std::string text;  // number as written, name, called function, or operator
    std::vector<ExprPtr> args;
    Location at;
};

struct Statement;
using Block = std::vector<Statement>;
struct Statement {
    enum class Kind {
        assign,      // name = value
        derivative,  // name' = value
        local,       // LOCAL names
        call,        // value (a call)
        if_,         // if (value) body else otherwise
        solve,       // SOLVE name METHOD method
        reaction,    // ~ lhs <-> rhs (forward, backward), or ~ lhs << (flux)
        conserve,    // CONSERVE value = total
        block,       // { body }
        table,       // TABLE ... (accepted; rates are computed exactly)
    } kind = Kind::block;
    Location at = {};
    std::string name;                // assigned name, SOLVE's block, reaction's operator
    std::string method;              // SOLVE's METHOD
    std::vector<std::string> names;  // LOCAL's
    ExprPtr value, total;            // right-hand side / condition / CONSERVE's total
    ExprPtr forward, backward;       // a reaction's rates
    // A reaction's sides: (stoichiometry, state) pairs.
    std::vector<std::pair<int, std::string>> lhs, rhs;
    Block body, otherwise;
};
inline Statement statement_at(Statement::Kind kind, Location at) {
    Statement s;
    s.kind = kind;
    s.at = at;
    return s;
}

struct Declared {
    std::string name, unit;
    std::optional<double> value;  // PARAMETER default, CONSTANT value
    Location at;
    std::optional<std::pair<double, double>> limits = {};  // PARAMETER's <low, high>
};

struct Callable {  // PROCEDURE, FUNCTION, DERIVATIVE, KINETIC, NET_RECEIVE
    std::string name;
    std::vector<std::string> args;
    Block body;
    Block initial;               // NET_RECEIVE's INITIAL
    std::string first_arg_unit;  // NET_RECEIVE's weight unit
    Location at;
};

struct IonUse {
    std::string species;
    std::vector<std::string> read, write;
    std::optional<double> valence;
    Location at;
};

struct ModFile {
    std::string file;  // for errors
    std::string suffix;
    bool point_process = false;
    Location neuron_at;
    std::vector<IonUse> ions;
    std::vector<std::string> range, global, nonspecific, electrode;
    std::map<std::string, std::string> unit_aliases;  // UNITS: (mV) = (millivolt)
    std::map<std::string, double> unit_constants;     // UNITS: FARADAY = (faraday) (coulomb)
    std::vector<Declared> parameters, constants, assigned, states;
    Block initial, breakpoint;
    Location breakpoint_at;
    std::vector<Callable> procedures, functions, derivatives, kinetics;
    std::optional<Callable> net_receive;
};

}  // namespace rtcell::nmodl
