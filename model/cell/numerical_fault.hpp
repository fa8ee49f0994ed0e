#pragma once
// Where and when a cell's voltage left the physical range — NaN, infinite, or beyond ±10 V
// (kMaxVoltage_mV) — (Cell::numerical_fault), and the sentence the commands print about it.
#include <cstdint>
#include <sstream>
#include <string>

namespace rtcell {

struct NumericalFault {
    std::uint64_t step = 0;  // the first step that ended with the detector's voltage out of range
    double t_ms = 0;         // its end time [ms]
    std::size_t member = 0;  // the first member affected at that step
    // The first CV (of that member) whose voltage is out of range when asked, its branch and
    // midpoint x; cv = −1 when none is (a value that came back, which NaN never does).
    long cv = -1;
    std::string branch;
    double x = 0;
};

inline std::string describe(const NumericalFault& f) {
    std::ostringstream s;
    s << "the membrane voltage left the physical range (NaN, infinite or beyond ±10 V) at step "
      << f.step << " (t = " << f.t_ms << " ms), member " << f.member;
    if (f.cv >= 0)
        s << ", first at CV " << f.cv << " (" << f.branch << " x = " << f.x << ")";
    s << "; check the inputs and parameter values, or reduce dt";
    return s.str();
}

}  // namespace rtcell
