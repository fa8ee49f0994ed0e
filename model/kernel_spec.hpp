#pragma once
// What both mechanism templates (gates: channel_kernel.hpp, kinetic schemes:
// markov_kernel.hpp) read off a channel definition C: its spec, the ion its current carries
// (C::ion, optional) and the concentration it is gated by (C::concentration, optional).
#include "mechanism_spec.hpp"

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

template <class C>
const char* ion_of() {
    if constexpr (requires { C::ion; })
        return C::ion;
    else
        return nullptr;
}

template <class C>
const char* concentration_of() {
    if constexpr (requires { C::concentration; })
        return C::concentration;
    else
        return nullptr;
}

}  // namespace rtcell
