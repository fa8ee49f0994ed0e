: AMPA -- rtcell's NMODL form of braincell's kinetic AMPA synapse (Destexhe et al. 1994
: two-state binding) for the syn_soma reference (tests/validation/neuron/syn_soma/make_reference.py):
:     g' = alpha T pre (1 - g) - beta g,    i = g_max g (v - E)   (nA, g_max in uS)
: pre is the drive of the step: the sum of the weights of the events delivered at its start,
: present for that one step (braincell's spike input), then 0.  With pre fixed over the step
: the ODE is linear, and the step below is its exact solution (exponential Euler), applied
: after the voltage solve as cnexp would.

NEURON {
    POINT_PROCESS AMPA
    RANGE g_max, E, alpha, beta, T, g, pre, i
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    g_max = 0.001 (uS)
    E = 0 (mV)
    alpha = 0.98 (/ms)
    beta = 0.18 (/ms)
    T = 0.5
}

ASSIGNED {
    v (mV)
    i (nA)
    g
    pre
}

INITIAL {
    g = 0
    pre = 0
}

BREAKPOINT {
    SOLVE advance
    i = g_max * g * (v - E)
}

PROCEDURE advance() {
    LOCAL a, k, inf
    a = alpha * T * pre
    k = a + beta
    inf = a / k
    g = inf + (g - inf) * exp(-k * dt)
    pre = 0
}

NET_RECEIVE(w) {
    pre = pre + w
}
