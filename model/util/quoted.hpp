#pragma once
// A string as a double-quoted literal ("a \"b\""), for printed label expressions and for
// generated C++ (the NMODL translator).
#include <string>

namespace rtcell {

inline std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace rtcell
