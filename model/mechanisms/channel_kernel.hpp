#pragma once
// The gate template: turns a channel definition (channels_hh.hpp) into a DensityRuntime
// whose loops run in SIMD chunks of chanmath::kLanes values.
#include <array>

#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/kernel_spec.hpp"

namespace rtcell {

template <class C>
class ChannelKernel final : public DensityRuntime {
    static constexpr std::size_t NP = C::params.size();
    static constexpr std::size_t NS = C::states.size();
    static constexpr std::size_t NQ = rate_factor_count_of<C>();
    using Lanes = chanmath::Lanes;
    using Map = Eigen::Map<Lanes>;
    using CMap = Eigen::Map<const Lanes>;
    static constexpr int W = chanmath::kLanes;

  public:
    static const MechanismSpec& static_spec() { return spec_of<C>(); }
    const MechanismSpec& spec() const override { return spec_of<C>(); }
    std::span<const char* const> ions() const override { return ions_of<C>(); }
    const char* concentration() const override { return concentration_of<C>(); }

    std::size_t rate_factor_count() const override { return NQ; }

    void prepare(const double* celsius) override {
        std::array<double, NP + 1> p{};
        for (std::size_t i = 0; i < padded_; ++i) {
            for (std::size_t k = 0; k < NP; ++k)
                p[k] = param(k)[i];
            if constexpr (NQ == 1 && !requires { C::rate_factors(0.0, nullptr); }) {
                rate_factor_[i] = C::rate_factor(celsius[i], p.data());
            } else {
                const auto q = C::rate_factors(celsius[i], p.data());
                for (std::size_t j = 0; j < NQ; ++j)
                    rate_factor_[j * padded_ + i] = q[j];
            }
        }
    }

    void init_states(const double* V) override {
        for (std::size_t base = 0; base < padded_; base += W) {
            Chunk c(*this, V, base);
            std::array<Lanes, NS + 1> inf, tau;
            gates(c, inf.data(), tau.data());
            for (std::size_t k = 0; k < NS; ++k)
                Map(state(k) + base) = inf[k];
        }
    }

    void accumulate(const double* V, double* b, double* d) const override {
        const int* idx = index_.data();
        const double* af = area_factor_.data();
        for (std::size_t base = 0; base < padded_; base += W) {
            Chunk c(*this, V, base);
            Lanes ii, gg;
            C::current(c.v, c.p.data(), c.s.data(), ii, gg);
            ii *= CMap(af + base);
            gg *= CMap(af + base);
            // Each instance × member has its own slot, so the scatter has no conflicts.
            for (int j = 0; j < W; ++j) {
                b[idx[base + j]] -= ii[j];
                d[idx[base + j]] += gg[j];
            }
        }
    }

    void current(const double* V, double* i, double* g) const override {
        for (std::size_t base = 0; base < padded_; base += W) {
            Chunk c(*this, V, base);
            Lanes ii, gg;
            C::current(c.v, c.p.data(), c.s.data(), ii, gg);
            Map(i + base) = ii;
            Map(g + base) = gg;
        }
    }

    void ion_current(const double* V, std::size_t which, double* i, double* g) const override {
        if constexpr (requires { C::ions; }) {
            for (std::size_t base = 0; base < padded_; base += W) {
                Chunk c(*this, V, base);
                Lanes ii, gg;
                C::ion_current(which, c.v, c.p.data(), c.s.data(), ii, gg);
                Map(i + base) = ii;
                Map(g + base) = gg;
            }
        } else {
            current(V, i, g);
        }
    }

    void advance(const double* V, double dt) override {
        if constexpr (NS > 0) {
            for (std::size_t base = 0; base < padded_; base += W) {
                Chunk c(*this, V, base);
                std::array<Lanes, NS> inf, tau;
                gates(c, inf.data(), tau.data());
                for (std::size_t k = 0; k < NS; ++k)
                    Map(state(k) + base) =
                        c.s[k] + (1.0 - chanmath::exp(Lanes(-dt / tau[k]))) * (inf[k] - c.s[k]);
            }
        }
    }

    double fastest_time_constant_ms() const override {
        double best = std::numeric_limits<double>::infinity();
        if constexpr (NS > 0) {
            for (std::size_t base = 0; base < padded_; base += W)
                for (double v = -100; v <= 60; v += 1) {
                    const Chunk c(*this, Lanes::Constant(v), base);
                    std::array<Lanes, NS + 1> inf, tau;
                    gates(c, inf.data(), tau.data());
                    for (int j = 0; j < W && base + j < count_; ++j)
                        for (std::size_t k = 0; k < NS; ++k)
                            if (tau[k][j] > 0)
                                best = std::min(best, tau[k][j]);
                }
        }
        return best;
    }

  private:
    struct Chunk;
    // The gates' steady states and time constants: with one rate factor, or several.
    static void gates(const Chunk& c, Lanes* inf, Lanes* tau) {
        if constexpr (requires { C::rate_factors(0.0, nullptr); })
            C::gates(c.v, c.p.data(), c.q.data(), inf, tau);
        else
            C::gates(c.v, c.p.data(), c.q[0], inf, tau);
    }

    // One SIMD chunk of voltages, parameters, states and rate factors.
    struct Chunk {
        Lanes v;
        std::array<Lanes, NQ> q;
        std::array<Lanes, NP + 1> p;
        std::array<Lanes, NS + 1> s;
        Chunk(const ChannelKernel& k, const double* V, std::size_t base) {
            load(k, base);
            const int* idx = k.index_.data() + base;
            for (int j = 0; j < W; ++j)
                v[j] = V[idx[j]];  // gather the instances' node voltages
        }
        // Every lane at one voltage [mV].
        Chunk(const ChannelKernel& k, const Lanes& voltage, std::size_t base) : v(voltage) {
            load(k, base);
        }
        void load(const ChannelKernel& k, std::size_t base) {
            for (std::size_t j = 0; j < NQ; ++j)
                q[j] = CMap(k.rate_factor_.data() + j * k.padded_ + base);
            for (std::size_t j = 0; j < NP; ++j)
                p[j] = CMap(k.param(j) + base);
            for (std::size_t j = 0; j < NS; ++j)
                s[j] = CMap(k.state(j) + base);
        }
    };
};

}  // namespace rtcell
