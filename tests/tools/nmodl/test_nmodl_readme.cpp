// The README's NMODL worked example ("Mechanisms", "Your own mechanisms"), as it stands: its
// catalogue built from tests/validation/nmodl/classic/ with `rtcell nmodl build`, its
// configuration checked, run offline and run in real time.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/command_result.hpp"
#include "support/test_data.hpp"
#include "tools/check_command.hpp"
#include "tools/nmodl/nmodl_command.hpp"
#include "tools/run_command.hpp"
#include "tools/sim_command.hpp"

using namespace rtcell;
namespace fs = std::filesystem;

namespace {
// The YAML block that follows the README's "<!-- nmodl-example -->" marker.
std::string readme_example() {
    std::ifstream in(test::config("../README.md"));
    std::stringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const auto marker = readme.find("<!-- nmodl-example -->");
    REQUIRE(marker != std::string::npos);
    const auto start = readme.find("```yaml\n", marker) + 8;
    return readme.substr(start, readme.find("```", start) - start);
}
}  // namespace

TEST_CASE("the README's NMODL example builds, checks, runs offline and in real time",
          "[readme][nmodl]") {
    const fs::path dir = fs::temp_directory_path() / "rtcell_nmodl_readme";
    fs::create_directories(dir);
    std::ofstream(dir / "cortical.yaml") << readme_example();
    std::vector<std::string> build = {"build"};
    for (const auto& e : fs::directory_iterator(test::validation("nmodl/classic")))
        if (e.path().extension() == ".mod")
            build.push_back(e.path().string());
    build.insert(build.end(), {"-o", (dir / "cortical.so").string()});
    const auto built = test::call(tools::run_nmodl, build);
    INFO(built.err);
    REQUIRE(built.status == 0);
    const std::string config = (dir / "cortical.yaml").string();
    const auto checked = test::call(tools::run_check, {config});
    INFO(checked.err);
    CHECK(checked.status == 0);
    const auto sim = test::call(tools::run_sim, {config, "--out", (dir / "cortical.csv").string()});
    INFO(sim.err);
    REQUIRE(sim.status == 0);
    CHECK_THAT(sim.out, Catch::Contains("\"spikes\": 22"));  // as NEURON (cortical_soma)
    const auto rt = test::call(tools::run_realtime, {config, "--duration", "200ms", "--floor", "0s",
                                                     "--priority", "0", "--no-lock"});
    INFO(rt.err);
    CHECK(rt.status == 0);
    CHECK_THAT(rt.out, Catch::Contains("wake-up latency"));
}
