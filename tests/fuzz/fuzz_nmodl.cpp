// Fuzz target: an NMODL file (tools/nmodl/) parsed and translated to C++ (not compiled).
// Either it translates — to C++ that defines the catalogue's entry point — or it is refused
// with an InputError naming "fuzz.mod:line:column: ...".
#include "fuzz/fuzz_target.hpp"
#include "model/util/input_error.hpp"
#include "tools/nmodl/nmodl_parser.hpp"
#include "tools/nmodl/nmodl_translate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rtcell;
    try {
        const std::string cpp =
            nmodl::translate({nmodl::parse(fuzz::text(data, size), "fuzz.mod")}, "fuzz");
        if (cpp.find("rtcell_catalogue_entry") == std::string::npos)
            fuzz::fail("a translation without the catalogue's entry point");
    } catch (const InputError& e) {
        if (std::string(e.what()).rfind("fuzz.mod:", 0) != 0)
            fuzz::fail(std::string("an error that names no place in the file: ") + e.what());
    } catch (const std::exception& e) {
        fuzz::fail(std::string("exception other than InputError: ") + e.what());
    }
    return 0;
}
