#pragma once
// Runs one density mechanism outside a cell, at a list of voltages: its steady states, its
// current and conductance there, and each state after one step of dt from 0 (which gives the
// time constants: s = (1 − e^(−dt/τ))·inf).
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "model/mechanisms/density_runtime.hpp"

namespace rtcell::test {

struct GateRun {
    std::vector<std::vector<double>> inf;   // [state][voltage], steady state
    std::vector<std::vector<double>> step;  // [state][voltage], after one step of dt from 0
    std::vector<double> i, g;               // mA/cm² (outward) and S/cm² at the steady state
};

inline GateRun run_gates(const std::string& name, const std::vector<double>& v,
                         std::map<std::string, double> params, double celsius,
                         double dt_ms = 0.025) {
    auto mech = make_density_runtime(name);
    REQUIRE(mech != nullptr);
    mech->allocate(v.size());
    std::vector<int> index(mech->padded());
    for (std::size_t i = 0; i < index.size(); ++i)
        index[i] = static_cast<int>(i);
    mech->set_layout(index, std::vector<double>(mech->padded(), 1.0));
    const auto& spec = mech->spec();
    for (std::size_t k = 0; k < spec.params.size(); ++k)
        for (std::size_t i = 0; i < mech->padded(); ++i)
            mech->param(k)[i] = params.count(spec.params[k].name) ? params[spec.params[k].name]
                                                                  : spec.params[k].default_value;
    std::vector<double> vv(mech->padded(), -65.0), t(mech->padded(), celsius), ii(mech->padded()),
        gg(mech->padded());
    std::copy(v.begin(), v.end(), vv.begin());
    mech->prepare(t.data());
    mech->init_states(vv.data());
    GateRun out;
    for (std::size_t s = 0; s < spec.states.size(); ++s)
        out.inf.emplace_back(mech->state(s), mech->state(s) + v.size());
    mech->current(vv.data(), ii.data(), gg.data());
    out.i.assign(ii.begin(), ii.begin() + v.size());
    out.g.assign(gg.begin(), gg.begin() + v.size());
    for (std::size_t s = 0; s < spec.states.size(); ++s)
        std::fill(mech->state(s), mech->state(s) + mech->padded(), 0.0);
    mech->advance(vv.data(), dt_ms);
    for (std::size_t s = 0; s < spec.states.size(); ++s)
        out.step.emplace_back(mech->state(s), mech->state(s) + v.size());
    return out;
}

// The ions a density mechanism carries, space-separated ("na k" for hh).
inline std::string carried_ions(const DensityRuntime& mech) {
    std::string out;
    for (const char* ion : mech.ions())
        out += (out.empty() ? "" : " ") + std::string(ion);
    return out;
}

}  // namespace rtcell::test
