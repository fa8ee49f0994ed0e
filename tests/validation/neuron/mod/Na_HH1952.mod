: Na_HH1952 -- rtcell's NMODL transcription of braincell.channel.INa_HH1952 for the hh1952_soma
: reference (tests/validation/neuron/hh1952_soma/make_reference.py).
: NEURON: ina = g_max m^3 h (v - ena);  u = v - V_sh
:   alpha_m = y/(exp(y) - 1) with y = -(u - 5)/10 (-> 1 - y/2 near 0),
:   beta_m = 4 exp(-(u + 20)/18),  alpha_h = 0.07 exp(-(u + 20)/20),
:   beta_h = 1/(1 + exp(-(u - 10)/10));  x_inf = a/(a + b),  x_tau = 1/((a + b) phi)
: Initial state: the steady state at v_init.  cnexp with v(t+dt).

NEURON {
    SUFFIX Na_HH1952
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
    V_sh = -45 (mV)
    phi = 1
}

ASSIGNED {
    v (mV)
    ena (mV)
    ina (mA/cm2)
    m_inf
    m_tau (ms)
    h_inf
    h_tau (ms)
}

STATE { m h }

BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = g_max * m * m * m * h * (v - ena)
}

INITIAL {
    rates(v)
    m = m_inf
    h = h_inf
}

DERIVATIVE states {
    rates(v)
    m' = (m_inf - m) / m_tau
    h' = (h_inf - h) / h_tau
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
    a = inv_exprel(-(u - 5) / 10)
    b = 4 * exp(-(u + 20) / 18)
    m_inf = a / (a + b)
    m_tau = 1 / ((a + b) * phi)
    a = 0.07 * exp(-(u + 20) / 20)
    b = 1 / (1 + exp(-(u - 10) / 10))
    h_inf = a / (a + b)
    h_tau = 1 / ((a + b) * phi)
}
