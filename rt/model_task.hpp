#pragma once
// The task that steps a model in the cyclic loop (cyclic_loop.hpp). Each tick:
//   control messages due → input events due → model.update() → spikes and probe frames out.
// What it applied (inputs and controls) goes out on a queue too, for recordings.
// Other threads talk to it only through the SPSC queues below (one producer thread per input
// queue, one consumer per output queue); messages named for a later tick or step wait in
// fixed-size arrays. Everything is allocated before the loop starts.
//
// rt/ knows no model type: Model is any type with the members used here —
//   update() → span of per-member spike flags; steps(), time() [ms], members();
//   reset_state(); deliver_event(synapse, member, weight, instance);
//   set_dt(ms), phase()/init_state() (Model::Phase::initialized);
//   parameter(owner, name) and binding_weight(synapse) → span<double> (instance-major,
//   member-fastest); synapse_index(name); probe_sources() → vector<const double*>; and,
//   optionally, faulted() → bool (its numbers are no longer finite) for the fault policy,
//   refresh_handle(owner) / refresh(handle) (re-derive what a set parameter changes), and
//   parameter_parts / weight_parts (a value held in several spans: a network's group in parts).
// braincell's Cell (model/cell/cell.hpp) is one; rt::KernelModel (kernel_model.hpp) is the
// virtual interface `rtcell run` and the IO thread use for a cell and a network alike.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rt/clamp/clamp_hook.hpp"
#include "rt/clamp/clamp_port.hpp"
#include "rt/cyclic_loop.hpp"
#include "rt/kernel_model.hpp"
#include "rt/records.hpp"
#include "rt/spsc_ring.hpp"

namespace rtcell::rt {

template <class Model>
class ModelTask {
  public:
    // Sets the model's dt to the loop's period and initializes it if needed.
    ModelTask(Model& model, const LoopConfig& config);

    // ---- before start: handles for control messages and inputs ----
    int parameter_handle(const std::string& owner, const std::string& param) {
        if constexpr (requires(Model & m) { m.parameter_parts(owner, param); })
            parameters_.push_back(model_.parameter_parts(owner, param));
        else
            parameters_.push_back(
                {{model_.parameter(owner, param), members_of(owner), refresh_of(owner)}});
        parameter_names_.push_back(owner + "." + param);
        return static_cast<int>(parameters_.size()) - 1;
    }
    int weight_handle(const std::string& synapse) {  // a binding's weight, by synapse name
        if constexpr (requires(Model & m) { m.weight_parts(synapse); })
            parameters_.push_back(model_.weight_parts(synapse));
        else  // a weight derives nothing
            parameters_.push_back({{model_.binding_weight(synapse), members_of(synapse), -1}});
        parameter_names_.push_back("weight:" + synapse);
        return static_cast<int>(parameters_.size()) - 1;
    }
    int synapse_handle(const std::string& synapse) {
        synapses_.push_back(model_.synapse_index(synapse));
        synapse_names_.push_back(synapse);
        return static_cast<int>(synapses_.size()) - 1;
    }
    // A dynamic clamp (README "Dynamic clamp"): every step takes the newest sample of each
    // channel from its exchange (exchanges[k] for the hook's channel k) and hands them to `hook`
    // before the model's update(), and puts the hook's commands back, under `safety`; zero while
    // paused, held, stopped or before every channel's first sample (then the model is not
    // stepped). `hook` and the exchanges must outlive the task. Throws std::invalid_argument
    // when the counts differ.
    void attach_clamp(ClampHook& hook, const std::vector<ClampExchange*>& exchanges,
                      const ClampSafety& safety) {
        if (exchanges.size() != hook.channels() || exchanges.empty())
            throw std::invalid_argument("dynamic clamp: " + std::to_string(hook.channels()) +
                                        " channels, " + std::to_string(exchanges.size()) +
                                        " exchanges");
        clamp_hook_ = &hook;
        clamp_ports_.clear();
        clamp_ports_.reserve(exchanges.size());
        for (ClampExchange* x : exchanges)
            clamp_ports_.emplace_back(*x, safety);
        clamp_v_.assign(exchanges.size(), 0.0);
        clamp_index_.assign(exchanges.size(), 0);
        clamp_i_.assign(exchanges.size(), 0.0);
    }
    void attach_clamp(ClampHook& hook, ClampExchange& exchange, const ClampSafety& safety) {
        attach_clamp(hook, std::vector<ClampExchange*>{&exchange}, safety);
    }
    // More probe columns after the model's own (a dynamic clamp's command current), read at
    // every frame; the pointers must stay valid while the loop runs.
    void add_probes(const std::vector<const double*>& sources,
                    const std::vector<std::string>& names,
                    const std::vector<std::string>& units = {}) {
        probes_.insert(probes_.end(), sources.begin(), sources.end());
        extra_probe_names_.insert(extra_probe_names_.end(), names.begin(), names.end());
        for (std::size_t i = 0; i < names.size(); ++i)
            extra_probe_units_.push_back(i < units.size() ? units[i] : "");
    }
    const std::vector<std::string>& extra_probe_names() const { return extra_probe_names_; }
    const std::vector<std::string>& extra_probe_units() const { return extra_probe_units_; }
    // What each handle names, by handle (for recordings).
    const std::vector<std::string>& parameter_names() const { return parameter_names_; }
    const std::vector<std::string>& synapse_handle_names() const { return synapse_names_; }

