: KNI_Ya1989 -- rtcell's NMODL transcription of braincell.channel.IKNI_Ya1989 (Yamada 1989,
: the M current) for the k_soma reference (tests/validation/neuron/k_soma/make_reference.py).
: NEURON: ik = g_max p (v - ek);  w = v - V_sh + 35
:   p_inf = 1/(1 + exp(-w/10)),  p_tau = tau_max/(3.3 exp(w/20) + exp(-w/20)) / phi_p
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX KNI_Ya1989
    USEION k READ ek WRITE ik
    RANGE g_max, tau_max, V_sh, phi_p, ik
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 4e-6 (S/cm2)
    tau_max = 4000 (ms)
    V_sh = 0 (mV)
    phi_p = 1
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    p_inf
    p_tau (ms)
}

STATE { p }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = g_max * p * (v - ek)
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
    LOCAL w
    w = v - V_sh + 35
    p_inf = 1 / (1 + exp(-w / 10))
    p_tau = tau_max / (3.3 * exp(w / 20) + exp(-w / 20)) / phi_p
}
