// The NMODL translator's refusals (file:line:column, with what to use instead), the
// generated code's #line mapping, `rtcell nmodl` and the catalogue loader's checks.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "model/cell/cell.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "model/mechanisms/loaded/catalogue_abi.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "support/command_result.hpp"
#include "tools/mechanisms_command.hpp"
#include "tools/nmodl/nmodl_build.hpp"
#include "tools/nmodl/nmodl_command.hpp"
#include "tools/nmodl/nmodl_parser.hpp"
#include "tools/nmodl/nmodl_translate.hpp"

using namespace rtcell;
namespace fs = std::filesystem;

namespace {
std::string translation_error(const std::string& text) {
    try {
        nmodl::translate({nmodl::parse(text, "x.mod")}, "test");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const char* const kGood = R"(NEURON {
    SUFFIX leak2
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER { g = 1 (mS/cm2) <0, 10> e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    i = g * 1e-3 * (v - e)
}
)";

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "rtcell_nmodl_test";
    fs::create_directories(dir);
    return dir / name;
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}
}  // namespace

TEST_CASE("the translator refuses what it cannot translate, naming the .mod line", "[nmodl]") {
    CHECK(translation_error("NEURON { SUFFIX a }\nBREAKPOINT {\n    x = 1\n}") ==
          "x.mod:3:5: 'x' is not declared (declare it in ASSIGNED or LOCAL)");
    CHECK(translation_error("NEURON { SUFFIX a }\nASSIGNED { x }\nINITIAL { x = y }") ==
          "x.mod:3:15: 'y' is not declared (declare it in PARAMETER, ASSIGNED, STATE, CONSTANT "
          "or LOCAL)");
    CHECK(translation_error("NEURON { SUFFIX a }\nSTATE { m }\nBREAKPOINT { SOLVE s METHOD "
                            "cnexp }\nDERIVATIVE s { m' = -m * m }") ==
          "x.mod:4:16: METHOD cnexp needs m' linear in m; use METHOD derivimplicit");
    CHECK(translation_error("NEURON { SUFFIX a USEION ca WRITE eca }") ==
          "x.mod:1:19: writing 'eca' is not supported (supported: the ion's current ica, and one "
          "inner concentration cai per mechanism, an ion pool)");
    CHECK(translation_error("NEURON { SUFFIX a USEION ca READ ica WRITE cai }\nASSIGNED { cai }") ==
          "x.mod:1:1: an ion pool (WRITE cai) must declare cai as a STATE");
    CHECK(translation_error("NEURON { SUFFIX a USEION ca READ ica }") ==
          "x.mod:1:19: reading the ion current 'ica' is for ion pools, which WRITE cai");
    CHECK(translation_error("NEURON { SUFFIX a }\nASSIGNED { x }\nINITIAL { x = erf(1) }")
              .find("x.mod:3:15: unknown function 'erf'") == 0);
    CHECK(translation_error("NEURON { SUFFIX a }\nASSIGNED { x }\nINITIAL { x = t }") ==
          "x.mod:1:1: 't' is available to POINT_PROCESS mechanisms only");
    CHECK(translation_error("NEURON { SUFFIX a }\nNET_RECEIVE(w) { }") ==
          "x.mod:2:1: NET_RECEIVE is for POINT_PROCESS mechanisms");
    CHECK(translation_error("NEURON { SUFFIX a }\nBREAKPOINT { SOLVE s METHOD runge }\n"
                            "STATE { m }\nDERIVATIVE s { m' = 1 }") ==
          "x.mod:2:14: METHOD 'runge' is not supported for a DERIVATIVE block (supported: "
          "cnexp, derivimplicit)");
    CHECK(translation_error("NEURON { SUFFIX a }\nFUNCTION f(x) { f = x }\nASSIGNED { y }\n"
                            "INITIAL { y = f(1, 2) }") ==
          "x.mod:4:15: 'f' takes 1 argument(s), given 2");
    CHECK(translation_error("NEURON { SUFFIX a }\nPARAMETER { g = 1 }\nASSIGNED { g }") ==
          "x.mod:3:12: 'g' is declared twice (first at line 2)");
    CHECK(translation_error("NEURON { SUFFIX a }\nASSIGNED { f }\nFUNCTION f() { f = 1 }") ==
          "x.mod:3:10: 'f' names both a block and a variable");
    CHECK(translation_error("NEURON { POINT_PROCESS a NONSPECIFIC_CURRENT i }\nASSIGNED { i }\n"
                            "BREAKPOINT { i = area }") ==
          "x.mod:1:1: 'area' and 'diam' are available to SUFFIX (density) mechanisms only");
    CHECK(translation_error("PARAMETER { g = 1 }") ==
          "x.mod:1:1: the NEURON block names no SUFFIX or POINT_PROCESS");
}

