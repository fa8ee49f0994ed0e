#pragma once
// A point process from a loaded catalogue (catalogue_abi.hpp) as a PointRuntime: its
// parameters and variables are the runtime's own arrays (instance × member); each element's
// voltage index (node·P + member) is built once, in prepare(), and the step functions only
// fill the rtcell_instances view and call the catalogue's kernels.
#include <vector>

#include "model/mechanisms/loaded/catalogue_abi.hpp"
#include "model/mechanisms/points/point_runtime.hpp"

namespace rtcell {

class LoadedPoint final : public PointRuntime {
  public:
    LoadedPoint(const rtcell_mechanism& m, const MechanismSpec& spec, std::string name)
        : PointRuntime(std::move(name), spec, m.net_receive != nullptr, 0), m_(m) {}

    void init_at(const double* v) override;
    void prepare(double dt_ms) override;
    void contribute(double t_mid_ms, const double* v, double* rhs, double* diag) override;
    void advance(const double* v) override;
    void receive(std::size_t i, double weight) override;

  private:
    void size_elements();
    rtcell_instances view(const double* v) const;
    const rtcell_mechanism& m_;
    const double* last_v_ = nullptr;  // the node voltages last seen, for NET_RECEIVE's v [mV]
    double t_ms_ = 0;                 // NMODL's t for the kernel being called [ms]
    // Per element: index into the node-major voltages, temperature [°C] (NEURON's default:
    // point processes have no region of their own), scratch current [nA] and slope [µS].
    std::vector<int> element_node_;
    std::vector<double> celsius_, area_, diam_, i_, g_;
};

}  // namespace rtcell
