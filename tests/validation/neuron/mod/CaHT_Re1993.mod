: CaHT_Re1993 -- rtcell's NMODL transcription of braincell.channel.ICaHT_Re1993 (Reuveni et al. 1993) for the
: ca_family reference (tests/validation/neuron/ca_family/make_reference.py).
: NEURON: ica = g_max p^2 q (v - eca); the channel's own temperature `temp` sets
:   phi_p = q10_p^((temp - temp_ref_p)/10), phi_q = q10_q^((temp - temp_ref_q)/10)
:   W = V_sh - v; alpha_p = 0.055 (W - 27)/(exp((W - 27)/3.8) - 1), beta_p = 0.94 exp((W - 75)/17)
:   alpha_q = 0.000457 exp((W - 13)/50), beta_q = 0.0065/(exp((W - 15)/28) + 1)
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX CaHT_Re1993
    USEION ca READ eca WRITE ica
    RANGE g_max, V_sh, temp, q10_p, temp_ref_p, q10_q, temp_ref_q, ica
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.001 (S/cm2)
    V_sh = 0 (mV)
    temp = 36 (degC)
    q10_p = 2.3
    temp_ref_p = 23 (degC)
    q10_q = 2.3
    temp_ref_q = 23 (degC)
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
    LOCAL u, phi_p, phi_q, w, ap, bp, aq, bq
    phi_p = pow(q10_p, (temp - temp_ref_p) / 10)
    phi_q = pow(q10_q, (temp - temp_ref_q) / 10)
    w = V_sh - v
    if (fabs((w - 27) / 3.8) < 1e-6) {
        ap = 0.055 * 3.8 * (1 - (w - 27) / 3.8 / 2)
    } else {
        ap = 0.055 * (w - 27) / (exp((w - 27) / 3.8) - 1)
    }
    bp = 0.94 * exp((w - 75) / 17)
    aq = 0.000457 * exp((w - 13) / 50)
    bq = 0.0065 / (exp((w - 15) / 28) + 1)
    p_inf = ap / (ap + bp)
    p_tau = 1 / (phi_p * (ap + bp))
    q_inf = aq / (aq + bq)
    q_tau = 1 / (phi_q * (aq + bq))
}
