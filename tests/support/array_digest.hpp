#pragma once
// A compact, exact fingerprint of an array: its length and the FNV-1a 64-bit hash of its bytes,
// printed as "<label> <count> <hash>", so that two arrays compare equal only if every bit does.
#include <cstdint>
#include <cstdio>
#include <string>

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
    char buf[64];
    std::snprintf(buf, sizeof buf, " %zu %016llx", count,
                  static_cast<unsigned long long>(fnv1a(data, count * sizeof(T))));
    return label + buf;
}

}  // namespace rtcell::test
