#include "model/mechanisms/point_runtime.hpp"

#include <cmath>
#include <numbers>
#include <string>

namespace rtcell {
namespace {
enum IClampParam { ic_delay, ic_dur, ic_amp };
enum SineParam { sc_delay, sc_dur, sc_amp, sc_frequency, sc_phase, sc_offset };
enum ExpSynParam { es_tau, es_e };
enum Exp2SynParam { e2_tau1, e2_tau2, e2_e };
enum KineticParam { k_gmax, k_e, k_alpha, k_beta, k_T };  // AMPA, GABAa
enum NmdaParam { n_gmax, n_e, n_alpha1, n_beta1, n_alpha2, n_beta2, n_T, n_mg, n_amg, n_bmg };
enum KineticState { ks_g, ks_pre };
enum NmdaState { ns_g, ns_x, ns_pre };

// One exponential-Euler (exact for a fixed drive) step of ds/dt = a·(1 − s) − b·s [1/ms].
double open_fraction_step(double s, double a, double b, double dt) {
    const double k = a + b;
    const double inf = k > 0 ? a / k : 0.0;
    return inf + (s - inf) * std::exp(-k * dt);
}

// braincell's kinetic AMPA/GABAa (Destexhe et al. 1994 two-state binding).
MechanismSpec kinetic_spec(const char* name, double alpha, double beta, double T, double e,
                           const char* what) {
    return {name,
            MechanismSpec::Kind::point,
            std::string(what) +
                " synapse in braincell's kinetic form: g' = alpha·T·pre·(1 − g) − beta·g (pre: the "
                "drive of this step, 1 = one spike), i = g_max·g·(v − E)",
            {{"g_max", 0.001, "uS", "maximal conductance"},
             {"E", e, "mV", "reversal potential"},
             {"alpha", alpha, "1", "binding rate [1/ms]"},
             {"beta", beta, "1", "unbinding rate [1/ms]"},
             {"T", T, "1", "transmitter released per unit of drive"}},
            {"g", "pre"}};
}
}  // namespace

const std::vector<MechanismSpec>& point_specs() {
    static const std::vector<MechanismSpec> specs = {
        {"IClamp",
         MechanismSpec::Kind::point,
         "current clamp: amp during [delay, delay + dur), as NEURON's IClamp (several steps "
         "allowed)",
         {{"delay", 0.0, "ms", "start"},
          {"dur", 0.0, "ms", "duration"},
          {"amp", 0.0, "nA", "amplitude (depolarizing > 0)"}},
         {}},
        {"SineClamp",
         MechanismSpec::Kind::point,
         "sinusoidal current clamp: offset + amp·sin(2π·f·(t − delay) + phase) during [delay, "
         "delay + dur)",
         {{"delay", 0.0, "ms", "start"},
          {"dur", 0.0, "ms", "duration"},
          {"amp", 0.0, "nA", "amplitude"},
          {"frequency", 10.0, "Hz", "frequency"},
          {"phase", 0.0, "1", "phase [rad]"},
          {"offset", 0.0, "nA", "constant part"}},
         {}},
        {"ExpSyn",
         MechanismSpec::Kind::point,
         "single-exponential conductance synapse, as NEURON's ExpSyn: g' = −g/tau, i = g·(v − e), "
         "an event adds its weight to g",
         {{"tau", 0.1, "ms", "decay time constant"}, {"e", 0.0, "mV", "reversal potential"}},
         {"g"}},
        {"Exp2Syn",
         MechanismSpec::Kind::point,
         "double-exponential conductance synapse, as NEURON's Exp2Syn (peak of a unit event = "
         "weight)",
         {{"tau1", 0.1, "ms", "rise time constant"},
          {"tau2", 10.0, "ms", "decay time constant"},
          {"e", 0.0, "mV", "reversal potential"}},
         {"A", "B"}},
        kinetic_spec("AMPA", 0.98, 0.18, 0.5, 0.0, "AMPA"),
        kinetic_spec("GABAa", 0.53, 0.18, 1.0, -80.0, "GABAa"),
        {"NMDA",
         MechanismSpec::Kind::point,
         "NMDA synapse in braincell's kinetic form: x' = alpha2·T·pre·(1 − x) − beta2·x, g' = "
         "alpha1·x·(1 − g) − beta1·g, i = g_max·g·B(v)·(v − E) with the magnesium block B(v) = "
         "1/(1 + mg/beta_mg·exp(−alpha_mg·v)) (mg = 0: no block)",
         {{"g_max", 0.001, "uS", "maximal conductance"},
          {"E", 0.0, "mV", "reversal potential"},
          {"alpha1", 2.0, "1", "opening rate of g per unit x [1/ms]"},
          {"beta1", 0.01, "1", "closing rate of g [1/ms]"},
          {"alpha2", 1.0, "1", "rise rate of x [1/ms]"},
          {"beta2", 0.5, "1", "decay rate of x [1/ms]"},
          {"T", 1.0, "1", "transmitter released per unit of drive"},
          {"mg", 1.2, "mM", "extracellular magnesium (0: no block)"},
          {"alpha_mg", 0.062, "1", "voltage sensitivity of the block [1/mV]"},
          {"beta_mg", 3.57, "mM", "magnesium half-block constant"}},
         {"g", "x", "pre"}},
    };
    return specs;
}

const MechanismSpec* find_point_spec(const std::string& name) {
    for (const auto& s : point_specs())
        if (s.name == name)
            return &s;
    return nullptr;
}

void PointRuntime::allocate(const std::vector<int>& node, std::size_t members) {
    node_ = node;
    members_ = members;
    params_.assign(spec_->params.size() * size(), 0.0);
    for (std::size_t k = 0; k < spec_->params.size(); ++k)
        for (std::size_t i = 0; i < size(); ++i)
            params_[k * size() + i] = spec_->params[k].default_value;
    states_.assign(std::max<std::size_t>(1, spec_->states.size()) * size(), 0.0);
    current_.assign(size(), 0.0);
    factor_.assign(size(), 1.0);
    decay1_.assign(size(), 1.0);
    decay2_.assign(size(), 1.0);
}

void PointRuntime::prepare(double dt) {
    dt_ = dt;
    if (kind_ == PointKind::exp2_syn) {
        // NEURON's Exp2Syn: scale so that a unit event peaks at 1.
        for (std::size_t i = 0; i < size(); ++i) {
            double t1 = param(e2_tau1)[i], t2 = param(e2_tau2)[i];
            if (t1 / t2 > 0.9999)
                t1 = 0.9999 * t2;
            if (t1 / t2 < 1e-9)
                t1 = t2 * 1e-9;
            const double tp = (t1 * t2) / (t2 - t1) * std::log(t2 / t1);
            factor_[i] = 1.0 / (-std::exp(-tp / t1) + std::exp(-tp / t2));
        }
    }
    for (std::size_t i = 0; i < size(); ++i) {
        if (kind_ == PointKind::exp_syn)
            decay1_[i] = std::exp(-dt / param(es_tau)[i]);
        if (kind_ == PointKind::exp2_syn) {
            decay1_[i] = std::exp(-dt / param(e2_tau1)[i]);
            decay2_[i] = std::exp(-dt / param(e2_tau2)[i]);
        }
    }
}

void PointRuntime::init() {
    std::fill(states_.begin(), states_.end(), 0.0);
    std::fill(current_.begin(), current_.end(), 0.0);
}

void PointRuntime::contribute(double t, const double* v, double* rhs, double* diag) {
    const std::size_t P = members_;
    for (std::size_t inst = 0; inst < node_.size(); ++inst) {
        const std::size_t base = static_cast<std::size_t>(node_[inst]) * P;
        for (std::size_t m = 0; m < P; ++m) {
            const std::size_t i = inst * P + m;
            switch (kind_) {
                case PointKind::iclamp: {
                    const double on = param(ic_delay)[i], off = on + param(ic_dur)[i];
                    const double amp = (t >= on && t < off) ? param(ic_amp)[i] : 0.0;
                    current_[i] = amp;
                    rhs[base + m] += amp;
                    break;
                }
                case PointKind::sine_clamp: {
                    const double on = param(sc_delay)[i], off = on + param(sc_dur)[i];
                    double amp = 0.0;
                    if (t >= on && t < off)
                        amp = param(sc_offset)[i] +
                              param(sc_amp)[i] *
                                  std::sin(2 * std::numbers::pi * param(sc_frequency)[i] *
                                               (t - on) * 1e-3 +
                                           param(sc_phase)[i]);
                    current_[i] = amp;
                    rhs[base + m] += amp;
                    break;
                }
                case PointKind::exp_syn: {
                    const double g = state(0)[i];
                    current_[i] = g * (v[base + m] - param(es_e)[i]);
                    rhs[base + m] -= current_[i];
                    diag[base + m] += g;
                    break;
                }
                case PointKind::exp2_syn: {
                    const double g = state(1)[i] - state(0)[i];
                    current_[i] = g * (v[base + m] - param(e2_e)[i]);
                    rhs[base + m] -= current_[i];
                    diag[base + m] += g;
                    break;
                }
                case PointKind::ampa:
                case PointKind::gabaa: {
                    const double g = param(k_gmax)[i] * state(ks_g)[i];  // µS
                    current_[i] = g * (v[base + m] - param(k_e)[i]);
                    rhs[base + m] -= current_[i];
                    diag[base + m] += g;
                    break;
                }
                case PointKind::nmda: {
                    // i = g_max·g·B(v)·(v − E), linearized at V(t) with its full slope
                    // di/dv = g_max·g·(B + B'·(v − E)), B' = alpha_mg·B·(1 − B) — negative
                    // in the region of negative slope conductance, as in NEURON.
                    const double vm = v[base + m];
                    const double block = 1.0 / (1.0 + param(n_mg)[i] / param(n_bmg)[i] *
                                                          std::exp(-param(n_amg)[i] * vm));
                    const double g = param(n_gmax)[i] * state(ns_g)[i];  // µS, unblocked
                    const double drive = vm - param(n_e)[i];             // mV
                    current_[i] = g * block * drive;
                    rhs[base + m] -= current_[i];
                    diag[base + m] += g * (block + param(n_amg)[i] * block * (1.0 - block) * drive);
                    break;
                }
            }
        }
    }
}

void PointRuntime::advance() {
    if (kind_ == PointKind::exp_syn) {
        double* g = state(0);
        for (std::size_t i = 0; i < size(); ++i)
            g[i] *= decay1_[i];
    } else if (kind_ == PointKind::exp2_syn) {
        double* A = state(0);
        double* B = state(1);
        for (std::size_t i = 0; i < size(); ++i) {
            A[i] *= decay1_[i];
            B[i] *= decay2_[i];
        }
    } else if (kind_ == PointKind::ampa || kind_ == PointKind::gabaa) {
        double* g = state(ks_g);
        double* pre = state(ks_pre);
        for (std::size_t i = 0; i < size(); ++i) {
            g[i] = open_fraction_step(g[i], param(k_alpha)[i] * param(k_T)[i] * pre[i],
                                      param(k_beta)[i], dt_);
            pre[i] = 0.0;
        }
    } else if (kind_ == PointKind::nmda) {
        // braincell's order: g with the x of the step's start, then x with the drive.
        double* g = state(ns_g);
        double* x = state(ns_x);
        double* pre = state(ns_pre);
        for (std::size_t i = 0; i < size(); ++i) {
            g[i] = open_fraction_step(g[i], param(n_alpha1)[i] * x[i], param(n_beta1)[i], dt_);
            x[i] = open_fraction_step(x[i], param(n_alpha2)[i] * param(n_T)[i] * pre[i],
                                      param(n_beta2)[i], dt_);
            pre[i] = 0.0;
        }
    }
}

void PointRuntime::receive(std::size_t i, double weight) {
    if (kind_ == PointKind::exp_syn) {
        state(0)[i] += weight;
    } else if (kind_ == PointKind::exp2_syn) {
        state(0)[i] += weight * factor_[i];
        state(1)[i] += weight * factor_[i];
    } else if (kind_ == PointKind::ampa || kind_ == PointKind::gabaa) {
        state(ks_pre)[i] += weight;
    } else if (kind_ == PointKind::nmda) {
        state(ns_pre)[i] += weight;
    }
}

}  // namespace rtcell
