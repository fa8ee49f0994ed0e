#pragma once
// What both mechanism templates (gates: channel_kernel.hpp, kinetic schemes:
// markov_kernel.hpp) read off a channel definition C: its spec, the ion its current carries
// (C::ion or C::ions, optional) and the concentration it is gated by (C::concentration, optional).
#include <span>
#include <tuple>

#include "model/mechanisms/mechanism_spec.hpp"

namespace rtcell {

template <class C>
const MechanismSpec& spec_of() {
    static const MechanismSpec s = [] {
        MechanismSpec m{C::name, MechanismSpec::Kind::density, C::description, {}, {}};
        for (const auto& p : C::params)
            m.params.push_back(p);
        for (const char* st : C::states)
            m.states.push_back(st);
        return m;
    }();
    return s;
}

// C::ions (several, with C::ion_current) or C::ion (one, carrying the whole current).
template <class C>
std::span<const char* const> ions_of() {
    if constexpr (requires { C::ions; }) {
        return C::ions;
    } else if constexpr (requires { C::ion; }) {
        static constexpr const char* one[1] = {C::ion};
        return one;
    } else {
        return {};
    }
}

// How many rate factors a gate channel keeps per instance: C::rate_factors(celsius, par)
// returns several (e.g. one per gate, from the channel's own temperature), C::rate_factor one.
// They are computed in prepare(), never on the step path.
template <class C>
constexpr std::size_t rate_factor_count_of() {
    if constexpr (requires { C::rate_factors(0.0, nullptr); })
        return std::tuple_size_v<decltype(C::rate_factors(0.0, nullptr))>;
    else
        return 1;
}

template <class C>
const char* concentration_of() {
    if constexpr (requires { C::concentration; })
        return C::concentration;
    else
        return nullptr;
}

}  // namespace rtcell
