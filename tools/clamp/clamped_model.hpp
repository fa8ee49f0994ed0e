#pragma once
// ClampedModel: a model neuron and the live membrane coupled to it (README "Dynamic clamp"),
// as the real-time loop and the IO thread see them (the interface rt::ModelTask steps, adapted by
// rt::KernelModelOf). The loop steps the model neuron; the live membrane is stepped by the clamp
// hook before it (model/clamp/dynamic_clamp.hpp). Without this the kernel would see the model
// neuron alone; with it:
//   - the live membrane's parameters are reachable over ZeroMQ as owner "live.<owner>"
//     ("live.HCN_HM1992" "g_max"), its synapses as "live.<synapse>" (events and weight:);
//   - the living cell's threshold crossings are spikes of members n … (n: the model's members),
//     after the model's own; the groups are "model" (members 0 … n−1) and "live" (the live
//     membrane's, from n), so spike records carry which;
//   - reset_state() re-seeds both (the live membrane starts again at its next sample).
// Probes stay the model's own: the clamp's columns ("clamp.*", "live.*") are added to the loop
// by the clamp itself. The step path allocates nothing.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/cell/cell.hpp"
#include "rt/kernel_model.hpp"

namespace rtcell::tools {

class ClampedModel {
  public:
    using Phase = Cell::Phase;
    static constexpr const char* kLivePrefix = "live.";

    // Both initialized; the live membrane a live-membrane Cell. Neither may be reset() while
    // this lives.
    ClampedModel(Cell& model, Cell& live);

    // ---- the loop's ----
    std::span<const std::uint8_t> update() noexcept;
    std::uint64_t steps() const { return model_.steps(); }
    double time() const { return model_.time(); }
    std::size_t members() const { return spikes_.size(); }
    void reset_state();
    void set_dt(double dt_ms);
    Phase phase() const { return model_.phase(); }
    void init_state() {}  // both are initialized before
    bool faulted() const { return model_.faulted() || live_.faulted(); }
    int synapse_index(const std::string& name);
    std::size_t synapse_instances(int synapse) const;
    // member: the model's 0 … n−1, the live membrane's from n, or −1 (every member of the
    // synapse's cell); an event for a member of the other cell goes nowhere.
    void deliver_event(int synapse, int member, double weight, int instance) noexcept;
    std::span<double> parameter(const std::string& owner, const std::string& param);
    std::span<double> binding_weight(const std::string& synapse);
    rt::MemberSpan parameter_members(const std::string& owner) const;
    int refresh_handle(const std::string& owner) const;  // the model's even, the live's odd
    void refresh(int handle) noexcept;

    // ---- what the IO thread lists ----
    std::vector<const double*> probe_sources() const { return model_.probe_sources(); }
    std::vector<std::string> probe_names() const { return model_.probe_names(); }
    std::vector<ProbeColumnInfo> probe_columns() const { return model_.probe_columns(); }
    std::vector<std::string> synapse_names() const;
    std::vector<std::pair<std::string, std::string>> parameter_list() const;
    std::string parameter_unit(const std::string& owner, const std::string& param) const;
    std::vector<rt::ModelGroup> groups() const;

  private:
    // "live.x" → (the live membrane, "x"); anything else → (the model, as given).
    std::pair<Cell*, std::string> owner_of(const std::string& name) const;

    Cell& model_;
    Cell& live_;
    std::vector<std::uint8_t> spikes_;  // the model's members, then the live membrane's
    struct Synapse {
        Cell* cell;
        int index;
    };
    std::vector<Synapse> synapses_;
};

}  // namespace rtcell::tools
