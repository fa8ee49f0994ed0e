: KK2A_HM1992 -- rtcell's NMODL transcription of braincell.channel.IKK2A_HM1992 (Huguenard &
: McCormick 1992, slowly inactivating IK2a) for the k_soma reference (tests/validation/neuron/k_soma/make_reference.py).
: NEURON: ik = g_max p q (v - ek);  u = v - V_sh
:   p_inf = 1/(1 + exp(-(u + 43)/17)),   p_tau = 1/(exp((u - 81)/25.6) + exp(-(u + 132)/18)) + 9.9
:   q_inf = 1/(1 + exp((u + 58)/10.6)),  q_tau = 1/(exp((u - 1329)/200) + exp(-(u + 130)/7.1))
:   dp/dt = phi_p (p_inf - p)/p_tau,  dq/dt = phi_q (q_inf - q)/q_tau
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX KK2A_HM1992
    USEION k READ ek WRITE ik
    RANGE g_max, V_sh, phi_p, phi_q, ik
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.01 (S/cm2)
    V_sh = 0 (mV)
    phi_p = 1
    phi_q = 1
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    p_inf
    p_tau (ms)
    q_inf
    q_tau (ms)
}

STATE { p q }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = g_max * p * q * (v - ek)
}

INITIAL {
    rates(v)
    p = p_inf
    q = q_inf
}

DERIVATIVE states {
    rates(v)
    p' = (p_inf - p) / p_tau
    q' = (q_inf - q) / q_tau
}

PROCEDURE rates(v (mV)) {
    LOCAL u
    u = v - V_sh
    p_inf = 1 / (1 + exp(-(u + 43) / 17))
    p_tau = (1 / (exp((u - 81) / 25.6) + exp(-(u + 132) / 18)) + 9.9) / phi_p
    q_inf = 1 / (1 + exp((u + 58) / 10.6))
    q_tau = 1 / (exp((u - 1329) / 200) + exp(-(u + 130) / 7.1)) / phi_q
}
