"""NEURON reference for scenario 'ih_soma': one compartment (20 um x 20 um) with NEURON's
passive leak and braincell's HCN_HM1992 (I_h, transcribed to NMODL in
tests/validation/neuron/mod/HCN_HM1992.mod), driven by a hyperpolarizing step that shows
the I_h sag and the rebound.  Writes tests/validation/neuron/ih_soma/trace.csv
(t_ms, v_soma, hcn_p) and scenario.json.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev); compiles the .mod file in a
temporary folder (nrnmech.py):
    /usr/bin/python3 tests/validation/neuron/ih_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by ih_soma.yaml beside this script).
SCENARIO = {
    "name": "ih_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "pas": {"g": 1e-4, "e": -75.0},
    "HCN_HM1992": {"g_max": 0.002, "E": -43.0, "temp": 46.0, "q10": 3.0, "temp_ref": 36.0},
    "IClamp": {"delay": 20.0, "dur": 150.0, "amp": -0.1},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 300.0,
}


def main():
    nrnmech.load_mods(("HCN_HM1992",))
    soma, stim = nrnmech.compartment(("pas", "HCN_HM1992"), SCENARIO)
    out = nrnmech.run_and_write(
        {"v_soma": soma(0.5)._ref_v, "hcn_p": soma(0.5).HCN_HM1992._ref_p}, SCENARIO)
    print("sag: min v %.3f mV" % out["v_soma"].min())


if __name__ == "__main__":
    main()
