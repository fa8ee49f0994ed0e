// Fuzz target: the SWC reader (model/formats/swc_reader.hpp) on arbitrary bytes.
#include "fuzz/fuzz_morphology_check.hpp"
#include "model/formats/swc_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return rtcell::fuzz::fuzz_reader(
        data, size, [](std::istream& in, const char* name) { return rtcell::read_swc(in, name); },
        "fuzz.swc");
}
