#pragma once
// A density mechanism from a loaded catalogue (catalogue_abi.hpp) as a DensityRuntime: the
// runtime's own structure-of-arrays (parameters, then states followed by assigned values) are
// handed to the catalogue's kernels, which loop over every instance in one call. The arrays
// are sized by allocate(); the step functions only fill the rtcell_instances view and call.
#include <vector>

#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/loaded/catalogue_abi.hpp"

namespace rtcell {

class LoadedDensity final : public DensityRuntime {
  public:
    LoadedDensity(const rtcell_mechanism& m, const MechanismSpec& spec) : m_(m), spec_(spec) {}
    const MechanismSpec& spec() const override { return spec_; }
    std::span<const char* const> ions() const override { return {m_.ions, m_.n_ions}; }
    const char* concentration() const override { return m_.concentration; }

    void prepare(const double* celsius) override;
    void init_states(const double* V) override;
    void accumulate(const double* V, double* b, double* d) const override;
    void current(const double* V, double* i, double* g) const override;
    void ion_current(const double* V, std::size_t which, double* i, double* g) const override;
    void advance(const double* V, double dt) override;
    void set_diameters(std::vector<double> diam_um) override;

  private:
    rtcell_instances view(const double* V, double dt) const;
    const rtcell_mechanism& m_;
    const MechanismSpec& spec_;
    // Per instance (padded): temperature [°C], CV area [µm²] and diameter [µm]; the
    // accumulate() scratch current [mA/cm²] and conductance [S/cm²].
    std::vector<double> celsius_, area_, diam_;
    mutable std::vector<double> i_, g_;
};

}  // namespace rtcell
