"""NEURON reference for scenario 'density_currents': the currents of density mechanisms as
probes. An HH soma (20 x 20 um) with a passive dendrite (200 x 2 um, 5 segments), an IClamp
step that makes it fire; recorded: the soma's ina and ik (hh is the only mechanism carrying
them there), hh's total current ina + ik + il, and pas's i in the dendrite, all in mA/cm2.
NEURON records at t the current of the step that ended at t: rtcell's probe row t - dt.
Writes tests/validation/neuron/density_currents/trace.csv and scenario.json.

Needs NEURON (Debian: apt-get install python3-neuron):
    /usr/bin/python3 tests/validation/neuron/density_currents/make_reference.py
"""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by density_currents.yaml beside this script).
SCENARIO = {
    "name": "density_currents",
    "morphology": "soma 20x20 um (nseg 1, hh); dend 200x2 um at soma(1) (nseg 5, pas); "
                  "Ra 100 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3, "ena": 50.0, "ek": -77.0},
    "pas": {"g": 2e-4, "e": -65.0},
    "IClamp": {"delay": 5.0, "dur": 20.0, "amp": 0.3},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 40.0,
}


def main():
    soma, dend = nrnmech.hh_soma_pas_dendrite(SCENARIO)
    stim = h.IClamp(soma(0.5))
    for k, v in SCENARIO["IClamp"].items():
        setattr(stim, k, v)
    seg = soma(0.5)
    out = nrnmech.run_and_write({"v_soma": seg._ref_v, "hh_ina": seg._ref_ina,
                                 "hh_ik": seg._ref_ik, "hh_il": seg.hh._ref_il,
                                 "pas_i": dend(0.5).pas._ref_i}, SCENARIO)
    # hh's total, as rtcell's hh.i: rewrite the trace with it.
    import numpy as np
    path = os.path.join(nrnmech.HERE, SCENARIO["name"], "trace.csv")
    cols = ["t_ms", "v_soma", "hh_ina", "hh_ik", "hh_i", "pas_i"]
    total = out["hh_ina"] + out["hh_ik"] + out["hh_il"]
    data = np.column_stack([out["t_ms"], out["v_soma"], out["hh_ina"], out["hh_ik"], total,
                            out["pas_i"]])
    np.savetxt(path, data, delimiter=",", header=",".join(cols), comments="", fmt="%.10g")


if __name__ == "__main__":
    main()
