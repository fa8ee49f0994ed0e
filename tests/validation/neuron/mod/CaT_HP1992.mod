: CaT_HP1992 -- rtcell's NMODL transcription of braincell.channel.ICaT_HP1992 (Huguenard & Prince 1992) for the
: ca_family reference (tests/validation/neuron/ca_family/make_reference.py).
: NEURON: ica = g_max p^2 q (v - eca); the channel's own temperature `temp` sets
:   phi_p = q10_p^((temp - temp_ref_p)/10), phi_q = q10_q^((temp - temp_ref_q)/10)
:   u = v - V_sh; p_inf = 1/(1 + exp(-(u + 52)/7.4)), p_tau = 3 + 1/(exp((u + 27)/10) + exp(-(u + 102)/15))
:   q_inf = 1/(1 + exp((u + 80)/5)), q_tau = 85 + 1/(exp((u + 48)/4) + exp(-(u + 407)/50))
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX CaT_HP1992
    USEION ca READ eca WRITE ica
    RANGE g_max, V_sh, temp, q10_p, temp_ref_p, q10_q, temp_ref_q, ica
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.00175 (S/cm2)
    V_sh = -3 (mV)
    temp = 36 (degC)
    q10_p = 5
    temp_ref_p = 24 (degC)
    q10_q = 3
    temp_ref_q = 24 (degC)
}

ASSIGNED {
    v (mV)
    eca (mV)
    ica (mA/cm2)
    p_inf
    p_tau (ms)
    q_inf
    q_tau (ms)
}

STATE { p q }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = g_max * p * p * q * (v - eca)
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
    LOCAL u, phi_p, phi_q
    phi_p = pow(q10_p, (temp - temp_ref_p) / 10)
    phi_q = pow(q10_q, (temp - temp_ref_q) / 10)
    u = v - V_sh
    p_inf = 1 / (1 + exp(-(u + 52) / 7.4))
    p_tau = (3 + 1 / (exp((u + 27) / 10) + exp(-(u + 102) / 15))) / phi_p
    q_inf = 1 / (1 + exp((u + 80) / 5))
    q_tau = (85 + 1 / (exp((u + 48) / 4) + exp(-(u + 407) / 50))) / phi_q
}
