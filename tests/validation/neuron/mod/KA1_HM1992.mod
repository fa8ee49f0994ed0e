: KA1_HM1992 -- rtcell's NMODL transcription of braincell.channel.IKA1_HM1992 (Huguenard &
: McCormick 1992, A-type IA1) for the tm_soma reference (tests/validation/neuron/tm_soma/make_reference.py).
: NEURON: ik = g_max p^4 q (v - ek);  u = v - V_sh
:   p_inf = 1/(1 + exp(-(u + 60)/8.5)),  p_tau = 1/(exp((u + 35.8)/19.7) + exp(-(u + 79.7)/12.7)) + 0.37
:   q_inf = 1/(1 + exp((u + 78)/6)),     q_tau = 1/(exp((u + 46)/5) + exp(-(u + 238)/37.5)) if u < -63, else 19
:   dp/dt = phi_p (p_inf - p)/p_tau,  dq/dt = phi_q (q_inf - q)/q_tau
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX KA1_HM1992
    USEION k READ ek WRITE ik
    RANGE g_max, V_sh, phi_p, phi_q, ik
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.03 (S/cm2)
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
    ik = g_max * p * p * p * p * q * (v - ek)
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
    p_inf = 1 / (1 + exp(-(u + 60) / 8.5))
    p_tau = (1 / (exp((u + 35.8) / 19.7) + exp(-(u + 79.7) / 12.7)) + 0.37) / phi_p
    q_inf = 1 / (1 + exp((u + 78) / 6))
    if (u < -63) {
        q_tau = 1 / (exp((u + 46) / 5) + exp(-(u + 238) / 37.5)) / phi_q
    } else {
        q_tau = 19 / phi_q
    }
}
