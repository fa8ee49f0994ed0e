: K_HH1952 -- rtcell's NMODL transcription of braincell.channel.IK_HH1952 for the hh1952_soma
: reference (tests/validation/neuron/hh1952_soma/make_reference.py).
: NEURON: ik = g_max n^4 (v - ek);  u = v - V_sh
:   alpha_n = 0.1 y/(exp(y) - 1) with y = -(u + 10)/10,  beta_n = 0.125 exp(-(u + 20)/80)
:   n_inf = a/(a + b),  n_tau = 1/((a + b) phi)
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX K_HH1952
    USEION k READ ek WRITE ik
    RANGE g_max, V_sh, phi, ik
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.01 (S/cm2)
    V_sh = -45 (mV)
    phi = 1
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    n_inf
    n_tau (ms)
}

STATE { n }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = g_max * n * n * n * n * (v - ek)
}

INITIAL {
    rates(v)
    n = n_inf
}

DERIVATIVE states {
    rates(v)
    n' = (n_inf - n) / n_tau
}

FUNCTION inv_exprel(y) {
    if (fabs(y) < 1e-6) {
        inv_exprel = 1 - y / 2
    } else {
        inv_exprel = y / (exp(y) - 1)
    }
}

PROCEDURE rates(v (mV)) {
    LOCAL u, a, b
    u = v - V_sh
    a = 0.1 * inv_exprel(-(u + 10) / 10)
    b = 0.125 * exp(-(u + 20) / 80)
    n_inf = a / (a + b)
    n_tau = 1 / ((a + b) * phi)
}
