: CaHVA_MS1996 -- high-voltage-activated calcium current of Mainen & Sejnowski (1996),
: written for rtcell from the paper's rate equations (tests/validation/neuron/cortical_soma).
:   ica = tadj gbar m^2 h (v - eca)
:   alpha_m = 0.055 (-27 - v)/(exp((-27 - v)/3.8) - 1),  beta_m = 0.94 exp((-75 - v)/17)
:   alpha_h = 0.000457 exp((-13 - v)/50),  beta_h = 0.0065/(exp((-v - 15)/28) + 1)
: eca follows the calcium pool by Nernst (NEURON: nobody writes eca).

NEURON {
    SUFFIX CaHVA_MS1996
    USEION ca READ eca WRITE ica
    RANGE gbar, gca
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (pS) = (picosiemens)
    (um) = (micron)
}

PARAMETER {
    gbar = 0.1 (pS/um2)
    temp = 23 (degC)
    q10 = 2.3
}

ASSIGNED {
    v (mV)
    celsius (degC)
    eca (mV)
    ica (mA/cm2)
    gca (pS/um2)
    minf hinf
    mtau (ms) htau (ms)
}

STATE { m h }

INITIAL {
    rates(v)
    m = minf
    h = hinf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gca = q10 ^ ((celsius - temp) / 10) * gbar * m * m * h
    ica = 1e-4 * gca * (v - eca)
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m) / mtau
    h' = (hinf - h) / htau
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b, tadj, x
    tadj = q10 ^ ((celsius - temp) / 10)
    x = -27 - v
    if (fabs(x / 3.8) < 1e-6) {
        a = 0.055 * 3.8 * (1 + x / 3.8 / 2)
    } else {
        a = 0.055 * x / (exp(x / 3.8) - 1)
    }
    b = 0.94 * exp((-75 - v) / 17)
    mtau = 1 / tadj / (a + b)
    minf = a / (a + b)
    a = 0.000457 * exp((-13 - v) / 50)
    b = 0.0065 / (exp((-v - 15) / 28) + 1)
    htau = 1 / tadj / (a + b)
    hinf = a / (a + b)
}
