#pragma once
// A seeded pseudo-random stream, ours so that a seed gives the same numbers on every platform
// and standard library: xoshiro256** (Blackman & Vigna), its state filled by SplitMix64 from
// the seed and a stream index, so that the streams of different members and sources are
// independent. Used at init_state only (spike trains are drawn before the first step).
#include <cmath>
#include <cstdint>

namespace rtcell {

class RandomStream {
  public:
    RandomStream(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t x = seed ^ (0x9e3779b97f4a7c15ULL * (stream + 1));
        for (auto& s : s_)
            s = splitmix64(x);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Exponential with mean 1.
    double exponential() { return -std::log1p(-uniform()); }
    // Standard normal (Box–Muller; one of the pair, the other discarded).
    double normal() {
        const double u1 = 1.0 - uniform(), u2 = uniform();  // u1 in (0, 1]
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.141592653589793 * u2);
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t s_[4];
};

}  // namespace rtcell
