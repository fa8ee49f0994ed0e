: PotassiumDetailed -- rtcell's NMODL form of its PotassiumDetailed pool (model/ion_pools.hpp) for
: the nak_shells reference (tests/validation/neuron/nak_shells/make_reference.py): the CalciumDetailed shell for a
: monovalent ion, without rectification (an outward current depletes the shell):
:     ki' = -ik * 1e4 / (F * d) + (C_rest - ki) / tau            (mM/ms)
: with ik the ion's total outward current density (mA/cm2), d in um,
: F = 96485.33212331 C/mol.  This mechanism WRITEs ki, so NEURON recomputes
: ek = 1000 R (celsius + 273.15)/F ln(ko/ki) at the start of every step.
: cnexp: with ik fixed over the step (the value of this step's current evaluation),
: the exact exponential step, as rtcell's.  ko is the ion's default (2.5 mM).

NEURON {
    SUFFIX PotassiumDetailed
    USEION k READ ik WRITE ki
    RANGE d, tau, C_rest, Ci_init
}

UNITS {
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (um) = (micron)
}

PARAMETER {
    d = 1 (um)
    tau = 1000 (ms)
    C_rest = 54.4 (mM)
    Ci_init = 54.4 (mM)
}

ASSIGNED {
    ik (mA/cm2)
}

STATE {
    ki (mM)
}

INITIAL {
    ki = Ci_init
}

BREAKPOINT {
    SOLVE state METHOD cnexp
}

DERIVATIVE state {
    ki' = -ik * 1e4 / (96485.33212331 * d) + (C_rest - ki) / tau
}
