#include "tools/nmodl/nmodl_parser.hpp"

#include <charconv>
#include <set>

#include "tools/nmodl/nmodl_lexer.hpp"

namespace rtcell::nmodl {
namespace {

// Blocks and statements NEURON has and rtcell does not, with what to use instead.
const std::map<std::string, std::string>& unsupported() {
    static const std::map<std::string, std::string> m = {
        {"VERBATIM", "VERBATIM (C code) is not supported; write it in NMODL statements"},
        {"LINEAR", "LINEAR blocks are not supported; use KINETIC or DERIVATIVE"},
        {"NONLINEAR", "NONLINEAR blocks are not supported; use DERIVATIVE with derivimplicit"},
        {"DISCRETE", "DISCRETE blocks are not supported; use DERIVATIVE"},
        {"PARTIAL", "PARTIAL blocks are not supported"},
        {"FUNCTION_TABLE", "FUNCTION_TABLE is not supported; write a FUNCTION"},
        {"ARTIFICIAL_CELL", "ARTIFICIAL_CELL is not supported; use POINT_PROCESS"},
        {"POINTER", "POINTER variables are not supported"},
        {"BBCOREPOINTER", "BBCOREPOINTER variables are not supported"},
        {"WATCH", "WATCH is not supported; NET_RECEIVE may only change states"},
        {"FOR_NETCONS", "FOR_NETCONS is not supported"},
        {"WHILE", "WHILE loops are not supported; use if/else"},
        {"FROM", "FROM ... TO loops are not supported"},
        {"COMPARTMENT", "COMPARTMENT is not supported in KINETIC blocks"},
        {"LONGITUDINAL_DIFFUSION", "LONGITUDINAL_DIFFUSION is not supported"},
        {"CONSTRUCTOR", "CONSTRUCTOR blocks are not supported"},
        {"DESTRUCTOR", "DESTRUCTOR blocks are not supported"},
        {"BEFORE", "BEFORE blocks are not supported"},
        {"AFTER", "AFTER blocks are not supported"},
    };
    return m;
}

class Parser {
  public:
    Parser(const std::string& text, const std::string& file) : lex_(text, file) {
        mod_.file = file;
    }
    ModFile run();

  private:
    [[noreturn]] void fail(Location at, const std::string& what) const {
        throw error_at(lex_.file(), at, what);
    }
    Token expect(const std::string& punct);
    Token expect_name(const char* what);
    bool accept(const std::string& punct);
    bool peek_is(const std::string& text) {
        const Token t = lex_.peek();
        return t.kind != Token::Kind::end && t.kind != Token::Kind::number && t.text == text;
    }
    void check_supported(const Token& t) const;
    std::string unit_if_any();
    double number(const char* what);
    std::vector<std::string> name_list();

    void neuron_block();
    void units_block();
    void declarations(std::vector<Declared>& into, bool values);
    Callable callable(bool with_args);
    Block block();
    Statement statement();
    Statement if_statement(Location at);
    Statement reaction(Location at);
    std::vector<std::pair<int, std::string>> reactants();
    Statement table(Location at);

    ExprPtr expr();
    ExprPtr binary(int level);
    ExprPtr unary();
    ExprPtr power();
    ExprPtr primary();

