#include "model/mechanisms/points/point_runtime.hpp"

#include <algorithm>

namespace rtcell {

void PointRuntime::allocate(const std::vector<int>& node, std::size_t members) {
    node_ = node;
    members_ = members;
    params_.assign(spec_->params.size() * size(), 0.0);
    for (std::size_t k = 0; k < spec_->params.size(); ++k)
        for (std::size_t i = 0; i < size(); ++i)
            params_[k * size() + i] = spec_->params[k].default_value;
    states_.assign(std::max<std::size_t>(1, spec_->states.size()) * size(), 0.0);
    current_.assign(size(), 0.0);
    aux_.assign(aux_count_ * size(), 1.0);
}

void PointRuntime::init() {
    std::fill(states_.begin(), states_.end(), 0.0);
    std::fill(current_.begin(), current_.end(), 0.0);
}

}  // namespace rtcell
