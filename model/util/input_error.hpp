#pragma once
// Errors raised while reading user input (morphology files, expressions, configuration).
// The message always starts with where the problem is: "file:line: ..." or "expr:col: ...",
// so a user can jump straight to it.
#include <stdexcept>
#include <string>

namespace rtcell {

class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// "file:line: what" (line omitted when 0).
inline std::string located(const std::string& file, int line, const std::string& what) {
    std::string out = file;
    if (line > 0) {
        out.push_back(':');
        out.append(std::to_string(line));
    }
    out.append(": ");
    out.append(what);
    return out;
}

}  // namespace rtcell
