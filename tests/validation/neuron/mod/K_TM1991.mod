: K_TM1991 -- rtcell's NMODL transcription of braincell.channel.IK_TM1991 (Traub & Miles 1991)
: for the tm_soma reference (tests/validation/neuron/tm_soma/make_reference.py).
: NEURON: ik = g_max p^4 (v - ek);  u = v - V_sh
:   alpha_p = 0.032 (15 - u) / (exp((15 - u)/5) - 1),  beta_p = 0.5 exp((10 - u)/40)
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX K_TM1991
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
    V_sh = -60 (mV)
    phi = 1
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
    ik = g_max * p * p * p * p * (v - ek)
}

INITIAL {
    rates(v)
    p = p_inf
}

DERIVATIVE states {
    rates(v)
    p' = (p_inf - p) / p_tau
}

FUNCTION xexp(x, k) {
    if (fabs(x / k) < 1e-6) {
        xexp = k * (1 - x / k / 2)
    } else {
        xexp = x / (exp(x / k) - 1)
    }
}

PROCEDURE rates(v (mV)) {
    LOCAL u, ap, bp
    u = v - V_sh
    ap = 0.032 * xexp(15 - u, 5)
    bp = 0.5 * exp((10 - u) / 40)
    p_inf = ap / (ap + bp)
    p_tau = 1 / (phi * (ap + bp))
}
