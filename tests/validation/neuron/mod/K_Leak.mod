: K_Leak -- rtcell's NMODL transcription of braincell.channel.IK_Leak for the nak_shells
: reference (tests/validation/neuron/nak_shells/make_reference.py): ik = g_max (v - ek), no gates.

NEURON {
    SUFFIX K_Leak
    USEION k READ ek WRITE ik
    RANGE g_max, ik
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_max = 5e-6 (S/cm2)
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
}

BREAKPOINT {
    ik = g_max * (v - ek)
}
