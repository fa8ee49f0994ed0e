: Cad_MS1996 -- the submembrane calcium pool of Mainen & Sejnowski (1996) (after Destexhe et
: al.), written for rtcell from its equation (tests/validation/neuron/cortical_soma):
:   cai' = max(-ica 1e4/(2 F depth), 0) + (cainf - cai)/taur
: with ica in mA/cm2, depth in um, F from the UNITS block. A pool: it WRITEs cai, which the
: KCa channel reads and the Ca channel's eca follows.

NEURON {
    SUFFIX Cad_MS1996
    USEION ca READ ica WRITE cai
    RANGE depth, taur, cainf
}

UNITS {
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    depth = 0.1 (um)
    taur = 200 (ms)
    cainf = 100e-6 (mM)
}

ASSIGNED {
    ica (mA/cm2)
    drive (mM/ms)
}

STATE { cai (mM) }

INITIAL {
    cai = cainf
}

BREAKPOINT {
    SOLVE state METHOD cnexp
}

DERIVATIVE state {
    drive = -(10000) * ica / (2 * FARADAY * depth)
    if (drive <= 0) {
        drive = 0
    }
    cai' = drive + (cainf - cai) / taur
}
