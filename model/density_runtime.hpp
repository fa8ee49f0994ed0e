#pragma once
// Runtime state of one density mechanism over all its instances: one instance per
// (painted CV × population member), laid out member-fastest (index = instance·P + member)
// and padded to a multiple of the SIMD width. Parameters and states are structure-of-arrays.
// Everything is allocated by `allocate` (from Cell::init_state); the step functions only
// read and write these arrays.
#include <memory>
#include <string>
#include <vector>

#include "channel_math.hpp"
#include "mechanism_spec.hpp"

namespace rtcell {

class DensityRuntime {
public:
    virtual ~DensityRuntime() = default;
    virtual const MechanismSpec& spec() const = 0;

    void allocate(std::size_t count);
    std::size_t size() const { return count_; }
    std::size_t padded() const { return padded_; }
    double* param(std::size_t k) { return params_.data() + k * padded_; }
    double* state(std::size_t k) { return states_.data() + k * padded_; }
    const double* param(std::size_t k) const { return params_.data() + k * padded_; }
    const double* state(std::size_t k) const { return states_.data() + k * padded_; }
    double* rate_factor() { return rate_factor_.data(); }

    // Recompute rate factors (q10 or phi) from temperature [°C] per instance and the
    // parameters; call after changing either.
    virtual void prepare(const double* celsius) = 0;
    // States to their steady state at v [mV] (NEURON's finitialize).
    virtual void init_states(const double* v) = 0;
    // Outward current density i [mA/cm²] and its conductance di/dv [S/cm²] at v.
    virtual void current(const double* v, double* i, double* g) const = 0;
    // Exponential-Euler (cnexp) update of the gates over dt [ms] at v.
    virtual void advance(const double* v, double dt) = 0;

protected:
    std::size_t count_ = 0, padded_ = 0;
    std::vector<double> params_, states_, rate_factor_;
};

// Creates the runtime for a density mechanism by name; nullptr if unknown.
std::unique_ptr<DensityRuntime> make_density_runtime(const std::string& name);
// Every density mechanism's spec, in catalogue order.
const std::vector<MechanismSpec>& density_specs();

}  // namespace rtcell