    // Expressions and blocks nest at most kMaxDepth deep (a bound on the parser's stack).
    static constexpr int kMaxDepth = 200;
    struct Deeper {
        Parser& p;
        Deeper(Parser& parser, Location at) : p(parser) {
            if (++p.depth_ > kMaxDepth)
                p.fail(at, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
        }
        ~Deeper() { --p.depth_; }
    };
    int depth_ = 0;
    Lexer lex_;
    ModFile mod_;
};

Token Parser::expect(const std::string& punct) {
    Token t = lex_.next();
    if (t.kind == Token::Kind::end || t.kind == Token::Kind::number || t.text != punct)
        fail(t.at, "expected '" + punct + "', found " +
                       (t.kind == Token::Kind::end ? "the end of the file" : "'" + t.text + "'"));
    return t;
}

Token Parser::expect_name(const char* what) {
    Token t = lex_.next();
    if (t.kind != Token::Kind::name)
        fail(t.at, std::string("expected ") + what + ", found " +
                       (t.kind == Token::Kind::end ? "the end of the file" : "'" + t.text + "'"));
    check_supported(t);
    return t;
}

bool Parser::accept(const std::string& punct) {
    if (!peek_is(punct))
        return false;
    lex_.next();
    return true;
}

void Parser::check_supported(const Token& t) const {
    if (t.kind != Token::Kind::name)
        return;
    auto it = unsupported().find(t.text);
    if (it != unsupported().end())
        fail(t.at, it->second);
}

// "(mV)" after a declaration, or nothing.
std::string Parser::unit_if_any() {
    if (!peek_is("("))
        return "";
    const Token open = lex_.next();
    std::string u = lex_.raw_until(')', open.at);
    while (!u.empty() && u.front() == ' ')
        u.erase(u.begin());
    while (!u.empty() && u.back() == ' ')
        u.pop_back();
    return u;
}

double Parser::number(const char* what) {
    Token t = lex_.next();
    double sign = 1;
    if (t.kind == Token::Kind::punct && (t.text == "-" || t.text == "+")) {
        sign = t.text == "-" ? -1 : 1;
        t = lex_.next();
    }
    if (t.kind != Token::Kind::number)
        fail(t.at, std::string("expected ") + what + " (a number)");
    double x = 0;
    std::from_chars(t.text.data(), t.text.data() + t.text.size(), x);
    return sign * x;
}

std::vector<std::string> Parser::name_list() {
    std::vector<std::string> out{expect_name("a name").text};
    while (accept(","))
        out.push_back(expect_name("a name").text);
    return out;
}

ModFile Parser::run() {
    for (;;) {
        const Token t = lex_.next();
        if (t.kind == Token::Kind::end)
            return mod_;
        if (t.kind != Token::Kind::name)
            fail(t.at, "expected a block (NEURON, PARAMETER, STATE, BREAKPOINT, ...), found '" +
                           t.text + "'");
        check_supported(t);
        const std::string& w = t.text;
        if (w == "UNITSOFF" || w == "UNITSON") {
            continue;  // unit checking is not done, so nothing to switch
        } else if (w == "NEURON") {
            mod_.neuron_at = t.at;
            neuron_block();
        } else if (w == "UNITS") {
            units_block();
        } else if (w == "PARAMETER") {
            declarations(mod_.parameters, true);
        } else if (w == "CONSTANT") {
            declarations(mod_.constants, true);
        } else if (w == "ASSIGNED") {
            declarations(mod_.assigned, false);
        } else if (w == "STATE") {
            declarations(mod_.states, false);
        } else if (w == "INDEPENDENT") {
            expect("{");
            while (!accept("}"))
                if (lex_.next().kind == Token::Kind::end)
                    fail(t.at, "INDEPENDENT block without '}'");
        } else if (w == "INITIAL") {
            mod_.initial = block();
        } else if (w == "BREAKPOINT") {
            mod_.breakpoint_at = t.at;
            mod_.breakpoint = block();
        } else if (w == "DERIVATIVE") {
            mod_.derivatives.push_back(callable(false));
        } else if (w == "KINETIC") {
            mod_.kinetics.push_back(callable(false));
        } else if (w == "PROCEDURE") {
            mod_.procedures.push_back(callable(true));
        } else if (w == "FUNCTION") {
            mod_.functions.push_back(callable(true));
        } else if (w == "NET_RECEIVE") {
            Callable c;
            c.name = "NET_RECEIVE";
            c.at = t.at;
            expect("(");
            if (!peek_is(")"))
                for (;;) {
                    c.args.push_back(expect_name("an argument").text);
                    const std::string unit = unit_if_any();
                    if (c.args.size() == 1)
                        c.first_arg_unit = unit;
                    if (!accept(","))
                        break;
                }
            expect(")");
            expect("{");
            while (!accept("}")) {
                if (peek_is("INITIAL")) {
                    lex_.next();
                    c.initial = block();
                } else {
                    c.body.push_back(statement());
                }
            }
            mod_.net_receive = std::move(c);
        } else {
            fail(t.at, "unknown block '" + w +
                           "' (supported: NEURON, UNITS, PARAMETER, CONSTANT, ASSIGNED, STATE, "
                           "INITIAL, BREAKPOINT, DERIVATIVE, KINETIC, PROCEDURE, FUNCTION, "
                           "NET_RECEIVE)");
        }
    }
}

void Parser::neuron_block() {
    expect("{");
    while (!accept("}")) {
        const Token t = expect_name("a NEURON statement");
        const std::string& w = t.text;
        if (w == "SUFFIX" || w == "POINT_PROCESS") {
            mod_.suffix = expect_name("a mechanism name").text;
            mod_.point_process = w == "POINT_PROCESS";
        } else if (w == "USEION") {
            IonUse ion;
            ion.at = t.at;
            ion.species = expect_name("an ion name").text;
            for (;;) {
                if (accept("READ")) {
                    ion.read = name_list();
                } else if (peek_is("WRITE")) {
                    lex_.next();
                    ion.write = name_list();
                } else if (peek_is("VALENCE")) {
                    lex_.next();
                    ion.valence = number("a valence");
                } else {
                    break;
                }
            }
            mod_.ions.push_back(std::move(ion));
        } else if (w == "RANGE") {
            for (auto& n : name_list())
                mod_.range.push_back(n);
        } else if (w == "GLOBAL") {
            for (auto& n : name_list())
                mod_.global.push_back(n);
        } else if (w == "NONSPECIFIC_CURRENT") {
            for (auto& n : name_list())
                mod_.nonspecific.push_back(n);
        } else if (w == "ELECTRODE_CURRENT") {
            for (auto& n : name_list())
                mod_.electrode.push_back(n);
        } else if (w == "THREADSAFE") {
            // rtcell's mechanisms are always thread-safe
        } else {
            fail(t.at, "unknown NEURON statement '" + w +
                           "' (supported: SUFFIX, POINT_PROCESS, USEION, RANGE, GLOBAL, "
                           "NONSPECIFIC_CURRENT, ELECTRODE_CURRENT, THREADSAFE)");
        }
    }
}

// Units known by name, for UNITS constants: FARADAY = (faraday) (coulomb).
bool unit_constant(const std::string& of, const std::string& in, double& value) {
    static const std::map<std::pair<std::string, std::string>, double> table = {
        {{"faraday", "coulomb"}, 96485.33212331},
        {{"faraday", "coulombs"}, 96485.33212331},
        {{"faraday", "kilocoulombs"}, 96.48533212331},
        {{"faraday", "kilocoulomb"}, 96.48533212331},
        {{"k-mole", "joule/degC"}, 8.31446261815324},
        {{"k-mole", "joule/degK"}, 8.31446261815324},
        {{"k-mole", "millijoule/degC"}, 8314.46261815324},
        {{"e", "coulomb"}, 1.602176634e-19},
    };
    auto it = table.find({of, in});
    if (it == table.end())
        return false;
    value = it->second;
    return true;
}

void Parser::units_block() {
    expect("{");
    while (!accept("}")) {
        const Token t = lex_.peek();
        if (t.kind == Token::Kind::name) {
            const std::string name = lex_.next().text;
            expect("=");
            const std::string of = unit_if_any(), in = unit_if_any();
            double value = 0;
            if (!unit_constant(of, in, value))
                fail(t.at, "unknown unit constant (" + of + ") (" + in +
                               ") (supported: (faraday) (coulomb), (faraday) (kilocoulombs), "
                               "(k-mole) (joule/degC))");
            mod_.unit_constants[name] = value;
        } else {
            const std::string a = unit_if_any();
            if (a.empty())
                fail(t.at, "expected (unit) = (unit) or NAME = (unit) (unit)");
            expect("=");
            mod_.unit_aliases[a] = unit_if_any();
        }
    }
}

// PARAMETER/CONSTANT: name [= number] [(unit)] [<low, high>]; ASSIGNED/STATE: name [(unit)].
void Parser::declarations(std::vector<Declared>& into, bool values) {
    expect("{");
    while (!accept("}")) {
        const Token t = expect_name("a declaration");
        Declared d{t.text, "", std::nullopt, t.at};
        if (values && accept("="))
            d.value = number("a value");
        if (peek_is("["))
            fail(lex_.peek().at, "array variables are not supported");
        d.unit = unit_if_any();
        if (accept("FROM")) {  // a STATE's range: accepted, not enforced (as NEURON)
            number("a lower bound");
            expect("TO");
            number("an upper bound");
        }
        if (accept("<")) {
            const double low = number("a lower limit");
            expect(",");
            const double high = number("an upper limit");
            expect(">");
            d.limits = std::make_pair(low, high);
        }
        into.push_back(std::move(d));
    }
}

Callable Parser::callable(bool with_args) {
    Callable c;
    const Token n = expect_name("a name");
    c.name = n.text;
    c.at = n.at;
    if (with_args) {
        expect("(");
        if (!peek_is(")"))
            for (;;) {
                c.args.push_back(expect_name("an argument").text);
                unit_if_any();
                if (!accept(","))
                    break;
            }
        expect(")");
        unit_if_any();  // a FUNCTION's unit
    }
    c.body = block();
    return c;
}

Block Parser::block() {
    expect("{");
    Block b;
    while (!accept("}")) {
        if (lex_.peek().kind == Token::Kind::end)
            fail(lex_.peek().at, "missing '}'");
        b.push_back(statement());
    }
    return b;
}

Statement Parser::statement() {
    const Token t = lex_.next();
    const Deeper deeper(*this, t.at);
    Statement s = statement_at(Statement::Kind::block, t.at);
    if (t.kind == Token::Kind::punct && t.text == "{") {
        while (!accept("}"))
            s.body.push_back(statement());
        return s;
    }
    if (t.kind == Token::Kind::punct && t.text == "~")
        return reaction(t.at);
    if (t.kind != Token::Kind::name)
        fail(t.at, "expected a statement, found '" + t.text + "'");
    check_supported(t);
    const std::string& w = t.text;
    if (w == "UNITSOFF" || w == "UNITSON") {
        s.kind = Statement::Kind::block;  // nothing
        return s;
    }
    if (w == "LOCAL") {
        s.kind = Statement::Kind::local;
        s.names = name_list();
        return s;
    }
    if (w == "if")
        return if_statement(t.at);
    if (w == "SOLVE") {
        s.kind = Statement::Kind::solve;
        s.name = expect_name("the name of the block to solve").text;
        if (accept("METHOD"))
            s.method = expect_name("a method").text;
        else if (accept("STEADYSTATE"))
            s.method = "STEADYSTATE " + expect_name("a method").text;
        return s;
    }
    if (w == "TABLE")
        return table(t.at);
    if (w == "CONSERVE") {
        s.kind = Statement::Kind::conserve;
        s.value = expr();
        expect("=");
        s.total = expr();
        return s;
    }
    if (w == "INITIAL" || w == "BREAKPOINT" || w == "PARAMETER" || w == "STATE")
        fail(t.at, "'" + w + "' is a block; it cannot appear inside another block");
    if (accept("'")) {
        s.kind = Statement::Kind::derivative;
        s.name = w;
        expect("=");
        s.value = expr();
        return s;
    }
    if (accept("=")) {
        s.kind = Statement::Kind::assign;
        s.name = w;
        s.value = expr();
        return s;
    }
    if (peek_is("(")) {
        lex_.next();
        s.kind = Statement::Kind::call;
        auto call = std::make_shared<Expr>(Expr{Expr::Kind::call, w, {}, t.at});
        if (!accept(")")) {
            do
                call->args.push_back(expr());
            while (accept(","));
            expect(")");
        }
        s.value = call;
        return s;
    }
    fail(t.at, "expected '=', a call or a derivative after '" + w + "'");
}

Statement Parser::if_statement(Location at) {
    Statement s = statement_at(Statement::Kind::if_, at);
    expect("(");
    s.value = expr();
    expect(")");
    s.body = block();
    if (accept("else")) {
        if (peek_is("if")) {
            const Token t = lex_.next();
            s.otherwise.push_back(if_statement(t.at));
        } else {
            s.otherwise = block();
        }
    }
    return s;
}

std::vector<std::pair<int, std::string>> Parser::reactants() {
    std::vector<std::pair<int, std::string>> out;
    do {
        int n = 1;
        if (lex_.peek().kind == Token::Kind::number)
            n = static_cast<int>(number("a stoichiometric coefficient"));
        out.push_back({n, expect_name("a state").text});
    } while (accept("+"));
    return out;
}

// ~ A + B <-> C (kf, kb)   or   ~ A << (flux)
Statement Parser::reaction(Location at) {
    Statement s = statement_at(Statement::Kind::reaction, at);
    s.lhs = reactants();
    const Token op = lex_.next();
    if (op.text == "<->") {
        s.name = "<->";
        s.rhs = reactants();
        expect("(");
        s.forward = expr();
        expect(",");
        s.backward = expr();
        expect(")");
    } else if (op.text == "<<") {
        s.name = "<<";
        expect("(");
        s.forward = expr();
        expect(")");
    } else {
        fail(op.at,
             "expected '<->' or '<<' in a reaction (supported: ~ A <-> B (kf, kb), ~ A << "
             "(flux))");
    }
    return s;
}

// TABLE names [DEPEND names] FROM low TO high WITH n: accepted; rtcell computes rates exactly.
Statement Parser::table(Location at) {
    Statement s = statement_at(Statement::Kind::table, at);
    while (!peek_is("FROM") && lex_.peek().kind != Token::Kind::end) {
        const Token t = lex_.next();
        if (t.kind == Token::Kind::name && t.text != "DEPEND")
            s.names.push_back(t.text);
    }
    expect("FROM");
    expr();
    expect("TO");
    expr();
    expect("WITH");
    number("a table size");
    return s;
}

ExprPtr Parser::expr() {
    return binary(0);
}

// Binary operators by level, loosest first; '^' is power() (right-associative).
ExprPtr Parser::binary(int level) {
    static const std::vector<std::set<std::string>> levels = {
        {"||"}, {"&&"}, {"<", ">", "<=", ">=", "==", "!="}, {"+", "-"}, {"*", "/"}};
    if (level == static_cast<int>(levels.size()))
        return unary();
    ExprPtr left = binary(level + 1);
    for (;;) {
        const Token t = lex_.peek();
        if (t.kind != Token::Kind::punct || !levels[level].count(t.text))
            return left;
        lex_.next();
        ExprPtr right = binary(level + 1);
        left = std::make_shared<Expr>(Expr{Expr::Kind::binary, t.text, {left, right}, t.at});
    }
}

ExprPtr Parser::unary() {
    const Token t = lex_.peek();
    const Deeper deeper(*this, t.at);
    if (t.kind == Token::Kind::punct && (t.text == "-" || t.text == "!" || t.text == "+")) {
        lex_.next();
        ExprPtr x = unary();
        if (t.text == "+")
            return x;
        return std::make_shared<Expr>(Expr{Expr::Kind::unary, t.text, {x}, t.at});
    }
    return power();
}

ExprPtr Parser::power() {
    ExprPtr base = primary();
    if (peek_is("^")) {
        const Token t = lex_.next();
        ExprPtr exponent = unary();  // right-associative, and 2^-x is 2^(-x)
        return std::make_shared<Expr>(Expr{Expr::Kind::binary, "^", {base, exponent}, t.at});
    }
    return base;
}

ExprPtr Parser::primary() {
    const Token t = lex_.next();
    if (t.kind == Token::Kind::number) {
        auto e = std::make_shared<Expr>(Expr{Expr::Kind::number, t.text, {}, t.at});
        if (peek_is("(")) {  // a unit after a literal: 1 (mV)
            lex_.next();
            lex_.raw_until(')', t.at);
        }
        return e;
    }
    if (t.kind == Token::Kind::punct && t.text == "(") {
        ExprPtr e = expr();
        expect(")");
        return e;
    }
    if (t.kind != Token::Kind::name)
        fail(t.at, t.kind == Token::Kind::end ? "the file ends inside an expression"
                                              : "expected a value, found '" + t.text + "'");
    check_supported(t);
    if (accept("(")) {
        auto call = std::make_shared<Expr>(Expr{Expr::Kind::call, t.text, {}, t.at});
        if (!accept(")")) {
            do
                call->args.push_back(expr());
            while (accept(","));
            expect(")");
        }
        return call;
    }
    return std::make_shared<Expr>(Expr{Expr::Kind::name, t.text, {}, t.at});
}

}  // namespace

ModFile parse(const std::string& text, const std::string& file) {
    return Parser(text, file).run();
}

}  // namespace rtcell::nmodl
