: IL -- rtcell's NMODL transcription of braincell.channel.IL for the hh1952_soma reference
: (tests/validation/neuron/hh1952_soma/make_reference.py): i = g_max (v - E), nonspecific.

NEURON {
    SUFFIX IL
    NONSPECIFIC_CURRENT i
    RANGE g_max, E, i
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 1e-4 (S/cm2)
    E = -70 (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g_max * (v - E)
}
