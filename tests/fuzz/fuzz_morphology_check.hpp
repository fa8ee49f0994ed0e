#pragma once
// The morphology readers' fuzz targets: what every morphology a reader accepts must satisfy
// (finite, positive lengths and areas), and the one body both targets share.
#include <cmath>
#include <sstream>

#include "fuzz/fuzz_target.hpp"
#include "model/morph/morphology.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::fuzz {

inline void check_morphology(const Morphology& m) {
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const double L = m.length(b), A = m.area(b);
        if (!(std::isfinite(L) && L > 0) || !(std::isfinite(A) && A > 0))
            fail("branch " + std::to_string(b) + " has length " + std::to_string(L) + " and area " +
                 std::to_string(A));
        if (!std::isfinite(m.path_distance(b, 1.0)))
            fail("non-finite path distance on branch " + std::to_string(b));
    }
}

// Reads the bytes with `read(istream, name)`: refused with an InputError, or a valid morphology.
template <class Reader>
int fuzz_reader(const std::uint8_t* data, std::size_t size, Reader read, const char* name) {
    std::istringstream in(text(data, size));
    try {
        check_morphology(read(in, name));
    } catch (const InputError&) {
    } catch (const std::exception& e) {
        fail(std::string("exception other than InputError: ") + e.what());
    }
    return 0;
}

}  // namespace rtcell::fuzz
