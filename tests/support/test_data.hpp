#pragma once
// Paths to test inputs: data copied into the build tree (see tests/CMakeLists.txt), the
// shipped configurations (config/), and the validation scenarios (tests/validation/).
#include <string>

namespace rtcell::test {
inline std::string data(const std::string& relative) {
    return std::string(RTCELL_TEST_DATA) + "/" + relative;
}
inline std::string config(const std::string& relative) {
    return std::string(RTCELL_CONFIG_DIR) + "/" + relative;
}
inline std::string validation(const std::string& relative) {
    return std::string(RTCELL_VALIDATION_DIR) + "/" + relative;
}
// A file of a NEURON validation scenario: tests/validation/neuron/<scenario>/<file>.
inline std::string neuron_scenario(const std::string& scenario, const std::string& file) {
    return validation("neuron/" + scenario + "/" + file);
}
// A scenario's configuration: the Rallpacks' in tests/validation/rallpack/, the others in
// their NEURON scenario folder.
inline std::string scenario_config(const std::string& scenario) {
    if (scenario.rfind("rallpack", 0) == 0)
        return validation("rallpack/" + scenario + ".yaml");
    return neuron_scenario(scenario, scenario + ".yaml");
}
}  // namespace rtcell::test
