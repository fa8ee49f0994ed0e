#pragma once
// A dynamic clamp: the living cell a rig records from, as a part of the model. Its membrane is
// a live-membrane Cell (CellOptions::live): every step its voltage is the rig's newest sample,
// and the mechanisms painted and placed on it are artificial conductances and synapses acting
// on the living cell. Optionally a model neuron is coupled to it:
//   - by gap junctions: a Gap point mechanism placed on the model (one location) whose partner
//     voltage is the sample; its current g·(V_model − V_live) leaves the model (implicit in
//     V_model) and enters the living cell (both sides explicit in the other's voltage at the
//     start of the step, NEURON's ParallelContext rule);
//   - by synapses both ways, bound as any cell-to-cell input (CellSpikes): the model's spikes
//     drive a synapse placed on the live membrane, and the live membrane's threshold crossings
//     (V_th, refractory period) drive a synapse on the model.
// One step, given the sample V_live(t):
//   the live membrane steps at V_live(t) (when a model neuron is what the loop steps; alone it
//   is the loop's model itself) → each gap's partner voltage := V_live(t) → [the loop steps the
//   model neuron] → the command current: what the live membrane's mechanisms and the gap
//   junctions drive into the living cell [nA, positive depolarizes], in parts by name.
// A live membrane alone may be a population: each member is a channel of the rig, a living cell
// of its own with its own sample and command (several cells recorded at once, each given the
// same artificial conductances), and the channels may be coupled among themselves by gap
// junctions and synapses (channel_couplings.hpp). A model neuron couples to a single live
// membrane.
// The rig's safety rules (limit, watchdog, zero when paused) are the real-time side's
// (rt/clamp/clamp_port.hpp). Nothing on the step path allocates, locks, throws or logs.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/cell/cell.hpp"
#include "model/clamp/channel_couplings.hpp"

namespace rtcell {

class DynamicClamp {
  public:
    // live: an initialized live-membrane Cell, one member per channel. model: the model neuron
    // coupled to it (initialized; it and the live membrane one member each), or nullptr when
    // the live membrane is alone. gaps: the names of the Gap point mechanisms placed on the
    // model (one location each) that join it to the living cell. Throws InputError for anything that does not fit. The clamp keeps views into
    // both cells' state: neither may be reset() (reset_state() is fine) while it lives.
    // channels: couplings among the living cells of a population (model == nullptr only).
    DynamicClamp(Cell& live, Cell* model, std::vector<std::string> gaps,
                 ChannelCouplings channels = {});

    std::size_t channels() const { return channels_; }

    // ---- the step path ----
    // Each channel's sample for this step [mV] and the rig's index of it (echoed in the probe
    // "clamp.sample"); steps the live membrane unless it is the loop's model.
    void before_model_step(std::span<const double> v_mV,
                           std::span<const std::uint64_t> sample_index) noexcept;
    // After the model's update(): each channel's current to inject [nA], positive depolarizes
    // (and the clamp's probes updated to it).
    void command_nA(std::span<double> i_nA) noexcept;
    // The same for a single channel.
    void before_model_step(double v_mV, std::uint64_t sample_index = 0) noexcept {
        before_model_step({&v_mV, 1}, {&sample_index, 1});
    }
    double command_nA() noexcept {
        double i = 0;
        command_nA({&i, 1});
        return i;
    }

    // ---- inspection ----
    Cell& live() { return live_; }
    // Probes of the clamp, with their current values after each step: "clamp.V_live" [mV],
    // "clamp.sample" (the rig's index of that sample), "clamp.I_cmd" [nA] and "clamp.I.<part>" [nA]
    // for each live-membrane mechanism, gap and gap between channels, each with "#k" after it for
    // channel k when there are several; then, when the live membrane is not the loop's cell, its
    // own probes as "live.<name>".
    std::vector<std::string> probe_names() const;
    std::vector<const double*> probe_sources() const;
    std::vector<ProbeColumnInfo> probe_columns() const;  // in the order of probe_names()

  private:
    Cell& live_;
    Cell* model_;
    std::vector<std::string> gap_names_, live_parts_;
    ChannelCouplings couplings_;
    std::vector<int> synapse_handles_;            // of couplings_.synapses, resolved once
    std::span<const std::uint8_t> crossed_;       // the live membrane's crossings, per channel
    std::vector<std::span<double>> gap_vgap_;     // each gap's partner voltage [mV]
    std::vector<std::span<const double>> gap_i_;  // each gap's current out of the model [nA]
    std::span<const double> live_parts_nA_;       // the live membrane's currents by part
    std::size_t channels_ = 1;
    std::vector<double> v_live_;        // per channel [mV]
    std::vector<double> sample_index_;  // the rig's index of each sample (exact below 2^53)
    std::vector<double> command_;       // per channel [nA]
    // live parts, then gaps, then gaps between channels; part-major × channel [nA]
    std::vector<double> parts_;
    std::size_t part_count() const;
    void couple(ChannelCouplings channels);
    void deliver_crossings() noexcept;
};

}  // namespace rtcell