TEST_CASE("the generated C++ carries the .mod lines, and keeps rtcell's units", "[nmodl]") {
    const std::string cpp = nmodl::translate({nmodl::parse(kGood, "leak2.mod")}, "test");
    CHECK(cpp.find("#line 9 \"leak2.mod\"") != std::string::npos);  // i = g * 1e-3 * (v - e)
    // g is stored in S/cm2 (the kernel unit) and read in the file's mS/cm2.
    CHECK(cpp.find("{\"g\", 0.001, \"S/cm2\"") != std::string::npos);
    CHECK(cpp.find("s.g = in->param[0 * n + i] * 1000.0;") != std::string::npos);
}

TEST_CASE("rtcell nmodl build makes a catalogue that loads, lists and runs", "[nmodl]") {
    const fs::path mod = scratch("leak2.mod"), so = scratch("leak2cat.so");
    write(mod, kGood);
    const auto built = test::call(tools::run_nmodl, {"build", mod.string(), "-o", so.string()});
    INFO(built.err);
    REQUIRE(built.status == 0);
    CHECK(built.out == so.string() + ": leak2\n");
    CHECK(fs::exists(scratch("leak2cat.cpp")));  // the generated C++ is kept beside it
    const auto listed = test::call(tools::run_mechanisms, {"--catalogue", so.string(), "--json"});
    REQUIRE(listed.status == 0);
    const auto json = nlohmann::json::parse(listed.out);
    REQUIRE(json.size() == 1);
    CHECK(json[0]["name"] == "leak2");
    CHECK(json[0]["parameters"][0]["unit"] == "S/cm2");
    CHECK(json[0]["parameters"][0]["max"] == Approx(0.01));
    const CatalogueEntry* e = find_mechanism("leak2");
    REQUIRE(e);
    CHECK(e->source == so.string());
    CHECK(e->spec.params[0].default_value == Approx(0.001));
    // The PARAMETER's <0, 10> mS/cm2 holds in S/cm2 when the cell is built.
    CHECK(e->spec.params[0].max == Approx(0.01));
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{10}}, {10, 0, 0, Diameter{10}}},
        {}};
    Cell ok(Morphology({soma}, "soma"), CellOptions{});
    ok.paint(reg::all(), Density{"leak2", {{"g", 0.005}}});
    CHECK_NOTHROW(ok.init_state());
    Cell bad(Morphology({soma}, "soma"), CellOptions{});
    bad.paint(reg::all(), Density{"leak2", {{"g", 0.02}}});
    CHECK_THROWS_WITH(bad.init_state(),
                      Catch::Contains("leak2.g [S/cm2] must be within [0.000000, 0.010000] (its "
                                      ".mod file's limits), not 0.020000"));
    // Loading again is the same load; under another name clash, refused.
    CHECK(load_catalogue(so.string()).mechanisms == std::vector<std::string>{"leak2"});
    try {
        load_catalogue(scratch("leak2cat.so").string(), "");
        SUCCEED();
    } catch (...) {
        FAIL("a second identical load must not throw");
    }
}

