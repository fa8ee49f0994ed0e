: CaL_GHK -- rtcell's NMODL form of its CaL_GHK channel (model/channels_calcium.hpp) for the
: ghk_soma reference (tests/validation/neuron/ghk_soma/make_reference.py): an L-type current in permeability form
: (Huguenard & McCormick 1992's iL) with the activation gate of CaL_IS2008:
:     ica = pcabar p^2 ghk(v, cai, cao)     (mA/cm2; pcabar in cm/s, concentrations in mM)
:     ghk = 2 F 1e-3 xi/(1 - exp(-xi)) (cai - cao exp(-xi)),  xi = 2 F v 1e-3/(R (temp + 273.15))
:     (xi/(1 - exp(-xi)) -> 1 + xi/2 for |xi| < 1e-6)
:     p_inf = 1/(1 + exp(-(u + 10)/4)),  p_tau = (0.4 + 0.7/(exp(-(u + 5)/15) + exp((u + 5)/15)))
:             / q10_p^((temp - temp_ref_p)/10),  u = v - V_sh
: temp is the channel's own temperature (rates and GHK).  cnexp with v(t+dt); NEURON takes
: di/dv numerically.

NEURON {
    SUFFIX CaL_GHK
    USEION ca READ cai, cao WRITE ica
    RANGE pcabar, V_sh, temp, q10_p, temp_ref_p, ica
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (mM) = (milli/liter)
}

PARAMETER {
    pcabar = 1e-4 (cm/s)
    V_sh = 0 (mV)
    temp = 36 (degC)
    q10_p = 3.55
    temp_ref_p = 24 (degC)
}

ASSIGNED {
    v (mV)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
    p_inf
    p_tau (ms)
}

STATE { p }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = pcabar * p * p * ghk(v, cai, cao)
}

INITIAL {
    rates(v)
    p = p_inf
}

DERIVATIVE states {
    rates(v)
    p' = (p_inf - p) / p_tau
}

PROCEDURE rates(v (mV)) {
    LOCAL u
    u = v - V_sh
    p_inf = 1 / (1 + exp(-(u + 10) / 4))
    p_tau = (0.4 + 0.7 / (exp(-(u + 5) / 15) + exp((u + 5) / 15))) / pow(q10_p, (temp - temp_ref_p) / 10)
}

FUNCTION ghk(v (mV), ci (mM), co (mM)) {
    LOCAL xi, w
    xi = 2 * 96485.33212331 * 1e-3 * v / (8.31446261815324 * (temp + 273.15))
    if (fabs(xi) < 1e-6) {
        w = 1 + xi / 2
    } else {
        w = xi / (1 - exp(-xi))
    }
    ghk = 2 * 96485.33212331 * 1e-3 * w * (ci - co * exp(-xi))
}
