: Na_TM1991 -- rtcell's NMODL transcription of braincell.channel.INa_TM1991 (Traub & Miles 1991)
: for the tm_soma reference (tests/validation/neuron/tm_soma/make_reference.py).
: braincell (inward-positive): I = g_max * p^3 * q * (E - V); NEURON: ina = g_max p^3 q (v - ena)
:   u = v - V_sh
:   alpha_p = 0.32 (13 - u) / (exp((13 - u)/4) - 1),  beta_p = 0.28 (u - 40) / (exp((u - 40)/5) - 1)
:   alpha_q = 0.128 exp((17 - u)/18),                 beta_q = 4 / (1 + exp(-(u - 40)/5))
:   dp/dt = phi (alpha_p (1 - p) - beta_p p), the same for q
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX Na_TM1991
    USEION na READ ena WRITE ina
    RANGE g_max, V_sh, phi, ina
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.12 (S/cm2)
    V_sh = -63 (mV)
    phi = 1
}

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    p_inf
    p_tau (ms)
    q_inf
    q_tau (ms)
}

STATE { p q }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = g_max * p * p * p * q * (v - ena)
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

FUNCTION xexp(x, k) {
    : x / (exp(x/k) - 1) with its limit k at x = 0
    if (fabs(x / k) < 1e-6) {
        xexp = k * (1 - x / k / 2)
    } else {
        xexp = x / (exp(x / k) - 1)
    }
}

PROCEDURE rates(v (mV)) {
    LOCAL u, ap, bp, aq, bq
    u = v - V_sh
    ap = 0.32 * xexp(13 - u, 4)
    bp = 0.28 * xexp(u - 40, 5)
    aq = 0.128 * exp((17 - u) / 18)
    bq = 4 / (1 + exp(-(u - 40) / 5))
    p_inf = ap / (ap + bp)
    p_tau = 1 / (phi * (ap + bp))
    q_inf = aq / (aq + bq)
    q_tau = 1 / (phi * (aq + bq))
}
