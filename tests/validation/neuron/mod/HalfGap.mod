: One side of an ohmic gap junction (made in this repository for gap_pair): i = g*(v - vgap),
: vgap the partner's voltage set by ParallelContext.target_var before each step. The current is
: implicit in this side's v (NEURON's numerical di/dv) and explicit in vgap.
NEURON {
    POINT_PROCESS HalfGap
    NONSPECIFIC_CURRENT i
    RANGE g, i, vgap
}
UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}
PARAMETER { g = 0.001 (uS) }
ASSIGNED {
    v (mV)
    vgap (mV)
    i (nA)
}
BREAKPOINT { i = g * (v - vgap) }
