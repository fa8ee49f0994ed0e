#pragma once
// Runtime state of one placed point mechanism over all its instances (locations × steps ×
// population members, member-fastest). Clamps inject current; synapses conduct and receive
// events. Allocated in Cell::init_state; the step functions only touch these arrays.
#include <string>
#include <vector>

#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell {

enum class PointKind { iclamp, sine_clamp, exp_syn, exp2_syn, ampa, gabaa, nmda };

// Spec of every point mechanism, and lookup by name (nullptr if unknown).
const std::vector<MechanismSpec>& point_specs();
const MechanismSpec* find_point_spec(const std::string& name);

class PointRuntime {
  public:
    PointRuntime(std::string name, PointKind kind, const MechanismSpec& spec)
        : name_(std::move(name)), kind_(kind), spec_(&spec) {}

    const std::string& name() const { return name_; }
    PointKind kind() const { return kind_; }
    const MechanismSpec& spec() const { return *spec_; }
    bool is_synapse() const { return kind_ != PointKind::iclamp && kind_ != PointKind::sine_clamp; }

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
    // Current of each instance in the last step [nA]: outward-positive membrane current for
    // synapses (as NEURON's i), injected current for clamps.
    const double* current() const { return current_.data(); }
    std::size_t memory_bytes() const {
        return node_.capacity() * sizeof(int) +
               (params_.capacity() + states_.capacity() + current_.capacity() + factor_.capacity() +
                decay1_.capacity() + decay2_.capacity()) *
                   sizeof(double);
    }

    void init();                 // states to rest
    void prepare(double dt_ms);  // decay factors for this dt and Exp2Syn's peak normalization
    // Adds this mechanism to the node equations: rhs [nA] and diag [µS], node-major × P.
    void contribute(double t_mid_ms, const double* v, double* rhs, double* diag);
    void advance();  // synaptic decay over the prepared dt
    // An event of `weight` at instance × member index `i` (synapses only): [µS] for
    // ExpSyn/Exp2Syn; for the kinetic synapses (AMPA, GABAa, NMDA) the presynaptic drive of
    // this step (1 = one spike), which releases T·weight of transmitter for the step.
    void receive(std::size_t i, double weight);

  private:
    std::string name_;
    PointKind kind_;
    const MechanismSpec* spec_;
    std::vector<int> node_;
    std::size_t members_ = 1;
    std::vector<double> params_, states_, current_, factor_, decay1_, decay2_;
    double dt_ = 0.025;  // ms, set by prepare()
};

}  // namespace rtcell
