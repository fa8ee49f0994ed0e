// The NMODL parser: what it reads from a file, and the file:line:column of what it rejects.
#include <catch2/catch.hpp>

#include "tools/nmodl/nmodl_parser.hpp"

using namespace rtcell;
using namespace rtcell::nmodl;

namespace {
std::string error_of(const std::string& text) {
    try {
        parse(text, "x.mod");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("the parser reads NEURON, UNITS, declarations and blocks", "[nmodl]") {
    const ModFile m = parse(R"(
TITLE a channel
COMMENT
  anything here { is skipped
ENDCOMMENT
NEURON {
    SUFFIX kv  : a comment
    USEION k READ ek WRITE ik VALENCE 1
    RANGE gbar, ik
    GLOBAL q10
    NONSPECIFIC_CURRENT il
    THREADSAFE
}
UNITS {
    (mV) = (millivolt)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
}
PARAMETER {
    gbar = .5e-2 (S/cm2) <0, 1e9>
    vhalf = -40 (mV)
}
CONSTANT { q10 = 3 }
STATE { n FROM 0 TO 1 }
ASSIGNED { v (mV) ik (mA/cm2) il (mA/cm2) ninf tau (ms) }
INITIAL { n = ninf }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar * n^2 * (v - ek)
}
DERIVATIVE states { n' = (ninf - n) / tau }
FUNCTION f(x (mV), y) (ms) { if (x > 0 && !(y == 1)) { f = x } else if (x < -1) { f = -x } else { f = 0 } }
PROCEDURE p() { LOCAL a, b  a = 1  b = a }
KINETIC k { ~ A + 2 B <-> C (kf, kb)  ~ A << (0.1)  CONSERVE A + B + C = 1 }
NET_RECEIVE(w (uS)) { INITIAL { } n = n + w }
)",
                            "kv.mod");
    CHECK(m.suffix == "kv");
    CHECK_FALSE(m.point_process);
    REQUIRE(m.ions.size() == 1);
    CHECK(m.ions[0].species == "k");
    CHECK(m.ions[0].read == std::vector<std::string>{"ek"});
    CHECK(m.ions[0].write == std::vector<std::string>{"ik"});
    CHECK(*m.ions[0].valence == 1);
    CHECK(m.nonspecific == std::vector<std::string>{"il"});
    CHECK(m.unit_aliases.at("mV") == "millivolt");
    CHECK(m.unit_constants.at("FARADAY") == Approx(96485.33212331));
    CHECK(m.unit_constants.at("R") == Approx(8.31446261815324));
    REQUIRE(m.parameters.size() == 2);
    CHECK(*m.parameters[0].value == Approx(0.005));
    CHECK(m.parameters[0].unit == "S/cm2");
    CHECK(*m.parameters[1].value == -40);
    CHECK(m.states.size() == 1);
    CHECK(m.assigned.size() == 5);
    CHECK(m.breakpoint.size() == 2);
    CHECK(m.breakpoint[0].kind == Statement::Kind::solve);
    CHECK(m.breakpoint[0].method == "cnexp");
    REQUIRE(m.functions.size() == 1);
    CHECK(m.functions[0].args == std::vector<std::string>{"x", "y"});
    CHECK(m.functions[0].body[0].otherwise[0].kind == Statement::Kind::if_);  // else if
    REQUIRE(m.kinetics.size() == 1);
    const auto& r = m.kinetics[0].body[0];
    CHECK(r.kind == Statement::Kind::reaction);
    CHECK(r.lhs == std::vector<std::pair<int, std::string>>{{1, "A"}, {2, "B"}});
    CHECK(m.kinetics[0].body[2].kind == Statement::Kind::conserve);
    REQUIRE(m.net_receive);
    CHECK(m.net_receive->first_arg_unit == "uS");
    // '^' binds tighter than unary minus and is right-associative: -n^2^3 = -(n^(2^3)).
    const ExprPtr e = parse("NEURON { SUFFIX a } INITIAL { x = -n^2^3 }", "a.mod").initial[0].value;
    REQUIRE(e->kind == Expr::Kind::unary);
    CHECK(e->args[0]->text == "^");
    CHECK(e->args[0]->args[1]->text == "^");
}

TEST_CASE("the parser names file, line and column of what it rejects", "[nmodl]") {
    CHECK(error_of("NEURON {\n  SUFFIX a\n") ==
          "x.mod:3:1: expected a NEURON statement, found the end of the file");
    CHECK(error_of("NEURON { SUFFIX a }\nFOO { }") ==
          "x.mod:2:1: unknown block 'FOO' (supported: NEURON, UNITS, PARAMETER, CONSTANT, "
          "ASSIGNED, STATE, INITIAL, BREAKPOINT, DERIVATIVE, KINETIC, PROCEDURE, FUNCTION, "
          "NET_RECEIVE)");
    CHECK(error_of("INITIAL {\n    VERBATIM\n") ==
          "x.mod:2:5: VERBATIM (C code) is not supported; write it in NMODL statements");
    CHECK(error_of("INITIAL { x = 1 $ 2 }") == "x.mod:1:17: unexpected character '$'");
    CHECK(error_of("INITIAL { x = }") == "x.mod:1:15: expected a value, found '}'");
    CHECK(error_of("PARAMETER { a = b }") == "x.mod:1:17: expected a value (a number)");
    CHECK(error_of("NEURON { POINTER p }") == "x.mod:1:10: POINTER variables are not supported");
    CHECK(error_of("UNITS { F = (faraday) (joule) }").find("x.mod:1:9: unknown unit constant") ==
          0);
    CHECK(error_of("ASSIGNED { x[3] }") == "x.mod:1:13: array variables are not supported");
    CHECK(error_of("COMMENT never closed") == "x.mod:1:1: COMMENT without ENDCOMMENT");
    CHECK(error_of("KINETIC k { ~ A -> B (1) }") ==
          "x.mod:1:17: expected '<->' or '<<' in a reaction (supported: ~ A <-> B (kf, kb), ~ A "
          "<< (flux))");
    CHECK(error_of("INITIAL { WHILE (1) { } }") ==
          "x.mod:1:11: WHILE loops are not supported; use if/else");
    CHECK(error_of("PARAMETER { a = 1 (mV }") == "x.mod:1:19: missing ')'");
    // Nesting is bounded (the parser's stack), not a crash.
    CHECK_THAT(
        error_of("INITIAL { x = " + std::string(300, '(') + "1" + std::string(300, ')') + " }"),
        Catch::EndsWith("nested more than 200 levels deep"));
    CHECK_THAT(error_of("INITIAL " + std::string(300, '{') + std::string(300, '}')),
               Catch::EndsWith("nested more than 200 levels deep"));
}
