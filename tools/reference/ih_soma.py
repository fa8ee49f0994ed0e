"""NEURON reference for scenario 'ih_soma': one compartment (20 um x 20 um) with NEURON's
passive leak and braincell's HCN_HM1992 (I_h, transcribed to NMODL in
tests/data/reference/neuron/mod/HCN_HM1992.mod), driven by a hyperpolarizing step that shows
the I_h sag and the rebound.  Writes tests/data/reference/neuron/ih_soma/trace.csv
(t_ms, v_soma, hcn_p) and scenario.json.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev); compiles the .mod file in a
temporary folder (nrnmech.py):
    /usr/bin/python3 tools/reference/ih_soma.py
"""
import json
import os

import numpy as np
from neuron import h

import nrnmech

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MOD = os.path.join(REPO, "tests", "data", "reference", "neuron", "mod", "HCN_HM1992.mod")
OUT = os.path.join(REPO, "tests", "data", "reference", "neuron", "ih_soma")

# The scenario (mirrored by config/validation/ih_soma.yaml).
DT, TSTOP, V_INIT, CELSIUS = 0.025, 300.0, -65.0, 6.3
PAS = {"g": 1e-4, "e": -75.0}
HCN = {"g_max": 0.002, "E": -43.0, "temp": 46.0, "q10": 3.0, "temp_ref": 36.0}
STIM = {"delay": 20.0, "dur": 150.0, "amp": -0.1}


def main():
    nrnmech.load([MOD])
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20.0
    soma.nseg = 1
    soma.Ra, soma.cm = 35.4, 1.0
    soma.insert("pas")
    soma.insert("HCN_HM1992")
    for seg in soma:
        seg.pas.g, seg.pas.e = PAS["g"], PAS["e"]
        for k, v in HCN.items():
            setattr(seg.HCN_HM1992, k, v)
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = STIM["delay"], STIM["dur"], STIM["amp"]
    h.celsius, h.dt, h.secondorder = CELSIUS, DT, 0
    h.cvode_active(0)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    p = h.Vector().record(soma(0.5).HCN_HM1992._ref_p)
    h.finitialize(V_INIT)
    h.steps_per_ms = 1.0 / DT
    h.tstop = TSTOP
    h.run()
    os.makedirs(OUT, exist_ok=True)
    data = np.column_stack([np.array(t), np.array(v), np.array(p)])
    np.savetxt(os.path.join(OUT, "trace.csv"), data, delimiter=",", header="t_ms,v_soma,hcn_p",
               comments="", fmt="%.10g")
    scenario = {
        "name": "ih_soma",
        "generator": "tools/reference/ih_soma.py with NEURON " + h.nrnversion(),
        "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
        "pas": PAS, "HCN_HM1992": HCN, "IClamp": STIM,
        "v_init_mV": V_INIT, "celsius": CELSIUS, "dt_ms": DT, "tstop_ms": TSTOP,
        "integration": "fixed-step backward Euler (secondorder 0), cnexp gate",
        "columns": ["t_ms", "v_soma", "hcn_p"],
    }
    with open(os.path.join(OUT, "scenario.json"), "w") as f:
        json.dump(scenario, f, indent=2)
    print("sag: min v %.3f mV, v at end of step %.3f mV" % (min(v), v[int((STIM["delay"] + STIM["dur"]) / DT) - 1]))


if __name__ == "__main__":
    main()
