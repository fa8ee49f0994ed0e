#include "model/clamp/dynamic_clamp.hpp"

#include "model/util/input_error.hpp"

namespace rtcell {

DynamicClamp::DynamicClamp(Cell& live, Cell* model, std::vector<std::string> gaps,
                           ChannelCouplings channels)
    : live_(live), model_(model), gap_names_(std::move(gaps)) {
    if (!live_.options().live)
        throw InputError("dynamic clamp: the cell '" + live_.options().name +
                         "' is not a live membrane");
    if (live_.phase() != Cell::Phase::initialized ||
        (model_ && model_->phase() != Cell::Phase::initialized))
        throw InputError("dynamic clamp: initialize the cells first (init_state)");
    if (model_ && (live_.members() != 1 || model_->members() != 1))
        throw InputError(
            "dynamic clamp: the live membrane and the model neuron coupled to it "
            "must be single cells (no population); a live membrane alone may be one, a "
            "channel per member");
    if (!model_ && !gap_names_.empty())
        throw InputError("dynamic clamp: gap junctions need a model neuron to join");
    for (const auto& g : gap_names_) {
        std::span<double> vgap = model_->parameter(g, "vgap");
        if (vgap.size() != 1)
            throw InputError("dynamic clamp: the gap junction '" + g +
                             "' must be placed at one location of the model, not " +
                             std::to_string(vgap.size()));
        gap_vgap_.push_back(vgap);
        gap_i_.push_back(model_->point_current(g));
    }
    live_parts_ = live_.membrane_current_parts();
    live_parts_nA_ = live_.membrane_current_by_part();  // resolved once: the step path only reads
    channels_ = live_.members();
    couple(std::move(channels));
    v_live_.assign(channels_, 0.0);
    sample_index_.assign(channels_, 0.0);
    command_.assign(channels_, 0.0);
    parts_.assign(part_count() * channels_, 0.0);
}

std::size_t DynamicClamp::part_count() const {
    return live_parts_.size() + gap_names_.size() + couplings_.gaps.size();
}

// The couplings among the channels, checked against the population and resolved.
void DynamicClamp::couple(ChannelCouplings channels) {
    auto check_pair = [&](std::size_t a, std::size_t b, const std::string& what) {
        if (a >= channels_ || b >= channels_ || a == b)
            throw InputError("dynamic clamp: " + what + " joins channels " + std::to_string(a) +
                             " and " + std::to_string(b) + ": give two different channels of 0 … " +
                             std::to_string(channels_ - 1));
    };
    for (const ChannelGap& g : channels.gaps) {
        check_pair(g.a, g.b, "the gap junction '" + g.name + "' between channels");
        if (!(g.g_uS >= 0) || (g.rectify != 0 && g.rectify != 1 && g.rectify != -1))
            throw InputError("dynamic clamp: the gap junction '" + g.name +
                             "' needs g >= 0 and rectify 0, +1 or -1");
    }
    for (const ChannelSynapse& syn : channels.synapses) {
        check_pair(syn.from, syn.to, "the synapse '" + syn.synapse + "' between channels");
        synapse_handles_.push_back(live_.synapse_index(syn.synapse));  // InputError if none
    }
    couplings_ = std::move(channels);
    crossed_ = live_.spikes();  // fixed in size from init_state: the step path only reads
}

void DynamicClamp::before_model_step(std::span<const double> v_mV,
                                     std::span<const std::uint64_t> sample_index) noexcept {
    for (std::size_t c = 0; c < channels_ && c < v_mV.size(); ++c) {
        v_live_[c] = v_mV[c];
        sample_index_[c] = c < sample_index.size() ? static_cast<double>(sample_index[c]) : 0.0;
    }
    live_.impose_voltage(v_live_);
    if (model_)
        live_.update();
    for (auto& vgap : gap_vgap_)  // a model neuron couples to a single channel
        vgap[0] = v_live_[0];
}

void DynamicClamp::command_nA(std::span<double> i_nA) noexcept {
    const std::span<const double> by_part = live_parts_nA_;  // part-major × channel
    const std::size_t n = channels_, live_parts = live_parts_.size();
    for (std::size_t k = 0; k < live_parts * n; ++k)
        parts_[k] = by_part[k];
    for (std::size_t j = 0; j < gap_i_.size(); ++j)  // out of the model: into the living cell
        parts_[(live_parts + j) * n] = gap_i_[j][0];
    const std::size_t first_channel_gap = live_parts + gap_names_.size();
    for (std::size_t j = 0; j < couplings_.gaps.size(); ++j) {
        const ChannelGap& g = couplings_.gaps[j];
        double into_a = g.g_uS * (v_live_[g.b] - v_live_[g.a]);  // [nA]
        if ((g.rectify > 0 && into_a < 0) || (g.rectify < 0 && into_a > 0))
            into_a = 0;
        double* part = &parts_[(first_channel_gap + j) * n];
        part[g.a] = into_a;
        part[g.b] = -into_a;
    }
    const std::size_t parts = part_count();
    for (std::size_t c = 0; c < n; ++c) {
        double total = 0.0;
        for (std::size_t k = 0; k < parts; ++k)
            total += parts_[k * n + c];
        command_[c] = total;
        if (c < i_nA.size())
            i_nA[c] = total;
    }
    deliver_crossings();
}

// Each channel synapse's event for a crossing of its source channel in the step just taken.
void DynamicClamp::deliver_crossings() noexcept {
    if (couplings_.synapses.empty())
        return;
    const std::span<const std::uint8_t> crossed = crossed_;
    for (std::size_t j = 0; j < couplings_.synapses.size(); ++j) {
        const ChannelSynapse& syn = couplings_.synapses[j];
        if (syn.from < crossed.size() && crossed[syn.from])
            live_.deliver_event(synapse_handles_[j], static_cast<int>(syn.to), syn.weight);
    }
}

namespace {
// The clamp's own columns, channel-major: every quantity of channel 0, then of channel 1, ...
struct ClampColumn {
    std::string name;  // without the channel
    const char* quantity;
    const char* unit;
};

std::vector<ClampColumn> clamp_columns(const std::vector<std::string>& live_parts,
                                       const std::vector<std::string>& gaps,
                                       const std::vector<ChannelGap>& channel_gaps) {
    std::vector<ClampColumn> out{{"clamp.V_live", "v", "mV"},
                                 {"clamp.sample", "sample_index", "1"},
                                 {"clamp.I_cmd", "i", "nA"}};
    for (const auto& p : live_parts)
        out.push_back({"clamp.I." + p, "i", "nA"});
    for (const auto& g : gaps)
        out.push_back({"clamp.I." + g, "i", "nA"});
    for (const auto& g : channel_gaps)
        out.push_back({"clamp.I." + g.name, "i", "nA"});
    return out;
}
}  // namespace

std::vector<std::string> DynamicClamp::probe_names() const {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < channels_; ++c)
        for (const auto& col : clamp_columns(live_parts_, gap_names_, couplings_.gaps))
            names.push_back(channels_ == 1 ? col.name : col.name + "#" + std::to_string(c));
    if (model_)
        for (const auto& p : live_.probe_names())
            names.push_back("live." + p);
    return names;
}

std::vector<ProbeColumnInfo> DynamicClamp::probe_columns() const {
    std::vector<ProbeColumnInfo> out;
    const std::vector<std::string> names = probe_names();
    std::size_t k = 0;
    for (std::size_t c = 0; c < channels_; ++c)
        for (const auto& col : clamp_columns(live_parts_, gap_names_, couplings_.gaps))
            out.push_back({names[k++], col.quantity, col.unit, c, "the living cell"});
    if (model_)
        for (auto c : live_.probe_columns()) {
            c.probe = "live." + c.probe;
            out.push_back(std::move(c));
        }
    return out;
}

std::vector<const double*> DynamicClamp::probe_sources() const {
    std::vector<const double*> out;
    const std::size_t n = channels_, parts = part_count();
    for (std::size_t c = 0; c < n; ++c) {
        out.push_back(&v_live_[c]);
        out.push_back(&sample_index_[c]);
        out.push_back(&command_[c]);
        for (std::size_t k = 0; k < parts; ++k)
            out.push_back(&parts_[k * n + c]);
    }
    if (model_)
        for (const double* p : live_.probe_sources())
            out.push_back(p);
    return out;
}

}  // namespace rtcell
