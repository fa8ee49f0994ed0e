#pragma once
// A compact fingerprint of an array, as "<label> <count> ...": for integers the FNV-1a 64-bit
// hash of their bytes (equal only if every value is), for floating point Σx, Σ|x|, Σ(i+1)·x and
// Σ(i+1)·|x| (the weights catch values that moved), compared within a relative tolerance by
// same_digest().
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace rtcell::test {

inline std::uint64_t fnv1a(const void* data, std::size_t n) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

template <class T>
std::string digest(const std::string& label, const T* data, std::size_t count) {
    char buf[160];
    if constexpr (std::is_floating_point_v<T>) {
        double s1 = 0, a1 = 0, s2 = 0, a2 = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const double x = data[i], w = static_cast<double>(i + 1);
            s1 += x;
            a1 += std::abs(x);
            s2 += w * x;
            a2 += w * std::abs(x);
        }
        std::snprintf(buf, sizeof buf, " %zu %.17g %.17g %.17g %.17g", count, s1, a1, s2, a2);
    } else {
        std::snprintf(buf, sizeof buf, " %zu %016llx", count,
                      static_cast<unsigned long long>(fnv1a(data, count * sizeof(T))));
    }
    return label + buf;
}

// Two digest lines agree: the same label and count, and the same hash (integers: one token),
// or sums within `rel` of the absolute sums (floating point: four tokens).
inline bool same_digest(const std::string& a, const std::string& b, double rel = 1e-12) {
    auto tokens = [](const std::string& s) {
        std::istringstream in(s);
        std::vector<std::string> out;
        for (std::string t; in >> t;)
            out.push_back(t);
        return out;
    };
    const auto x = tokens(a), y = tokens(b);
    if (x.size() != y.size() || x.size() < 3 || x[0] != y[0] || x[1] != y[1])
        return false;
    if (x.size() == 3)
        return x[2] == y[2];
    if (x.size() != 6)
        return false;
    double v[4], w[4];
    for (int k = 0; k < 4; ++k) {
        v[k] = std::stod(x[2 + k]);
        w[k] = std::stod(y[2 + k]);
    }
    const double scale1 = std::max(v[1], w[1]), scale2 = std::max(v[3], w[3]);
    return std::abs(v[0] - w[0]) <= rel * scale1 && std::abs(v[1] - w[1]) <= rel * scale1 &&
           std::abs(v[2] - w[2]) <= rel * scale2 && std::abs(v[3] - w[3]) <= rel * scale2;
}

}  // namespace rtcell::test
