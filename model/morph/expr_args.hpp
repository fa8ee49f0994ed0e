#pragma once
// Internal: typed access to the arguments of an ExprNode during evaluation.
#include <cmath>
#include <string>

#include "model/morph/morph_expr.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::expr_args {

inline double number(const ExprNode& n, std::size_t i) {
    return std::get<double>(n.args.at(i));
}
inline const Region& region(const ExprNode& n, std::size_t i) {
    return std::get<Region>(n.args.at(i));
}
inline const Locset& locset(const ExprNode& n, std::size_t i) {
    return std::get<Locset>(n.args.at(i));
}

// A branch argument given by index or by name, checked against the morphology.
inline int branch(const ExprNode& n, std::size_t i, const Morphology& m) {
    const ExprArg& a = n.args.at(i);
    if (auto* name = std::get_if<std::string>(&a)) {
        const int b = m.find_branch(*name);
        if (b < 0)
            throw InputError("(" + n.op + " ...): no branch named '" + *name + "' in " +
                             m.source());
        return b;
    }
    const double v = std::get<double>(a);
    if (v != std::floor(v) || v < 0 || v >= static_cast<double>(m.num_branches()))
        throw InputError("(" + n.op + " ...): branch index " + std::to_string(v) +
                         " out of range (the morphology has " + std::to_string(m.num_branches()) +
                         " branches)");
    return static_cast<int>(v);
}

// A whole-number argument in [lo, hi], checked before it is converted (a double outside the
// target's range would make the conversion undefined).
inline double whole_number(const ExprNode& n, std::size_t i, double lo, double hi,
                           const char* what) {
    const double v = number(n, i);
    if (!(v >= lo && v <= hi) || v != std::floor(v))
        throw InputError("(" + n.op + " ...): " + what + " must be a whole number in [" +
                         std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                         std::to_string(v));
    return v;
}

// A length argument [µm] that must be ≥ 0 (an extent, a distance).
inline double extent(const ExprNode& n, std::size_t i) {
    const double v = number(n, i);
    if (!(v >= 0))
        throw InputError("(" + n.op + " ...): extent " + std::to_string(v) + " must be ≥ 0 µm");
    return v;
}

inline double fraction(const ExprNode& n, std::size_t i) {
    const double x = number(n, i);
    if (!(x >= 0.0 && x <= 1.0))
        throw InputError("(" + n.op + " ...): position " + std::to_string(x) +
                         " is outside [0, 1]");
    return x;
}

}  // namespace rtcell::expr_args
