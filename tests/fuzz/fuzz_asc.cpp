// Fuzz target: the Neurolucida ASC reader (model/formats/asc_reader.hpp) on arbitrary bytes.
#include "fuzz/fuzz_morphology_check.hpp"
#include "model/formats/asc_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return rtcell::fuzz::fuzz_reader(
        data, size, [](std::istream& in, const char* name) { return rtcell::read_asc(in, name); },
        "fuzz.asc");
}