    // ---- queues (non-real-time side) ----
    bool send(const ControlMessage& m) { return control_.push(m); }
    bool send(const InputEvent& e) { return inputs_.push(e); }
    bool poll(SpikeRecord& s) { return spikes_.pop(s); }
    bool poll(FrameRecord& f) { return frames_.pop(f); }
    bool poll(AppliedRecord& a) { return applied_.pop(a); }
    std::uint64_t dropped_applied() const { return applied_.dropped(); }
    // The loop tick and the model step now (not a snapshot's): the real-time thread stores
    // them at every tick, the tick first.
    std::uint64_t current_tick() const { return now_tick_.load(std::memory_order_relaxed); }
    std::uint64_t current_step() const { return now_step_.load(std::memory_order_relaxed); }
    // Both, consistent: the step is read first (acquire), so the tick read after it is at least
    // that step's tick, and tick >= step always holds in what a client sees.
    struct Position {
        std::uint64_t tick, step;
    };
    Position position() const {
        const std::uint64_t step = now_step_.load(std::memory_order_acquire);
        return {now_tick_.load(std::memory_order_relaxed), step};
    }
    std::uint64_t dropped_frames() const { return frames_.dropped(); }
    std::uint64_t dropped_controls() const { return control_.dropped() + pending_control_dropped_; }
    std::uint64_t dropped_inputs() const { return inputs_.dropped() + pending_input_dropped_; }
    std::uint64_t dropped_spikes() const { return spikes_.dropped(); }

    // ---- on the real-time thread ----
    TickResult tick(std::uint64_t tick, TimingSnapshot& timing) noexcept;

  private:
    void take_controls(std::uint64_t tick) noexcept;
    void take_inputs(TimingSnapshot& timing) noexcept;
    void step_and_publish() noexcept;
    // One model step: its spike flags per member.
    decltype(std::declval<Model&>().update()) advance() noexcept;
    template <class Spikes>
    void publish(const Spikes& spiked) noexcept;  // spikes and the probe frame of the step
    void clamp_step() noexcept;
    void clamp_zero(std::uint32_t why, ClampState state) noexcept;  // on every channel
    void check_health() noexcept;
    void apply_control(const ControlMessage& m) noexcept;
    void apply_input(const InputEvent& e) noexcept;
    // Writes value for `member` (−1: every member) where `part` covers it, then re-derives.
    void set_in(const ParameterPart& part, std::int32_t member, double value) noexcept {
        if (member < 0) {
            std::fill(part.values.begin(), part.values.end(), value);
            refresh(part.refresh);
            return;
        }
        // Every instance of this member: spans are instance-major, member-fastest, over the
        // members the part covers (a network's parameter: its group's, or a part of it).
        const auto m = static_cast<std::size_t>(member);
        const MemberSpan span = part.members;
        if (m < span.first || m >= span.first + span.count)
            return;
        for (std::size_t i = m - span.first; i < part.values.size(); i += span.count)
            part.values[i] = value;
        refresh(part.refresh);
    }

