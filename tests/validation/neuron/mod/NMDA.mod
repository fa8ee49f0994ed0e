: NMDA -- rtcell's NMODL form of braincell's kinetic NMDA synapse for the syn_soma reference
: (tests/validation/neuron/syn_soma/make_reference.py):
:     x' = alpha2 T pre (1 - x) - beta2 x,   g' = alpha1 x (1 - g) - beta1 g
:     i = g_max g B(v) (v - E),   B(v) = 1/(1 + mg/beta_mg exp(-alpha_mg v))   (mg = 0: no block)
: pre as in AMPA.mod (the step's event weights, for one step).  Each step advances g with the
: x of the step's start, then x (braincell's order), each exactly for its fixed drive.
: NEURON linearizes i(v) with its numerical slope, which includes dB/dv.

NEURON {
    POINT_PROCESS NMDA
    RANGE g_max, E, alpha1, beta1, alpha2, beta2, T, mg, alpha_mg, beta_mg, g, x, pre, i
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
    (mM) = (milli/liter)
}

PARAMETER {
    g_max = 0.001 (uS)
    E = 0 (mV)
    alpha1 = 2 (/ms)
    beta1 = 0.01 (/ms)
    alpha2 = 1 (/ms)
    beta2 = 0.5 (/ms)
    T = 1
    mg = 1.2 (mM)
    alpha_mg = 0.062 (/mV)
    beta_mg = 3.57 (mM)
}

ASSIGNED {
    v (mV)
    i (nA)
    g
    x
    pre
}

INITIAL {
    g = 0
    x = 0
    pre = 0
}

BREAKPOINT {
    SOLVE advance
    i = g_max * g * (v - E) / (1 + mg / beta_mg * exp(-alpha_mg * v))
}

PROCEDURE advance() {
    LOCAL a, k, inf
    a = alpha1 * x
    k = a + beta1
    inf = a / k
    g = inf + (g - inf) * exp(-k * dt)
    a = alpha2 * T * pre
    k = a + beta2
    inf = a / k
    x = inf + (x - inf) * exp(-k * dt)
    pre = 0
}

NET_RECEIVE(w) {
    pre = pre + w
}
