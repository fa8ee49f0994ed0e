: consumer_leak -- a leak in NMODL, built into a catalogue by the outside project with
: rtcell_add_catalogue() (tests/install/CMakeLists.txt).

NEURON {
    SUFFIX consumer_leak
    NONSPECIFIC_CURRENT i
    RANGE g, e
}

PARAMETER {
    g = 0.0001 (S/cm2)
    e = -65 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g * (v - e)
}
