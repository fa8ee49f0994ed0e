#include "rt/deadline_loop.hpp"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rtcell::rt {
namespace {

std::int64_t now_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Sleep until `deadline` [ns, CLOCK_MONOTONIC], waking `spin_ns` early and spinning the rest.
void wait_until(std::int64_t deadline, std::int64_t spin_ns) {
    const std::int64_t wake = deadline - spin_ns;
    if (wake > now_ns()) {
        timespec ts{static_cast<time_t>(wake / 1'000'000'000),
                    static_cast<long>(wake % 1'000'000'000)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) != 0) {
        }
    }
    while (spin_ns > 0 && now_ns() < deadline) {
    }
}

}  // namespace

const char* overrun_policy_name(OverrunPolicy p) {
    switch (p) {
        case OverrunPolicy::catch_up:
            return "catch_up";
        case OverrunPolicy::skip:
            return "skip";
        case OverrunPolicy::stop:
            return "stop";
    }
    return "catch_up";
}

void LoopConfig::validate() const {
    if (!(dt_ms > 0) || dt_ms > 1000)
        throw std::invalid_argument("realtime: dt must be in (0, 1000] ms");
    if (!(duration_s >= 0))
        throw std::invalid_argument("realtime: duration must not be negative");
    if (priority < 0 || priority > 99)
        throw std::invalid_argument("realtime.priority must be in 0..99");
    if (!(busy_wait_us >= 0) || busy_wait_us > dt_ms * 1000)
        throw std::invalid_argument("realtime.busy_wait must be between 0 and dt");
    if (input_queue < 2 || output_queue < 2 || control_queue < 2)
        throw std::invalid_argument("realtime.queues: every queue needs at least 2 records");
    if (!(snapshot_interval_s > 0))
        throw std::invalid_argument("realtime: snapshot interval must be positive");
}

DeadlineLoop::DeadlineLoop(Cell* cell, LoopConfig config)
    : cell_(cell),
      config_(config),
      control_(config.control_queue),
      inputs_(config.input_queue),
      spikes_(config.output_queue),
      snapshots_(4),
      frames_(config.frame_every ? config.output_queue : 2),
      pending_control_(config.control_queue),
      pending_inputs_(config.input_queue),
      timing_(std::make_unique<TimingSnapshot>()),
      final_(std::make_unique<TimingSnapshot>()) {
    config_.validate();
    if (cell_) {
        cell_->set_dt(config_.dt_ms);
        if (cell_->phase() != Cell::Phase::initialized)
            cell_->init_state();
        probes_ = cell_->probe_sources();
    }
}

DeadlineLoop::~DeadlineLoop() {
    request_stop();
    join();
}

int DeadlineLoop::parameter_handle(const std::string& mechanism, const std::string& param) {
    if (!cell_)
        throw std::logic_error("the empty loop has no parameters");
    parameters_.push_back(cell_->parameter(mechanism, param));
    return static_cast<int>(parameters_.size()) - 1;
}

int DeadlineLoop::weight_handle(const std::string& synapse) {
    if (!cell_)
        throw std::logic_error("the empty loop has no bindings");
    parameters_.push_back(cell_->binding_weight(synapse));
    return static_cast<int>(parameters_.size()) - 1;
}

int DeadlineLoop::synapse_handle(const std::string& synapse) {
    if (!cell_)
        throw std::logic_error("the empty loop has no synapses");
    synapses_.push_back(cell_->synapse_index(synapse));
    return static_cast<int>(synapses_.size()) - 1;
}

const SetupReport& DeadlineLoop::start() {
    thread_ = std::thread([this] { run(); });
    while (!ready_.load(std::memory_order_acquire))
        std::this_thread::yield();
    return setup_;
}

void DeadlineLoop::join() {
    if (thread_.joinable())
        thread_.join();
}

void DeadlineLoop::apply_control(const ControlMessage& m) {
    switch (m.kind) {
        case ControlMessage::Kind::pause:
            paused_ = true;
            break;
        case ControlMessage::Kind::resume:
            paused_ = false;
            break;
        case ControlMessage::Kind::stop:
            stop_ = true;
            break;
        case ControlMessage::Kind::reset_state:
            if (cell_)
                cell_->reset_state();
            break;
        case ControlMessage::Kind::set_parameter:
        case ControlMessage::Kind::set_weight: {
            if (m.target < 0 || static_cast<std::size_t>(m.target) >= parameters_.size())
                break;
            const std::span<double> values = parameters_[m.target];
            if (m.member < 0)
                std::fill(values.begin(), values.end(), m.value);
            else {
                // Every instance of this member: spans are instance-major, member-fastest.
                const std::size_t P = cell_->members();
                for (std::size_t i = static_cast<std::size_t>(m.member); i < values.size(); i += P)
                    values[i] = m.value;
            }
            break;
        }
    }
}

void DeadlineLoop::apply_input(const InputEvent& e) {
    if (!cell_ || e.synapse < 0 || static_cast<std::size_t>(e.synapse) >= synapses_.size())
        return;
    cell_->deliver_event(synapses_[e.synapse], e.member, e.weight, e.instance);
}

void DeadlineLoop::run() {
    name_this_thread("rtcell-rt");
    setup_ = setup_realtime_thread(config_);
    ready_.store(true, std::memory_order_release);

    TimingSnapshot& T = *timing_;
    const auto period = static_cast<std::int64_t>(std::llround(config_.dt_ms * 1e6));
    const auto spin = static_cast<std::int64_t>(std::llround(config_.busy_wait_us * 1e3));
    const auto snapshot_every =
        std::max<std::uint64_t>(1, static_cast<std::uint64_t>(config_.snapshot_interval_s * 1e9 /
                                                              static_cast<double>(period)));
    const std::uint64_t last_step =
        config_.duration_s > 0 ? static_cast<std::uint64_t>(std::llround(
                                     config_.duration_s * 1e9 / static_cast<double>(period)))
                               : UINT64_MAX;
    const std::int64_t t0 = now_ns() + period;
    std::uint64_t k = 0;  // deadline index

    while (!stop_ && !stop_requested_.load(std::memory_order_relaxed) && k < last_step) {
        const std::int64_t deadline = t0 + static_cast<std::int64_t>(k) * period;
        wait_until(deadline, spin);
        const std::int64_t start = now_ns();

        // Control: what is due at this tick; keep messages named for later ticks. Control
        // steps count loop ticks (periods, paused ones included), so that a pause can be
        // followed by a resume at a named step.
        const std::uint64_t tick = T.steps + 1;
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
            if (m.step > tick) {
                if (n_pending_control_ < pending_control_.size())
                    pending_control_[n_pending_control_++] = m;
                else
                    ++pending_control_dropped_;
            } else {
                apply_control(m);
            }
        }
        if (stop_)
            break;
        // Inputs: events for this model step (or overdue) now; later ones wait.
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
                ++T.late_inputs;
            if (e.step > step_ + 1) {
                if (n_pending_inputs_ < pending_inputs_.size())
                    pending_inputs_[n_pending_inputs_++] = e;
                else
                    ++pending_input_dropped_;
            } else {
                apply_input(e);
            }
        }

        if (!paused_ && !stop_) {
            if (cell_) {
                const auto spiked = cell_->update();
                for (std::size_t member = 0; member < spiked.size(); ++member)
                    if (spiked[member])
                        spikes_.push(
                            {cell_->steps(), cell_->time(), static_cast<std::int32_t>(member)});
                if (config_.frame_every && cell_->steps() % config_.frame_every == 0) {
                    FrameRecord f;
                    f.step = cell_->steps();
                    f.t_ms = cell_->time();
                    for (std::size_t first = 0; first < probes_.size();
                         first += FrameRecord::kValues) {
                        f.first = static_cast<std::uint32_t>(first);
                        f.count = static_cast<std::uint32_t>(
                            std::min<std::size_t>(FrameRecord::kValues, probes_.size() - first));
                        for (std::uint32_t j = 0; j < f.count; ++j)
                            f.values[j] = *probes_[first + j];
                        frames_.push(f);
                    }
                }
            }
            ++step_;
        }
        const std::int64_t end = now_ns();

        // Timing and overruns.
        ++T.steps;
        if (T.steps > config_.warmup_steps) {
            ++T.measured_steps;
            T.wake.record(start - deadline);
            T.compute.record(end - start);
            T.total.record(end - deadline);
        }
        const std::int64_t next = deadline + period;
        if (start > next)
            ++T.late_starts;
        ++k;
        if (end > next) {
            ++T.overruns;
            T.last_overrun_step = T.steps;
            T.last_overrun_ms = static_cast<double>(end - next) * 1e-6;
            T.recent_overruns[(T.overruns - 1) % TimingSnapshot::kRecentOverruns] = {
                T.steps, static_cast<double>(end - t0) * 1e-9, T.last_overrun_ms};
            if (config_.overrun == OverrunPolicy::stop) {
                stop_ = true;
            } else if (config_.overrun == OverrunPolicy::skip) {
                const auto due = static_cast<std::uint64_t>((end - t0) / period) +
                                 1;  // the next future deadline
                if (due > k) {
                    T.skipped += due - k;
                    k = due;
                }
            }
        }
        T.elapsed_s = static_cast<double>(end - t0) * 1e-9;
        T.paused = paused_;
        if (T.steps % snapshot_every == 0)
            snapshots_.push(T);
    }
    T.stopped = true;
    *final_ = T;
    finished_.store(true, std::memory_order_release);
}

}  // namespace rtcell::rt
