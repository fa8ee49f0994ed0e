"""NEURON reference for scenario 'tm_soma': one compartment (20 um x 20 um) with a leak and
braincell's Traub-Miles sodium and potassium channels plus the Huguenard-McCormick A current
(Na_TM1991, K_TM1991, KA1_HM1992, transcribed to NMODL in tests/validation/neuron/mod/),
driven by a current step into repetitive firing.  Writes tests/validation/neuron/tm_soma/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/tm_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by tm_soma.yaml beside this script).
SCENARIO = {
    "name": "tm_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "pas": {"g": 1e-4, "e": -65.0},
    "Na_TM1991": {"g_max": 0.1, "V_sh": -63.0, "phi": 1.0},
    "K_TM1991": {"g_max": 0.02, "V_sh": -60.0, "phi": 1.0},
    "KA1_HM1992": {"g_max": 0.005, "V_sh": 0.0, "phi_p": 1.0, "phi_q": 1.0},
    "ena": 50.0, "ek": -90.0,
    "IClamp": {"delay": 20.0, "dur": 100.0, "amp": 0.1},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 150.0,
}
CHANNELS = ("Na_TM1991", "K_TM1991", "KA1_HM1992")


def main():
    nrnmech.load_mods(CHANNELS)
    soma, stim = nrnmech.compartment(("pas",) + CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "na_p": seg.Na_TM1991._ref_p, "na_q": seg.Na_TM1991._ref_q,
         "k_p": seg.K_TM1991._ref_p, "ka_p": seg.KA1_HM1992._ref_p,
         "ka_q": seg.KA1_HM1992._ref_q}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, max v %.2f mV" % (((v[1:] >= 0) & (v[:-1] < 0)).sum(), v.max()))


if __name__ == "__main__":
    main()
