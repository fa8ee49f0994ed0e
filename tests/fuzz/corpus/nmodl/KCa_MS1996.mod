: KCa_MS1996 -- calcium-activated potassium current of Mainen & Sejnowski (1996), written for
: rtcell from the paper's rate equations (tests/validation/neuron/cortical_soma).
:   ik = tadj gbar n (v - ek),  alpha = Ra cai^caix,  beta = Rb,  tau = 1/(tadj (alpha + beta))

NEURON {
    SUFFIX KCa_MS1996
    USEION k READ ek WRITE ik
    USEION ca READ cai
    RANGE gbar, gk
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
    (pS) = (picosiemens)
    (um) = (micron)
}

PARAMETER {
    gbar = 10 (pS/um2)
    caix = 1
    Ra = 0.01 (/ms)
    Rb = 0.02 (/ms)
    temp = 23 (degC)
    q10 = 2.3
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    cai (mM)
    ik (mA/cm2)
    gk (pS/um2)
    ninf
    ntau (ms)
}

STATE { n }

INITIAL {
    rates(cai)
    n = ninf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gk = q10 ^ ((celsius - temp) / 10) * gbar * n
    ik = 1e-4 * gk * (v - ek)
}

DERIVATIVE states {
    rates(cai)
    n' = (ninf - n) / ntau
}

PROCEDURE rates(c (mM)) {
    LOCAL a, b
    a = Ra * c ^ caix
    b = Rb
    ntau = 1 / (q10 ^ ((celsius - temp) / 10)) / (a + b)
    ninf = a / (a + b)
}
