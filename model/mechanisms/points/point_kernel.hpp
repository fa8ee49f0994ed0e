#pragma once
// The point-mechanism template: turns a definition M into a PointRuntime whose loops run over
// instance × member with M's functions inlined — no switch on a kind inside the loop.
//
// A definition M provides
//   static MechanismSpec spec();                 parameters (kernel units) and states
//   static constexpr bool synapse;               receives events
//   static constexpr const char* event_weight_unit;   synapses: "uS" or "1" (a drive)
//   static constexpr std::size_t aux;            per-element values prepare() derives
//   static void prepare(PointElement e, double dt_ms);
//   static PointCurrent contribute(PointElement e, double t_mid_ms, double v_mV);
//   static void advance(PointElement e, double dt_ms);
//   static void receive(PointElement e, double weight);
// and optionally
//   static double after_solve(PointElement e, double v_new_mV);
// which updates what depends on the voltage the step ended with and returns the probe's
// current [nA] at it (a voltage clamp's i), and
//   static double initial(PointElement e, double v_mV);
// which sets the states that start from the initial voltage and returns the probe's current
// at t = 0 (NEURON's i after finitialize).
// where PointElement reads parameter k (e.p(k)) and reaches state k (e.s(k)) and derived value
// k (e.aux(k)) of one instance × member.
#include <cstddef>
#include <memory>
#include <string>

#include "model/mechanisms/points/point_runtime.hpp"

namespace rtcell {

// What one element adds to its node's equation: rhs += rhs [nA], diag += diag [µS]; current
// [nA] is what the probe "<name>.i" records.
struct PointCurrent {
    double current, rhs, diag;
};

class PointElement {
  public:
    PointElement(PointRuntime& rt, std::size_t i) : rt_(rt), i_(i) {}
    double p(std::size_t k) const { return rt_.param(k)[i_]; }
    double& s(std::size_t k) const { return rt_.state(k)[i_]; }
    double& aux(std::size_t k) const { return rt_.aux(k)[i_]; }

  private:
    PointRuntime& rt_;
    std::size_t i_;
};

template <class M>
class PointKernel final : public PointRuntime {
  public:
    explicit PointKernel(std::string name)
        : PointRuntime(std::move(name), static_spec(), M::synapse, M::aux) {}

    static const MechanismSpec& static_spec() {
        static const MechanismSpec s = [] {
            MechanismSpec spec = M::spec();
            if constexpr (M::synapse)
                spec.event_weight_unit = M::event_weight_unit;
            return spec;
        }();
        return s;
    }

    void prepare(double dt_ms) override {
        dt_ = dt_ms;
        for (std::size_t i = 0; i < size(); ++i)
            M::prepare(PointElement(*this, i), dt_ms);
    }

    void contribute(double t_mid_ms, const double* v, double* rhs, double* diag) override {
        const std::size_t P = members_;
        for (std::size_t inst = 0; inst < node_.size(); ++inst) {
            const std::size_t base = static_cast<std::size_t>(node_[inst]) * P;
            for (std::size_t m = 0; m < P; ++m) {
                const std::size_t i = inst * P + m;
                const PointCurrent c = M::contribute(PointElement(*this, i), t_mid_ms, v[base + m]);
                current_[i] = c.current;
                rhs[base + m] += c.rhs;
                diag[base + m] += c.diag;
            }
        }
    }

    void init_at(const double* v) override {
        if constexpr (requires(PointElement e) { M::initial(e, 0.0); }) {
            const std::size_t P = members_;
            for (std::size_t inst = 0; inst < node_.size(); ++inst)
                for (std::size_t m = 0; m < P; ++m)
                    current_[inst * P + m] =
                        M::initial(PointElement(*this, inst * P + m),
                                   v[static_cast<std::size_t>(node_[inst]) * P + m]);
        }
    }

    void advance(const double* v) override {
        for (std::size_t i = 0; i < size(); ++i)
            M::advance(PointElement(*this, i), dt_);
        if constexpr (requires(PointElement e) { M::after_solve(e, 0.0); }) {
            const std::size_t P = members_;
            for (std::size_t inst = 0; inst < node_.size(); ++inst)
                for (std::size_t m = 0; m < P; ++m)
                    current_[inst * P + m] =
                        M::after_solve(PointElement(*this, inst * P + m),
                                       v[static_cast<std::size_t>(node_[inst]) * P + m]);
        }
    }

    void receive(std::size_t i, double weight) override {
        M::receive(PointElement(*this, i), weight);
    }
};

}  // namespace rtcell
