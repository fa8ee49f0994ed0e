: CaN_IS2008 -- rtcell's NMODL transcription of braincell.channel.ICaN_IS2008 (calcium-activated
: nonselective cation current) for the sk_soma reference (tests/validation/neuron/sk_soma/make_reference.py).
: i = g_max cai/(cai + 0.2) p (v - E), nonspecific;  p_inf = 1/(1 + exp(-(v + 43)/5.2)),
: p_tau = 2.7/(exp(-(v + 55)/15) + exp((v + 55)/15)) + 1.6;  dp/dt = phi (p_inf - p)/p_tau
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX CaN_IS2008
    USEION ca READ cai
    NONSPECIFIC_CURRENT i
    RANGE g_max, E, phi, i
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.001 (S/cm2)
    E = 10 (mV)
    phi = 1
}

ASSIGNED {
    v (mV)
    cai (mM)
    i (mA/cm2)
    p_inf
    p_tau (ms)
}

STATE { p }

BREAKPOINT {
    SOLVE states METHOD cnexp
    i = g_max * cai / (cai + 0.2) * p * (v - E)
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
    p_inf = 1 / (1 + exp(-(v + 43) / 5.2))
    p_tau = (2.7 / (exp(-(v + 55) / 15) + exp((v + 55) / 15)) + 1.6) / phi
}