    Model& model_;
    std::uint32_t frame_every_;
    FaultPolicy fault_policy_;
    SpscRing<ControlMessage> control_;
    SpscRing<InputEvent> inputs_;
    SpscRing<SpikeRecord> spikes_;
    SpscRing<FrameRecord> frames_;
    SpscRing<AppliedRecord> applied_;                       // what was applied, for recordings
    std::uint64_t tick_ = 0;                                // the present loop tick
    std::atomic<std::uint64_t> now_tick_{0}, now_step_{0};  // for other threads
    std::vector<const double*> probes_;
    std::vector<ControlMessage> pending_control_;  // named for a later tick
    std::vector<InputEvent> pending_inputs_;       // named for a later step
    std::size_t n_pending_control_ = 0, n_pending_inputs_ = 0;
    std::uint64_t pending_control_dropped_ = 0, pending_input_dropped_ = 0;
    // By handle: where its values are, in one part (a cell; a network's group) or several (a
    // group stepped in parts), each with the members it covers and what a set re-derives.
    std::vector<std::vector<ParameterPart>> parameters_;
    MemberSpan members_of(const std::string& owner) const {
        if constexpr (requires(const Model& m) { m.parameter_members(owner); })
            return model_.parameter_members(owner);
        else
            return {0, model_.members()};
    }
    // What a set re-derives (decay factors from tau, rate factors): the model's refresh handle
    // of the owner, −1 for none; a Model without refresh() derives nothing.
    int refresh_of(const std::string& owner) {
        if constexpr (requires(Model & m) { m.refresh_handle(owner); })
            return model_.refresh_handle(owner);
        else
            return -1;
    }
    void refresh(int handle) noexcept {
        if constexpr (requires(Model & m) { m.refresh(handle); })
            if (handle >= 0)
                model_.refresh(handle);
    }
    std::vector<int> synapses_;  // handle → the model's synapse index
    std::vector<std::string> parameter_names_, synapse_names_;  // by handle
    std::vector<std::string> extra_probe_names_, extra_probe_units_;
    bool paused_ = false, stop_ = false;
    bool held_ = false;             // fault policy hold: the model is not stepped
    std::uint64_t fault_step_ = 0;  // the model step of the first fault since start
    std::uint64_t step_ = 0;        // model steps taken by this task
    ClampHook* clamp_hook_ = nullptr;
    std::vector<ClampPort> clamp_ports_;      // one per channel (a living cell)
    std::vector<double> clamp_v_;             // each channel's sample this step [mV]
    std::vector<std::uint64_t> clamp_index_;  // the rig's index of it
    std::vector<double> clamp_i_;             // each channel's command [nA]
};

template <class Model>
ModelTask<Model>::ModelTask(Model& model, const LoopConfig& config)
    : model_(model),
      frame_every_(config.frame_every),
      fault_policy_(config.fault),
      control_(config.control_queue),
      inputs_(config.input_queue),
      spikes_(config.output_queue),
      frames_(config.frame_every ? config.output_queue : 2),
      applied_(config.input_queue + config.control_queue),
      pending_control_(config.control_queue),
      pending_inputs_(config.input_queue) {
    model_.set_dt(config.dt_ms);
    if (model_.phase() != Model::Phase::initialized)
        model_.init_state();
    probes_ = model_.probe_sources();
}

template <class Model>
TickResult ModelTask<Model>::tick(std::uint64_t tick, TimingSnapshot& timing) noexcept {
    tick_ = tick;
    take_controls(tick);
    if (stop_) {
        clamp_zero(clamp_flag::stopped, ClampState::stopped);
        return {true, paused_};
    }
    take_inputs(timing);
    if (!paused_ && !held_) {
        if (!clamp_ports_.empty()) {
            clamp_step();
        } else {
            step_and_publish();
            check_health();
        }
    } else {
        clamp_zero(held_ ? clamp_flag::fault : clamp_flag::paused,
                   held_ ? ClampState::held : ClampState::paused);
    }
    timing.fault_step = fault_step_;
    timing.held = held_;
    now_tick_.store(tick, std::memory_order_relaxed);
    now_step_.store(model_.steps(), std::memory_order_release);
    return {stop_, paused_ || held_};
}

// What is due at this tick; messages named for later ticks are kept. Control steps count loop
// ticks (paused ones included), so that a pause can be followed by a resume at a named step.
template <class Model>
void ModelTask<Model>::take_controls(std::uint64_t tick) noexcept {
    for (std::size_t i = 0; i < n_pending_control_;) {
        if (pending_control_[i].step <= tick) {
            apply_control(pending_control_[i]);
            pending_control_[i] = pending_control_[--n_pending_control_];
        } else {
            ++i;
        }
    }
    ControlMessage m;
    while (control_.pop(m)) {
        if (m.step <= tick)
            apply_control(m);
        else if (n_pending_control_ < pending_control_.size())
            pending_control_[n_pending_control_++] = m;
        else
            ++pending_control_dropped_;
    }
}

// Events for this model step (or overdue) now; later ones wait.
template <class Model>
void ModelTask<Model>::take_inputs(TimingSnapshot& timing) noexcept {
    for (std::size_t i = 0; i < n_pending_inputs_;) {
        if (pending_inputs_[i].step <= step_ + 1) {
            apply_input(pending_inputs_[i]);
            pending_inputs_[i] = pending_inputs_[--n_pending_inputs_];
        } else {
            ++i;
        }
    }
    InputEvent e;
    while (inputs_.pop(e)) {
        if (e.step != 0 && e.step < step_ + 1)
            ++timing.late_inputs;
        if (e.step <= step_ + 1)
            apply_input(e);
        else if (n_pending_inputs_ < pending_inputs_.size())
            pending_inputs_[n_pending_inputs_++] = e;
        else
            ++pending_input_dropped_;
    }
}

// The fault policy, for a model that reports its numerical health.
template <class Model>
void ModelTask<Model>::check_health() noexcept {
    if constexpr (requires(const Model& m) { m.faulted(); }) {
        if (!model_.faulted() || held_) [[likely]]
            return;
        if (fault_step_ == 0)
            fault_step_ = model_.steps();
        if (fault_policy_ == FaultPolicy::stop)
            stop_ = true;
        else
            held_ = true;
    }
}

// A dynamic-clamp step: each channel's sample in, model step, each command out (zero if the step
// faulted).
template <class Model>
void ModelTask<Model>::clamp_step() noexcept {
    // A control that arrives while a channel waits for its sample comes first.
    auto control_due = [this] { return control_.read_available() > 0; };
    for (const ClampPort& port : clamp_ports_)
        if (!port.wait_first_sample(control_due)) {  // the model waits for every channel's first
            clamp_zero(clamp_flag::waiting, ClampState::waiting);
            return;
        }
    for (std::size_t k = 0; k < clamp_ports_.size(); ++k) {
        if (!clamp_ports_[k].take_sample(clamp_v_[k], control_due))
            return;
        clamp_index_[k] = clamp_ports_[k].sample_index();
    }
    clamp_hook_->before_step(clamp_v_, clamp_index_);
    const auto spiked = advance();
    clamp_hook_->after_step(clamp_i_);  // before publishing: its probes are in frames
    check_health();
    if (held_ || stop_)
        clamp_zero(clamp_flag::fault, held_ ? ClampState::held : ClampState::stopped);
    else
        for (std::size_t k = 0; k < clamp_ports_.size(); ++k)
            clamp_ports_[k].put_command(clamp_i_[k], model_.steps());
    publish(spiked);
}

template <class Model>
void ModelTask<Model>::clamp_zero(std::uint32_t why, ClampState state) noexcept {
    for (ClampPort& port : clamp_ports_)
        port.put_zero(why, state, model_.steps());
}

template <class Model>
void ModelTask<Model>::step_and_publish() noexcept {
    publish(advance());
}

template <class Model>
decltype(std::declval<Model&>().update()) ModelTask<Model>::advance() noexcept {
    ++step_;
    return model_.update();
}

template <class Model>
template <class Spikes>
void ModelTask<Model>::publish(const Spikes& spiked) noexcept {
    for (std::size_t member = 0; member < spiked.size(); ++member)
        if (spiked[member])
            spikes_.push({model_.steps(), model_.time(), static_cast<std::int32_t>(member)});
    if (!frame_every_ || model_.steps() % frame_every_ != 0)
        return;
    FrameRecord f;
    f.step = model_.steps();
    f.t_ms = model_.time();
    for (std::size_t first = 0; first < probes_.size(); first += FrameRecord::kValues) {
        f.first = static_cast<std::uint32_t>(first);
        f.count = static_cast<std::uint32_t>(
            std::min<std::size_t>(FrameRecord::kValues, probes_.size() - first));
        for (std::uint32_t j = 0; j < f.count; ++j)
            f.values[j] = *probes_[first + j];
        frames_.push(f);
    }
}

template <class Model>
void ModelTask<Model>::apply_control(const ControlMessage& m) noexcept {
    using K = ControlMessage::Kind;
    applied_.push(
        {AppliedRecord::Kind::control, m.kind, step_ + 1, tick_, m.target, m.member, -1, m.value});
    switch (m.kind) {
        case K::pause:
            paused_ = true;
            break;
        case K::resume:
            paused_ = false;
            break;
        case K::stop:
            stop_ = true;
            break;
        case K::reset_state:
            model_.reset_state();
            held_ = false;  // re-seeded: finite again
            step_ = 0;      // inputs name steps in the model's new numbering
            break;
        case K::set_parameter:
        case K::set_weight: {
            if (m.target < 0 || static_cast<std::size_t>(m.target) >= parameters_.size())
                break;
            for (const ParameterPart& part : parameters_[static_cast<std::size_t>(m.target)])
                set_in(part, m.member, m.value);
            break;
        }
    }
}

template <class Model>
void ModelTask<Model>::apply_input(const InputEvent& e) noexcept {
    if (e.parameter >= 0) {  // a value named for this step
        apply_control({ControlMessage::Kind::set_parameter, 0, e.parameter, e.member, e.weight});
        return;
    }
    if (e.synapse < 0 || static_cast<std::size_t>(e.synapse) >= synapses_.size())
        return;
    applied_.push({AppliedRecord::Kind::input, ControlMessage::Kind::pause, step_ + 1, tick_,
                   e.synapse, e.member, e.instance, e.weight});
    model_.deliver_event(synapses_[e.synapse], e.member, e.weight, e.instance);
}

}  // namespace rtcell::rt
