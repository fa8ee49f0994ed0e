#pragma once
// Paths to the test data copied into the build tree (see tests/CMakeLists.txt).
#include <string>

namespace rtcell::test {
inline std::string data(const std::string& relative) {
    return std::string(RTCELL_TEST_DATA) + "/" + relative;
}
inline std::string config(const std::string& relative) {
    return std::string(RTCELL_CONFIG_DIR) + "/" + relative;
}
}  // namespace rtcell::test
