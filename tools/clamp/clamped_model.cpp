#include "tools/clamp/clamped_model.hpp"

#include <algorithm>

#include "model/util/input_error.hpp"

namespace rtcell::tools {

ClampedModel::ClampedModel(Cell& model, Cell& live) : model_(model), live_(live) {
    if (model_.phase() != Phase::initialized || live_.phase() != Phase::initialized)
        throw InputError("dynamic clamp: initialize the model neuron and the live membrane first");
    if (!live_.options().live)
        throw InputError("dynamic clamp: '" + live_.options().name + "' is not a live membrane");
    spikes_.assign(model_.members() + live_.members(), 0);
}

std::span<const std::uint8_t> ClampedModel::update() noexcept {
    const auto model_spikes = model_.update();
    const auto live_spikes = live_.spikes();  // of the live step the clamp hook just made
    std::copy(model_spikes.begin(), model_spikes.end(), spikes_.begin());
    std::copy(live_spikes.begin(), live_spikes.end(),
              spikes_.begin() + static_cast<std::ptrdiff_t>(model_spikes.size()));
    return spikes_;
}

void ClampedModel::reset_state() {
    model_.reset_state();
    live_.reset_state();
}

void ClampedModel::set_dt(double dt_ms) {
    model_.set_dt(dt_ms);
    live_.set_dt(dt_ms);
}

std::pair<Cell*, std::string> ClampedModel::owner_of(const std::string& name) const {
    const std::string prefix = kLivePrefix;
    if (name.rfind(prefix, 0) == 0)
        return {&live_, name.substr(prefix.size())};
    return {&model_, name};
}

int ClampedModel::synapse_index(const std::string& name) {
    const auto [cell, syn] = owner_of(name);
    synapses_.push_back({cell, cell->synapse_index(syn)});
    return static_cast<int>(synapses_.size()) - 1;
}

std::size_t ClampedModel::synapse_instances(int synapse) const {
    const Synapse& s = synapses_.at(static_cast<std::size_t>(synapse));
    return s.cell->synapse_instances(s.index);
}

void ClampedModel::deliver_event(int synapse, int member, double weight, int instance) noexcept {
    if (synapse < 0 || static_cast<std::size_t>(synapse) >= synapses_.size())
        return;
    const Synapse& s = synapses_[static_cast<std::size_t>(synapse)];
    const auto first = static_cast<int>(s.cell == &live_ ? model_.members() : 0);
    int local = -1;
    if (member >= 0) {
        if (member < first || member >= first + static_cast<int>(s.cell->members()))
            return;  // a member of the other cell
        local = member - first;
    }
    s.cell->deliver_event(s.index, local, weight, instance);
}

std::span<double> ClampedModel::parameter(const std::string& owner, const std::string& param) {
    const auto [cell, name] = owner_of(owner);
    return cell->parameter(name, param);
}

std::span<double> ClampedModel::binding_weight(const std::string& synapse) {
    const auto [cell, name] = owner_of(synapse);
    return cell->binding_weight(name);
}

rt::MemberSpan ClampedModel::parameter_members(const std::string& owner) const {
    if (owner_of(owner).first == &live_)
        return {model_.members(), live_.members()};
    return {0, model_.members()};
}

int ClampedModel::refresh_handle(const std::string& owner) const {
    const auto [cell, name] = owner_of(owner);
    const int h = cell->refresh_handle(name);
    return h < 0 ? -1 : 2 * h + (cell == &live_);
}

void ClampedModel::refresh(int handle) noexcept {
    if (handle >= 0)
        (handle % 2 ? live_ : model_).refresh(handle / 2);
}

std::vector<std::string> ClampedModel::synapse_names() const {
    std::vector<std::string> out = model_.synapse_names();
    for (const auto& n : live_.synapse_names())
        out.push_back(kLivePrefix + n);
    return out;
}

std::vector<std::pair<std::string, std::string>> ClampedModel::parameter_list() const {
    auto out = model_.parameter_list();
    for (const auto& [owner, param] : live_.parameter_list())
        out.emplace_back(kLivePrefix + owner, param);
    return out;
}

std::string ClampedModel::parameter_unit(const std::string& owner, const std::string& param) const {
    const auto [cell, name] = owner_of(owner);
    return cell->parameter_unit(name, param);
}

std::vector<rt::ModelGroup> ClampedModel::groups() const {
    return {{"model", {0, model_.members()}}, {"live", {model_.members(), live_.members()}}};
}

}  // namespace rtcell::tools
