: SodiumDetailed -- rtcell's NMODL form of its SodiumDetailed pool (model/ion_pools.hpp) for
: the nak_shells reference (tests/validation/neuron/nak_shells/make_reference.py): the CalciumDetailed shell for a
: monovalent ion, without rectification (an outward current depletes the shell):
:     nai' = -ina * 1e4 / (F * d) + (C_rest - nai) / tau            (mM/ms)
: with ina the ion's total outward current density (mA/cm2), d in um,
: F = 96485.33212331 C/mol.  This mechanism WRITEs nai, so NEURON recomputes
: ena = 1000 R (celsius + 273.15)/F ln(nao/nai) at the start of every step.
: cnexp: with ina fixed over the step (the value of this step's current evaluation),
: the exact exponential step, as rtcell's.  nao is the ion's default (140 mM).

NEURON {
    SUFFIX SodiumDetailed
    USEION na READ ina WRITE nai
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
    C_rest = 10 (mM)
    Ci_init = 10 (mM)
}

ASSIGNED {
    ina (mA/cm2)
}

STATE {
    nai (mM)
}

INITIAL {
    nai = Ci_init
}

BREAKPOINT {
    SOLVE state METHOD cnexp
}

DERIVATIVE state {
    nai' = -ina * 1e4 / (96485.33212331 * d) + (C_rest - nai) / tau
}
