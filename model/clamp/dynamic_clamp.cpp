#include "model/clamp/dynamic_clamp.hpp"

#include "model/util/input_error.hpp"

namespace rtcell {

DynamicClamp::DynamicClamp(Cell& live, Cell* model, std::vector<std::string> gaps)
    : live_(live), model_(model), gap_names_(std::move(gaps)) {
    if (!live_.options().live)
        throw InputError("dynamic clamp: the cell '" + live_.options().name +
                         "' is not a live membrane");
    if (live_.phase() != Cell::Phase::initialized ||
        (model_ && model_->phase() != Cell::Phase::initialized))
        throw InputError("dynamic clamp: initialize the cells first (init_state)");
    if (live_.members() != 1 || (model_ && model_->members() != 1))
        throw InputError(
            "dynamic clamp: the live membrane and the model neuron coupled to it "
            "must be single cells (no population)");
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
    parts_.assign(live_parts_.size() + gap_names_.size(), 0.0);
}

void DynamicClamp::before_model_step(double v_mV, std::uint64_t sample_index) noexcept {
    v_live_ = v_mV;
    sample_index_ = static_cast<double>(sample_index);
    live_.impose_voltage({&v_live_, 1});
    if (model_)
        live_.update();
    for (auto& vgap : gap_vgap_)
        vgap[0] = v_mV;
}

double DynamicClamp::command_nA() noexcept {
    const std::span<const double> by_part = live_parts_nA_;
    double total = 0.0;
    std::size_t k = 0;
    for (; k < live_parts_.size(); ++k)
        total += parts_[k] = by_part[k];
    for (const auto& i : gap_i_)  // out of the model: into the living cell
        total += parts_[k++] = i[0];
    command_ = total;
    return total;
}

std::vector<std::string> DynamicClamp::probe_names() const {
    std::vector<std::string> names{"clamp.V_live", "clamp.sample", "clamp.I_cmd"};
    for (const auto& p : live_parts_)
        names.push_back("clamp.I." + p);
    for (const auto& g : gap_names_)
        names.push_back("clamp.I." + g);
    if (model_)
        for (const auto& p : live_.probe_names())
            names.push_back("live." + p);
    return names;
}

std::vector<ProbeColumnInfo> DynamicClamp::probe_columns() const {
    std::vector<ProbeColumnInfo> out;
    for (const auto& name : probe_names()) {
        if (name.rfind("clamp.", 0) != 0)
            continue;
        if (name == "clamp.V_live")
            out.push_back({name, "v", "mV", 0, "the living cell"});
        else if (name == "clamp.sample")
            out.push_back({name, "sample_index", "1", 0, "the living cell"});
        else
            out.push_back({name, "i", "nA", 0, "the living cell"});
    }
    if (model_)
        for (auto c : live_.probe_columns()) {
            c.probe = "live." + c.probe;
            out.push_back(std::move(c));
        }
    return out;
}

std::vector<const double*> DynamicClamp::probe_sources() const {
    std::vector<const double*> out{&v_live_, &sample_index_, &command_};
    for (const double& p : parts_)
        out.push_back(&p);
    if (model_)
        for (const double* p : live_.probe_sources())
            out.push_back(p);
    return out;
}

}  // namespace rtcell
