#pragma once
// Runtime state of one placed point mechanism over all its instances (locations × steps ×
// population members, member-fastest). Clamps inject current; synapses conduct and receive
// events. Allocated in Cell::init_state; the step functions only touch these arrays.
//
// Each mechanism is a small definition (clamps.hpp, exp_synapses.hpp, kinetic_synapses.hpp)
// that PointKernel<M> (point_kernel.hpp) turns into a PointRuntime, as ChannelKernel does for
// density channels; the catalogue (mechanisms/catalogue.cpp) lists them.
#include <memory>
#include <string>
#include <vector>

#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell {

// Spec of every point mechanism, and lookup by name (nullptr if unknown).
const std::vector<MechanismSpec>& point_specs();
const MechanismSpec* find_point_spec(const std::string& name);

class PointRuntime {
  public:
    PointRuntime(std::string name, const MechanismSpec& spec, bool synapse, std::size_t aux)
        : name_(std::move(name)), spec_(&spec), synapse_(synapse), aux_count_(aux) {}
    virtual ~PointRuntime() = default;

    const std::string& name() const { return name_; }
    const MechanismSpec& spec() const { return *spec_; }
    bool is_synapse() const { return synapse_; }

    // Sizing: `locations` instances, each at node[k], for P members.
    void allocate(const std::vector<int>& node, std::size_t members);
    std::size_t instances() const { return node_.size(); }
    std::size_t members() const { return members_; }
    std::size_t size() const { return node_.size() * members_; }
    int node(std::size_t instance) const { return node_[instance]; }
    double* param(std::size_t k) { return params_.data() + k * size(); }
    const double* param(std::size_t k) const { return params_.data() + k * size(); }
    double* state(std::size_t k) { return states_.data() + k * size(); }
    const double* state(std::size_t k) const { return states_.data() + k * size(); }
    // Values derived from the parameters and dt by prepare() (decay factors, normalizations).
    double* aux(std::size_t k) { return aux_.data() + k * size(); }
    const double* aux(std::size_t k) const { return aux_.data() + k * size(); }
    // Current of each instance in the last step [nA]: outward-positive membrane current for
    // synapses (as NEURON's i), injected current for clamps.
    const double* current() const { return current_.data(); }
    std::size_t memory_bytes() const {
        return node_.capacity() * sizeof(int) +
               (params_.capacity() + states_.capacity() + current_.capacity() + aux_.capacity()) *
                   sizeof(double);
    }

    void init();  // states to rest
    // After init(): states that start from the initial voltage v (node-major × P) and the
    // probe's current at t = 0, for mechanisms that have them (the voltage clamps, as NEURON
    // after finitialize); others stay at rest and 0.
    virtual void init_at(const double* v) = 0;
    virtual void prepare(double dt_ms) = 0;  // what depends on dt and the parameters
    // Adds this mechanism to the node equations: rhs [nA] and diag [µS], node-major × P.
    virtual void contribute(double t_mid_ms, const double* v, double* rhs, double* diag) = 0;
    // The states over the prepared dt; v: the node voltages the step ended with [mV],
    // node-major × P.
    virtual void advance(const double* v) = 0;
    // An event of `weight` at instance × member index `i` (synapses only): [µS] for
    // ExpSyn/Exp2Syn; for the kinetic synapses (AMPA, GABAa, NMDA) the presynaptic drive of
    // this step (1 = one spike), which releases T·weight of transmitter for the step.
    virtual void receive(std::size_t i, double weight) = 0;

  protected:
    std::string name_;
    const MechanismSpec* spec_;
    bool synapse_;
    std::size_t aux_count_;
    std::vector<int> node_;
    std::size_t members_ = 1;
    std::vector<double> params_, states_, current_, aux_;
    double dt_ = 0.025;  // ms, set by prepare()
};

// Creates the runtime of point mechanism `mechanism` placed under `name`; nullptr if unknown.
std::unique_ptr<PointRuntime> make_point_runtime(const std::string& mechanism, std::string name);

}  // namespace rtcell
