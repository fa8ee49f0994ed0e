: Km_MS1996 -- slow, non-inactivating M-type potassium current of Mainen & Sejnowski (1996),
: written for rtcell from the paper's rate equations (tests/validation/neuron/cortical_soma).
:   ik = tadj gbar n (v - ek),  alpha = 0.001 (v + 30)/(1 - exp(-(v + 30)/9)),
:   beta = -0.001 (v + 30)/(1 - exp((v + 30)/9)),  tau = 1/(tadj (alpha + beta))
: Integrated with METHOD derivimplicit (backward Euler), to exercise that method.

NEURON {
    SUFFIX Km_MS1996
    USEION k READ ek WRITE ik
    RANGE gbar, gk
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (pS) = (picosiemens)
    (um) = (micron)
}

PARAMETER {
    gbar = 10 (pS/um2)
    tha = -30 (mV)
    qa = 9 (mV)
    Ra = 0.001 (/ms)
    Rb = 0.001 (/ms)
    temp = 23 (degC)
    q10 = 2.3
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    gk (pS/um2)
    ninf
    ntau (ms)
}

STATE { n }

INITIAL {
    rates(v)
    n = ninf
}

BREAKPOINT {
    SOLVE states METHOD derivimplicit
    gk = q10 ^ ((celsius - temp) / 10) * gbar * n
    ik = 1e-4 * gk * (v - ek)
}

DERIVATIVE states {
    rates(v)
    n' = (ninf - n) / ntau
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b, x
    x = v - tha
    if (fabs(x / qa) < 1e-6) {
        a = Ra * qa * (1 + x / qa / 2)
        b = Rb * qa * (1 - x / qa / 2)
    } else {
        a = Ra * x / (1 - exp(-x / qa))
        b = -Rb * x / (1 - exp(x / qa))
    }
    ntau = 1 / (q10 ^ ((celsius - temp) / 10)) / (a + b)
    ninf = a / (a + b)
}
