#pragma once
// An error in an NMODL file, reported as `file.mod:line:column: message` (the message says
// what is wrong and, for what rtcell does not support, what is supported instead).
#include <string>

#include "model/util/input_error.hpp"

namespace rtcell::nmodl {

struct Location {
    int line = 1, column = 1;  // 1-based
};

inline InputError error_at(const std::string& file, Location at, const std::string& message) {
    return InputError(file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                      ": " + message);
}

}  // namespace rtcell::nmodl
