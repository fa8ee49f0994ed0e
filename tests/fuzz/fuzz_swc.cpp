// Fuzz target: the SWC reader (model/formats/swc_reader.hpp) on arbitrary bytes.
#include <sstream>

#include "fuzz/fuzz_morphology_check.hpp"
#include "model/formats/swc_reader.hpp"
#include "model/util/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(rtcell::fuzz::text(data, size));
    try {
        rtcell::fuzz::check_morphology(rtcell::read_swc(in, "fuzz.swc"));
    } catch (const rtcell::InputError&) {
    } catch (const std::exception& e) {
        rtcell::fuzz::fail(std::string("exception other than InputError: ") + e.what());
    }
    return 0;
}
