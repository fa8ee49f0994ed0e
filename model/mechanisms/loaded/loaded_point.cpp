#include "model/mechanisms/loaded/loaded_point.hpp"

#include "model/cable/neuron_defaults.hpp"

namespace rtcell {

void LoadedPoint::size_elements() {
    if (element_node_.size() == size())
        return;
    element_node_.assign(size(), 0);
    for (std::size_t inst = 0; inst < instances(); ++inst)
        for (std::size_t m = 0; m < members_; ++m)
            element_node_[inst * members_ + m] =
                node_[inst] * static_cast<int>(members_) + static_cast<int>(m);
    celsius_.assign(size(), neuron_defaults::celsius_degC);
    area_.assign(size(), 100.0);
    diam_.assign(size(), 1.0);
    i_.assign(size(), 0.0);
    g_.assign(size(), 0.0);
}

rtcell_instances LoadedPoint::view(const double* v) const {
    auto* self = const_cast<LoadedPoint*>(this);
    return rtcell_instances{size(),
                            size(),
                            element_node_.data(),
                            v,
                            self->params_.data(),
                            self->states_.data(),
                            celsius_.data(),
                            area_.data(),
                            diam_.data(),
                            dt_,
                            t_ms_};
}

void LoadedPoint::init_at(const double* v) {
    size_elements();
    last_v_ = v;
    t_ms_ = 0;
    rtcell_instances in = view(v);
    m_.init(&in);
}

void LoadedPoint::prepare(double dt_ms) {
    size_elements();
    dt_ = dt_ms;
}

void LoadedPoint::contribute(double t_mid_ms, const double* v, double* rhs, double* diag) {
    last_v_ = v;
    t_ms_ = t_mid_ms;  // NEURON evaluates BREAKPOINT's currents at t + dt/2
    const rtcell_instances in = view(v);
    m_.current(&in, -1, i_.data(), g_.data());
    const double probe_sign = m_.electrode ? -1.0 : 1.0;  // a clamp's probe: what it injects
    for (std::size_t k = 0; k < size(); ++k) {
        current_[k] = probe_sign * i_[k];
        rhs[element_node_[k]] -= i_[k];
        diag[element_node_[k]] += g_[k];
    }
}

void LoadedPoint::advance(const double* v) {
    t_ms_ += 0.5 * dt_;  // and SOLVEs at t + dt
    rtcell_instances in = view(v);
    m_.advance(&in);
}

void LoadedPoint::receive(std::size_t i, double weight) {
    if (m_.net_receive) {
        rtcell_instances in = view(last_v_);
        m_.net_receive(&in, i, weight);
    }
}

}  // namespace rtcell
