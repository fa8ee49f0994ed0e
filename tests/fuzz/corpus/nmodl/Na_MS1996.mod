: Na_MS1996 -- fast sodium current of the cortical pyramidal cell model of Mainen &
: Sejnowski (1996, Nature 382:363), written for rtcell from the paper's rate equations (one of
: the classic channel models the NMODL validation runs; tests/validation/neuron/cortical_soma).
:   ina = tadj gbar m^3 h (v - ena),  tadj = q10^((celsius - temp)/10)
:   alpha_m = 0.182 (v - tha)/(1 - exp(-(v - tha)/qa)),  beta_m = -0.124 (v - tha)/(1 - exp((v - tha)/qa))
:   alpha_h = 0.024 (v - thi1)/(1 - exp(-(v - thi1)/qi)), beta_h = -0.0091 (v - thi2)/(1 - exp((v - thi2)/qi))
:   h_inf = 1/(1 + exp((v - thinf)/qinf)),  tau = 1/(tadj (alpha + beta))
: gbar is in pS/um2 (1 pS/um2 = 1e-4 S/cm2), as in the paper; the ratio (x/(1 - exp(-x/q)))
: takes its limit q at x = 0.

NEURON {
    SUFFIX Na_MS1996
    USEION na READ ena WRITE ina
    RANGE gbar, gna
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (pS) = (picosiemens)
    (um) = (micron)
}

PARAMETER {
    gbar = 1000 (pS/um2)
    tha = -35 (mV)
    qa = 9 (mV)
    Ra = 0.182 (/ms)
    Rb = 0.124 (/ms)
    thi1 = -50 (mV)
    thi2 = -75 (mV)
    qi = 5 (mV)
    thinf = -65 (mV)
    qinf = 6.2 (mV)
    Rg = 0.0091 (/ms)
    Rd = 0.024 (/ms)
    temp = 23 (degC)
    q10 = 2.3
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ena (mV)
    ina (mA/cm2)
    gna (pS/um2)
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
    gna = tadj() * gbar * m * m * m * h
    ina = 1e-4 * gna * (v - ena)
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m) / mtau
    h' = (hinf - h) / htau
}

FUNCTION tadj() {
    tadj = q10 ^ ((celsius - temp) / 10)
}

: x / (1 - exp(-x / q)), and its limit q at x = 0
FUNCTION ratio(x (mV), q (mV)) (mV) {
    if (fabs(x / q) < 1e-6) {
        ratio = q * (1 + x / q / 2)
    } else {
        ratio = x / (1 - exp(-x / q))
    }
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b
    a = Ra * ratio(v - tha, qa)
    b = Rb * ratio(-(v - tha), qa)
    mtau = 1 / tadj() / (a + b)
    minf = a / (a + b)
    a = Rd * ratio(v - thi1, qi)
    b = Rg * ratio(-(v - thi2), qi)
    htau = 1 / tadj() / (a + b)
    hinf = 1 / (1 + exp((v - thinf) / qinf))
}
