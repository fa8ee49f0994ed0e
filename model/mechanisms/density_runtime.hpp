#pragma once
// Runtime state of one density mechanism over all its instances: one instance per
// (painted CV × population member), laid out member-fastest (index = instance·P + member)
// and padded to a multiple of the SIMD width. Parameters and states are structure-of-arrays.
// Everything is allocated by `allocate` (from Cell::init_state); the step functions only
// read and write these arrays.
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/mechanisms/channel_math.hpp"
#include "model/mechanisms/mechanism_spec.hpp"

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
    // Rate factors (q10 or phi) per instance: rate_factor_count() arrays of padded() values.
    double* rate_factor() { return rate_factor_.data(); }
    virtual std::size_t rate_factor_count() const { return 1; }
    std::size_t memory_bytes() const {
        return (params_.capacity() + states_.capacity() + rate_factor_.capacity() +
                area_factor_.capacity()) *
                   sizeof(double) +
               index_.capacity() * sizeof(int);
    }

    // Where each instance × member sits: its index into the node-major voltage and system
    // arrays, and its area factor (CV area [µm²] · 0.01, converting mA/cm² to nA and S/cm² to
    // µS). Padding lanes must point at a spare slot that holds a finite voltage.
    void set_layout(std::vector<int> index, std::vector<double> area_factor);
    const int* index() const { return index_.data(); }
    // Each instance's CV diameter [µm], for mechanisms that read NMODL's `diam`; others ignore it.
    virtual void set_diameters(std::vector<double> /*diam_um*/) {}

    // Recompute rate factors (q10 or phi) from temperature [°C] per instance and the
    // parameters; call after changing either.
    virtual void prepare(const double* celsius) = 0;
    // States to their steady state at the voltages V[index] [mV] (NEURON's finitialize).
    virtual void init_states(const double* V) = 0;
    // Adds the outward current and its conductance di/dv to the node equations:
    // b[index] −= i·area_factor [nA], d[index] += g·area_factor [µS].
    virtual void accumulate(const double* V, double* b, double* d) const = 0;
    // The current density i [mA/cm²] and conductance g [S/cm²] of each instance (tests).
    virtual void current(const double* V, double* i, double* g) const = 0;
    // Exponential-Euler (cnexp) update of the gates over dt [ms] at V[index].
    virtual void advance(const double* V, double dt) = 0;
    // The ions whose currents this channel carries ("ca"; hh carries "na" and "k"), and the
    // concentration parameter it is gated by ("cai"; nullptr when none).
    // The shortest time constant of any gate of any instance [ms] over membrane voltages from
    // −100 to +60 mV, at the prepared rate factors; +∞ when it has no gates or cannot say
    // (kinetic schemes). For the warning that dt is far too large. Not on the step path.
    virtual double fastest_time_constant_ms() const {
        return std::numeric_limits<double>::infinity();
    }
    virtual std::span<const char* const> ions() const { return {}; }
    virtual const char* concentration() const { return nullptr; }
    // The current density [mA/cm²] of ion ions()[which] (and its conductance [S/cm²]) of each
    // instance; a channel that carries one ion carries all its current on it.
    virtual void ion_current(const double* V, std::size_t /*which*/, double* i, double* g) const {
        current(V, i, g);
    }

  protected:
    std::size_t count_ = 0, padded_ = 0;
    std::vector<double> params_, states_, rate_factor_;
    std::vector<int> index_;
    std::vector<double> area_factor_;
};

// Creates the runtime for a density mechanism by name; nullptr if unknown.
std::unique_ptr<DensityRuntime> make_density_runtime(const std::string& name);
// Every density mechanism's spec, in catalogue order (channels, ion pools, ion settings).
const std::vector<MechanismSpec>& density_specs();
// The ion pools (painted like density mechanisms, lowered by Cell): CalciumDetailed,
// CalciumFirstOrder, SodiumDetailed and PotassiumDetailed.
const std::vector<MechanismSpec>& pool_specs();
bool is_pool(const std::string& name);
// Ion settings (braincell's SodiumFixed, ..., SodiumInitNernst, ...): painted like density
// mechanisms, they set the reversal potential and concentration parameters of the channels on
// their region (ion_settings.hpp).
const std::vector<MechanismSpec>& ion_setting_specs();
bool is_ion_setting(const std::string& name);

}  // namespace rtcell
