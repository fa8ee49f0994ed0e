: CalciumFirstOrder -- rtcell's NMODL transcription of braincell.ion.CalciumFirstOrder for the
: ghk_soma reference (tests/validation/neuron/ghk_soma/make_reference.py):
:     cai' = max(alpha I_in, 0) - beta cai,   I_in = -ica * 1000   (inward, uA/cm2)
: cnexp with ica fixed over the step (this step's current evaluation): the exact step.

NEURON {
    SUFFIX CalciumFirstOrder
    USEION ca READ ica WRITE cai
    RANGE alpha, beta, Ci_init
}

UNITS {
    (mA) = (milliamp)
    (mM) = (milli/liter)
}

PARAMETER {
    alpha = 0.13
    beta = 0.075 (/ms)
    Ci_init = 2.4e-4 (mM)
}

ASSIGNED {
    ica (mA/cm2)
}

STATE {
    cai (mM)
}

INITIAL {
    cai = Ci_init
}

BREAKPOINT {
    SOLVE state METHOD cnexp
}

DERIVATIVE state {
    cai' = influx(ica) - beta * cai
}

FUNCTION influx(i (mA/cm2)) (mM/ms) {
    influx = -i * 1000 * alpha
    if (influx < 0) {
        influx = 0
    }
}
