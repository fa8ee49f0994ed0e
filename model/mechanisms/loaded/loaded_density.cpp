#include "model/mechanisms/loaded/loaded_density.hpp"

namespace rtcell {

rtcell_instances LoadedDensity::view(const double* V, double dt) const {
    // The kernels write states through `var` and never parameters during a step; the view
    // is shared by the const (current) and non-const (advance) entry points.
    auto* self = const_cast<LoadedDensity*>(this);
    return rtcell_instances{padded_,
                            padded_,
                            index_.data(),
                            V,
                            self->params_.data(),
                            self->states_.data(),
                            celsius_.data(),
                            area_.data(),
                            diam_.data(),
                            dt,
                            0.0};
}

void LoadedDensity::prepare(const double* celsius) {
    // First call (from init_state) sizes; later calls (a parameter changed) only copy.
    if (celsius_.size() != padded_) {
        celsius_.assign(padded_, 0.0);
        area_.assign(padded_, 0.0);
        i_.assign(padded_, 0.0);
        g_.assign(padded_, 0.0);
        if (diam_.size() != padded_)
            diam_.assign(padded_, 1.0);
    }
    for (std::size_t k = 0; k < padded_; ++k) {
        celsius_[k] = celsius[k];
        area_[k] = area_factor_[k] * 100.0;  // area factor = area [µm²] · 0.01
    }
}

void LoadedDensity::set_diameters(std::vector<double> diam_um) {
    diam_um.resize(padded_, diam_um.empty() ? 1.0 : diam_um.back());
    diam_ = std::move(diam_um);
}

void LoadedDensity::init_states(const double* V) {
    rtcell_instances in = view(V, 0.0);
    m_.init(&in);
}

void LoadedDensity::accumulate(const double* V, double* b, double* d) const {
    const rtcell_instances in = view(V, 0.0);
    m_.current(&in, -1, i_.data(), g_.data());
    for (std::size_t k = 0; k < count_; ++k) {
        b[index_[k]] -= i_[k] * area_factor_[k];
        d[index_[k]] += g_[k] * area_factor_[k];
    }
}

void LoadedDensity::current(const double* V, double* i, double* g) const {
    const rtcell_instances in = view(V, 0.0);
    m_.current(&in, -1, i, g);
}

void LoadedDensity::ion_current(const double* V, std::size_t which, double* i, double* g) const {
    const rtcell_instances in = view(V, 0.0);
    m_.current(&in, static_cast<int>(which), i, g);
}

void LoadedDensity::advance(const double* V, double dt) {
    rtcell_instances in = view(V, dt);
    m_.advance(&in);
}

}  // namespace rtcell
