#pragma once
// RealtimeNetwork: a Network (model/network/) behind the interface rt::ModelTask steps, so
// that `rtcell run` steps a network at the deadline: update() is one step of every partition on
// the parallel stepper's threads (started at init_state, spinning between steps), and returns
// every cell's spike, the groups' members one after another (a member's index in the network is
// its group's offset plus its index in the group). Synapses and parameters are named with their
// group: "E.exc", owner "E.hh" or "E.stim".
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/network/network.hpp"
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
    std::size_t members() const { return spikes_.size(); }
    bool faulted() const;
    // "group.synapse"; the event goes to member `member` of that group (−1: all of them).
    int synapse_index(const std::string& name);
    void deliver_event(int synapse, int member, double weight, int instance) noexcept;
    std::span<double> parameter(const std::string& owner, const std::string& param);
    std::span<double> binding_weight(const std::string& synapse);
    std::vector<const double*> probe_sources() const;
    std::vector<std::string> probe_names() const;  // "group.probe"
    Network& network() { return net_; }
    std::size_t threads() const { return stepper_ ? stepper_->threads() : threads_; }

  private:
    // "E.exc" → (group, the rest).
    std::pair<std::size_t, std::string> split(const std::string& name) const;

    Network net_;
    std::size_t threads_;
    rt::StepperOptions options_;
    std::unique_ptr<rt::ParallelStepper<Network>> stepper_;
    std::vector<std::uint8_t> spikes_;  // every cell's, by network member
    struct Synapse {
        std::size_t group;
        int index;
    };
    std::vector<Synapse> synapses_;
};

}  // namespace rtcell::tools
