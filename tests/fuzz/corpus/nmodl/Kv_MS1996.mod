: Kv_MS1996 -- delayed-rectifier potassium current of Mainen & Sejnowski (1996), written for
: rtcell from the paper's rate equations (tests/validation/neuron/cortical_soma).
:   ik = tadj gbar n (v - ek),  alpha = 0.02 (v - tha)/(1 - exp(-(v - tha)/qa)),
:   beta = -0.002 (v - tha)/(1 - exp((v - tha)/qa)),  tau = 1/(tadj (alpha + beta))
: gbar in pS/um2.

NEURON {
    SUFFIX Kv_MS1996
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
    gbar = 5 (pS/um2)
    tha = 25 (mV)
    qa = 9 (mV)
    Ra = 0.02 (/ms)
    Rb = 0.002 (/ms)
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
    SOLVE states METHOD cnexp
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
