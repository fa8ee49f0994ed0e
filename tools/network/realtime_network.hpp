#pragma once
// RealtimeNetwork: a Network (model/network/) behind the interface rt::ModelTask steps, so
// that `rtcell run` steps a network at the deadline: update() is one step of every partition on
// the parallel stepper's threads (started at init_state, spinning between steps), and returns
// every cell's spike, the groups' members one after another (a member's index in the network is
// its group's offset plus its index in the group). Synapses and parameters are named with their
// group: "E.exc", owner "E.hh" or "E.stim".
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/network/network.hpp"
#include "rt/kernel_model.hpp"
#include "rt/loop_config.hpp"
#include "rt/network/parallel_stepper.hpp"

namespace rtcell::tools {

// The workers' scheduling for a loop: pinned beside the loop's CPU (when it has one), and at
// the loop's SCHED_FIFO priority only when real-time throttling is off
// (kernel.sched_rt_runtime_us = -1): the workers spin between steps, and the kernel stops a
// real-time thread that never sleeps for 50 ms every second. `why` says which, when not null.
rt::StepperOptions worker_options(const rt::LoopConfig& loop, std::size_t threads,
                                  std::string* why = nullptr);

class RealtimeNetwork {
  public:
    enum class Phase { declaring, initialized };

    RealtimeNetwork(Network net, std::size_t threads, rt::StepperOptions options = {});
    ~RealtimeNetwork();

    void set_dt(double dt_ms);
    Phase phase() const { return stepper_ ? Phase::initialized : Phase::declaring; }
    void init_state();
    void reset_state();
    std::span<const std::uint8_t> update() noexcept;
    std::uint64_t steps() const { return net_.steps(); }
    double time() const { return net_.time(); }
    std::size_t members() const { return members_; }
    bool faulted() const;
    // "group.synapse"; an event for network member `member` (its group's first member plus its
    // index in the group; −1: every member of the group) goes to that cell, and to none if the
    // member is in another group.
    int synapse_index(const std::string& name);
    std::size_t synapse_instances(int synapse) const;
    void deliver_event(int synapse, int member, double weight, int instance) noexcept;
    // One span, for a group stepped whole (an InputError for one in parts); the parts forms
    // give every part's span with its members, for ModelTask.
    std::span<double> parameter(const std::string& owner, const std::string& param);
    std::span<double> binding_weight(const std::string& synapse);
    std::vector<rt::ParameterPart> parameter_parts(const std::string& owner,
                                                   const std::string& param);
    std::vector<rt::ParameterPart> weight_parts(const std::string& synapse);
    rt::MemberSpan parameter_members(const std::string& owner) const;  // its group's members
    int refresh_handle(const std::string& owner);  // "E.syn": that group's cell's
    void refresh(int handle) noexcept;
    std::vector<const double*> probe_sources() const;
    // The names the IO thread lists, each with its group: "E.v_soma", "E.exc", ("E.hh", "gnabar").
    std::vector<std::string> probe_names() const;
    std::vector<std::string> synapse_names() const;
    std::vector<std::pair<std::string, std::string>> parameter_list() const;
    std::string parameter_unit(const std::string& owner, const std::string& param) const;
    std::vector<std::string> probe_units() const;  // in the order of probe_names()
    std::vector<rt::ModelGroup> groups() const;
    Network& network() { return net_; }
    std::size_t threads() const { return stepper_ ? stepper_->threads() : threads_; }

  private:
    // "E.exc" → (group, the rest).
    std::pair<std::size_t, std::string> split(const std::string& name) const;
    Cell& whole(std::size_t g);  // the group's one cell, or an InputError
    std::vector<rt::ParameterPart> parts_of(std::size_t g, const std::string& owner,
                                            const std::function<std::span<double>(Cell&)>& values,
                                            bool refreshes);

    Network net_;
    std::size_t threads_;
    rt::StepperOptions options_;
    std::unique_ptr<rt::ParallelStepper<Network>> stepper_;
    std::size_t members_ = 0;         // every group's, one after another
    std::vector<std::size_t> first_;  // each group's first network member
    struct Synapse {
        std::size_t group;
        int index;
    };
    std::vector<Synapse> synapses_;
    static constexpr std::size_t kAllParts = static_cast<std::size_t>(-1);
    struct Refresh {
        std::size_t group;
        int handle;        // the group's cells' (one declaration: the same in every part)
        std::size_t part;  // or kAllParts
    };
    std::vector<Refresh> refreshes_;
};

}  // namespace rtcell::tools
