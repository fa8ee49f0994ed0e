#include "model/mechanisms/density_runtime.hpp"

#include <algorithm>

namespace rtcell {

void DensityRuntime::allocate(std::size_t count) {
    const std::size_t W = chanmath::kLanes;
    count_ = count;
    padded_ = (count + W - 1) / W * W;
    if (padded_ == 0)
        padded_ = W;
    const auto& s = spec();
    params_.assign(s.params.size() * padded_, 0.0);
    states_.assign(std::max<std::size_t>(1, s.states.size()) * padded_, 0.0);
    rate_factor_.assign(rate_factor_count() * padded_, 1.0);
    index_.assign(padded_, 0);
    area_factor_.assign(padded_, 0.0);
    // Padding lanes get the defaults, so they compute finite values.
    for (std::size_t k = 0; k < s.params.size(); ++k)
        for (std::size_t i = 0; i < padded_; ++i)
            params_[k * padded_ + i] = s.params[k].default_value;
}

void DensityRuntime::set_layout(std::vector<int> index, std::vector<double> area_factor) {
    index_ = std::move(index);
    area_factor_ = std::move(area_factor);
    index_.resize(padded_, index_.empty() ? 0 : index_.back());
    area_factor_.resize(padded_, 0.0);
}

}  // namespace rtcell