TEST_CASE("a NET_RECEIVE with INITIAL, and an event's weight, in a built catalogue", "[nmodl]") {
    const fs::path mod = scratch("counter.mod"), so = scratch("counter.so");
    write(mod, R"(NEURON {
    POINT_PROCESS counter
    NONSPECIFIC_CURRENT i
    RANGE n, total, primed
}
ASSIGNED { i (nA) n total primed }
INITIAL { n = 0 total = 0 }
BREAKPOINT { i = 0 }
NET_RECEIVE(w) {
    INITIAL { primed = 1 }
    n = n + 1
    total = total + w
}
)");
    const auto built = test::call(tools::run_nmodl, {"build", mod.string(), "-o", so.string()});
    INFO(built.err);
    REQUIRE(built.status == 0);
    load_catalogue(so.string());
    CHECK(find_mechanism("counter")->spec.event_weight_unit == "1");  // no (uS): a plain number
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{10}}, {10, 0, 0, Diameter{10}}},
        {}};
    Cell cell(Morphology({soma}, "soma"), CellOptions{});
    cell.place(ls::location("soma", 0.5), Point{"counter", "c", {}, {}});
    cell.bind_synapse_input("c", SpikeTrain{{1.0, 2.0, 3.0}}, {0.5});
    cell.init_state();
    CHECK(cell.state("c", "primed")[0] == 1);  // NET_RECEIVE's INITIAL ran at init
    for (int k = 0; k < 200; ++k)              // 5 ms
        cell.update();
    CHECK(cell.state("c", "n")[0] == 3);
    CHECK(cell.state("c", "total")[0] == Approx(1.5));
}

TEST_CASE("rtcell nmodl reports translation and compiler errors against the .mod line", "[nmodl]") {
    const fs::path mod = scratch("bad.mod");
    write(mod, "NEURON { SUFFIX bad }\nASSIGNED { x }\nINITIAL {\n    x = nope\n}\n");
    auto r =
        test::call(tools::run_nmodl, {"build", mod.string(), "-o", scratch("bad.so").string()});
    CHECK(r.status == 1);
    CHECK(r.err.find(mod.string() + ":4:9: 'nope' is not declared") != std::string::npos);
    // A LOCAL that shadows a PROCEDURE translates, and the C++ compiler rejects the call; its
    // message names the .mod line of the call.
    const fs::path shadow = scratch("shadow.mod");
    write(shadow,
          "NEURON { SUFFIX shadow }\nASSIGNED { x }\nPROCEDURE p() { x = 1 }\n"
          "INITIAL {\n    LOCAL p\n    p()\n}\n");
    r = test::call(tools::run_nmodl,
                   {"build", shadow.string(), "-o", scratch("shadow.so").string()});
    CHECK(r.status == 1);
    CHECK(r.err.find("the C++ compiler") != std::string::npos);
    CHECK(r.err.find(shadow.string() + ":6:") != std::string::npos);
}

TEST_CASE("a file that is not a catalogue, or one built for another rtcell, is refused",
          "[nmodl]") {
    CHECK_THROWS_WITH(load_catalogue("/nonexistent/x.so"),
                      "/nonexistent/x.so: no such catalogue file");
    const fs::path text = scratch("text.so");
    write(text, "not a shared object");
    CHECK_THROWS_WITH(load_catalogue(text.string()),
                      Catch::StartsWith(text.string() + ": cannot load catalogue: "));
    // A catalogue whose version string is another release's.
    const fs::path mod = scratch("old.mod");
    write(mod, std::regex_replace(std::string(kGood), std::regex("leak2"), "oldleak"));
    std::string cpp = nmodl::translate_files({mod.string()}, "old");
    cpp = std::regex_replace(cpp, std::regex("RTCELL_CATALOGUE_VERSION,"),
                             "\"rtcell 0.0.1, catalogue ABI 1\",");
    write(scratch("old.cpp"), cpp);
    const std::string so = scratch("old.so").string();
    const std::string cmd = "c++ -std=c++17 -fPIC -shared -I" + nmodl::rtcell_include_dir() +
                            " -o " + so + " " + scratch("old.cpp").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK_THROWS_WITH(load_catalogue(so),
                      so + ": catalogue was built for rtcell 0.0.1, catalogue ABI 1, this is " +
                          RTCELL_CATALOGUE_VERSION +
                          "; rebuild it with this rtcell's 'rtcell nmodl build'");
    // A name a built-in already has.
    CHECK_THROWS_WITH(load_catalogue(std::string(RTCELL_TEST_CATALOGUES) + "/own_mechanisms.so"),
                      Catch::Contains("mechanism 'hh' is already defined; load the catalogue with "
                                      "a prefix"));
}

TEST_CASE("the catalogue version names this rtcell's release", "[nmodl]") {
    CHECK(std::string(RTCELL_CATALOGUE_VERSION) == std::string("rtcell ") + RTCELL_VERSION +
                                                       ", catalogue ABI " +
                                                       std::to_string(RTCELL_CATALOGUE_ABI));
}
