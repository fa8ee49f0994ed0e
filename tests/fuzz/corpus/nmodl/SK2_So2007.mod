: SK2_So2007 -- rtcell's NMODL transcription of the SK2 six-state scheme (Hirschberg et al. 1998,
: rates of Solinas et al. 2007) for the sk_soma reference (tests/validation/neuron/sk_soma/make_reference.py).
: ik = g_max (o1 + o2) (v - ek); every rate times q10^((celsius - 23)/10); ca = cai/diff.
: KINETIC with METHOD sparse: one backward-Euler step per dt (rtcell: substeps = 1).

NEURON {
    SUFFIX SK2_So2007
    USEION ca READ cai
    USEION k READ ek WRITE ik
    RANGE g_max, diff, dirc2, dirc3, dirc4, invc1, invc2, invc3, diro1, diro2, invo1, invo2, q10, ik
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (S) = (siemens)
}

PARAMETER {
    g_max = 0.038 (S/cm2)
    diff = 3
    dirc2 = 200 (/ms-mM)
    dirc3 = 160 (/ms-mM)
    dirc4 = 80 (/ms-mM)
    invc1 = 0.08 (/ms)
    invc2 = 0.08 (/ms)
    invc3 = 0.2 (/ms)
    diro1 = 0.16 (/ms)
    diro2 = 1.2 (/ms)
    invo1 = 1 (/ms)
    invo2 = 0.1 (/ms)
    q10 = 3
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    cai (mM)
    celsius (degC)
    q (1)
}

STATE { c1 c2 c3 c4 o1 o2 }

BREAKPOINT {
    SOLVE kin METHOD sparse
    ik = g_max * (o1 + o2) * (v - ek)
}

INITIAL {
    SOLVE kin STEADYSTATE sparse
}

KINETIC kin {
    LOCAL ca
    q = pow(q10, (celsius - 23) / 10)
    ca = cai / diff
    ~ c1 <-> c2 (q * dirc2 * ca, q * invc1)
    ~ c2 <-> c3 (q * dirc3 * ca, q * invc2)
    ~ c3 <-> c4 (q * dirc4 * ca, q * invc3)
    ~ c3 <-> o1 (q * diro1, q * invo1)
    ~ c4 <-> o2 (q * diro2, q * invo2)
    CONSERVE c1 + c2 + c3 + c4 + o1 + o2 = 1
}
