#pragma once
// `rtcell nmodl build`: .mod files → one catalogue shared object, in three steps: parse and
// translate every file (errors name file.mod:line:column), write the C++ next to the output,
// and compile it with the system's C++ compiler. The generated code carries #line directives,
// so a compiler error is reported against the .mod line it came from.
#include <iosfwd>
#include <string>
#include <vector>

namespace rtcell::nmodl {

struct BuildRequest {
    std::vector<std::string> mod_files;
    std::string output;         // mycat.so
    std::string compiler = "";  // empty: $CXX, else c++
    std::string source;         // where the C++ goes; empty: output with ".cpp" for ".so"
};

// The translation of the files as C++ (for `rtcell nmodl translate` and tests).
std::string translate_files(const std::vector<std::string>& mod_files,
                            const std::string& catalogue_name);

// Throws InputError: a translation error, or the compiler's messages.
void build_catalogue(const BuildRequest& request, std::ostream& log);

// The directory holding rtcell's headers (model/mechanisms/loaded/catalogue_abi.hpp): the
// source tree this rtcell was built from, or its installed include/rtcell.
std::string rtcell_include_dir();

}  // namespace rtcell::nmodl
