#pragma once
// What every morphology a reader accepts must satisfy: finite, positive lengths and areas.
#include <cmath>

#include "fuzz/fuzz_target.hpp"
#include "model/morph/morphology.hpp"

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

}  // namespace rtcell::fuzz
