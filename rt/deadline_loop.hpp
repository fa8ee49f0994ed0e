#pragma once
// The real-time loop: one thread ("rtcell-rt") steps a Cell at absolute deadlines t0 + k·dt
// (clock_nanosleep with TIMER_ABSTIME on CLOCK_MONOTONIC, then an optional busy-wait tail).
// Each step: control messages due → input events due → Cell::update() → spikes out → timing.
//
// Everything it needs is allocated before the thread starts. On the thread it makes no heap
// allocation, takes no lock, throws nothing, logs nothing, and makes no system call but the
// clock's (clock_gettime, clock_nanosleep). Other threads talk to it only through the
// SPSC queues below: one producer thread per input queue, one consumer per output queue.
#include <atomic>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "model/cell/cell.hpp"
#include "rt/loop_config.hpp"
#include "rt/realtime_setup.hpp"
#include "rt/records.hpp"
#include "rt/spsc_ring.hpp"

namespace rtcell::rt {

class DeadlineLoop {
  public:
    // `cell` may be null: the loop then only keeps time (the platform's floor). The cell is
    // initialized if needed and its dt set to the loop's period.
    DeadlineLoop(Cell* cell, LoopConfig config);
    ~DeadlineLoop();
    DeadlineLoop(const DeadlineLoop&) = delete;
    DeadlineLoop& operator=(const DeadlineLoop&) = delete;

    // ---- before start: handles for control messages and inputs ----
    int parameter_handle(const std::string& mechanism, const std::string& param);
    int weight_handle(const std::string& synapse);  // a binding's weight, by synapse name
    int synapse_handle(const std::string& synapse);

    // Starts the thread and waits until its real-time set-up is done.
    const SetupReport& start();
    void request_stop() { stop_requested_.store(true, std::memory_order_relaxed); }
    void join();
    bool finished() const { return finished_.load(std::memory_order_acquire); }

    // ---- queues (non-real-time side) ----
    bool send(const ControlMessage& m) { return control_.push(m); }
    bool send(const InputEvent& e) { return inputs_.push(e); }
    bool poll(SpikeRecord& s) { return spikes_.pop(s); }
    bool poll(TimingSnapshot& t) { return snapshots_.pop(t); }
    bool poll(FrameRecord& f) { return frames_.pop(f); }
    std::uint64_t dropped_frames() const { return frames_.dropped(); }
    std::uint64_t dropped_controls() const { return control_.dropped() + pending_control_dropped_; }
    std::uint64_t dropped_inputs() const { return inputs_.dropped() + pending_input_dropped_; }
    std::uint64_t dropped_spikes() const { return spikes_.dropped(); }
    std::uint64_t dropped_snapshots() const { return snapshots_.dropped(); }

    // The figures at the end of the run (valid after join()).
    const TimingSnapshot& final_snapshot() const { return *final_; }
    const LoopConfig& config() const { return config_; }
    const SetupReport& setup_report() const { return setup_; }

  private:
    void run();
    void apply_control(const ControlMessage& m);
    void apply_input(const InputEvent& e);

    Cell* cell_;
    LoopConfig config_;
    SetupReport setup_;
    SpscRing<ControlMessage> control_;
    SpscRing<InputEvent> inputs_;
    SpscRing<SpikeRecord> spikes_;
    SpscRing<TimingSnapshot> snapshots_;
    SpscRing<FrameRecord> frames_;
    std::vector<const double*> probes_;
    std::vector<ControlMessage> pending_control_;  // named for a later step
    std::vector<InputEvent> pending_inputs_;
    std::size_t n_pending_control_ = 0, n_pending_inputs_ = 0;
    std::uint64_t pending_control_dropped_ = 0, pending_input_dropped_ = 0;
    std::vector<std::span<double>> parameters_;  // by handle
    std::vector<int> synapses_;                  // handle → Cell synapse index
    std::unique_ptr<TimingSnapshot> timing_, final_;
    std::thread thread_;
    std::atomic<bool> stop_requested_{false}, finished_{false}, ready_{false};
    bool paused_ = false, stop_ = false;
    std::uint64_t step_ = 0;
};

}  // namespace rtcell::rt
