#include "tools/nmodl/nmodl_command.hpp"

#include <fstream>
#include <ostream>

#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/nmodl/nmodl_build.hpp"

namespace rtcell::tools {
namespace {

const char* const nmodl_help =
    "usage: rtcell nmodl build FILE.mod ... -o CATALOGUE.so [--cxx COMPILER] [--source OUT.cpp]\n"
    "       rtcell nmodl translate FILE.mod ... [-o OUT.cpp]\n\n"
    "build     translates NMODL files into one mechanism catalogue and compiles it with the\n"
    "          system's C++ compiler ($CXX, else c++). Load it with `catalogues: [CATALOGUE.so]`\n"
    "          in a configuration, `rtcell mechanisms --catalogue CATALOGUE.so`, or\n"
    "          rtcell::load_catalogue(). The generated C++ is kept beside the catalogue\n"
    "          (CATALOGUE.cpp, or --source).\n"
    "translate writes the generated C++ only (to standard output without -o).\n\n"
    "Errors name FILE.mod:LINE:COLUMN; the README's \"Mechanisms\" section lists the NMODL that\n"
    "rtcell supports.\n";

}  // namespace

int run_nmodl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string verb, output, cxx, source;
    std::vector<std::string> files;
    Arguments a("nmodl", nmodl_help);
    a.option("-o", output).option("--cxx", cxx).option("--source", source);
    a.positional(verb, "verb").rest(files);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    try {
        if (verb == "build") {
            nmodl::build_catalogue({files, output, cxx, source}, err);
            const LoadedCatalogue cat = inspect_catalogue(output);  // it loads, or says why
            out << output << ":";
            for (const auto& m : cat.mechanisms)
                out << " " << m;
            out << "\n";
            return 0;
        }
        if (verb == "translate") {
            const std::string cpp = nmodl::translate_files(files, "translation");
            if (output.empty()) {
                out << cpp;
            } else {
                std::ofstream f(output);
                if (!f)
                    throw InputError(output + ": cannot write");
                f << cpp;
            }
            return 0;
        }
        err << "rtcell nmodl: give 'build' or 'translate' (rtcell nmodl --help)\n";
        return 2;
    } catch (const InputError& e) {
        err << "rtcell nmodl: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
