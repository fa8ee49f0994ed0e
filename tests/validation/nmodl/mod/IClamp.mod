: IClamp -- rtcell's own NMODL of NEURON's current clamp, for the NMODL validation: an
: ELECTRODE_CURRENT (inward-positive) of amp while delay <= t < delay + dur. NEURON evaluates
: BREAKPOINT at t + dt/2, so the pulse covers the steps whose midpoints it contains, as the
: built-in IClamp does. (NEURON names the onset `del`; rtcell's built-in calls it `delay`.)

NEURON {
    POINT_PROCESS IClamp
    RANGE delay, dur, amp, i
    ELECTRODE_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
}

PARAMETER {
    delay = 0 (ms)
    dur = 0 (ms) <0, 1e9>
    amp = 0 (nA)
}

ASSIGNED {
    i (nA)
}

INITIAL {
    i = 0
}

BREAKPOINT {
    if (t < delay + dur && t >= delay) {
        i = amp
    } else {
        i = 0
    }
}
