"""NEURON reference for scenario 'k2_soma': one compartment (20 um x 20 um, 6.3 degC) with a
leak, braincell's Na_TM1991 and K_TM1991, the A current KA2_HM1992 and the slowly inactivating
KK2B_HM1992. It starts hyperpolarized at -85 mV (both inactivation gates open, KK2B's q on its
u < -70 mV branch), fires under a current step and returns below -70 mV after it.
NMODL transcriptions in tests/validation/neuron/mod/. Writes
tests/validation/neuron/k2_soma/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/k2_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by k2_soma.yaml beside this script).
SCENARIO = {
    "name": "k2_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "pas": {"g": 1e-4, "e": -85.0},
    "Na_TM1991": {"g_max": 0.1, "V_sh": -63.0, "phi": 1.0},
    "K_TM1991": {"g_max": 0.02, "V_sh": -60.0, "phi": 1.0},
    "KA2_HM1992": {"g_max": 0.01, "V_sh": 0.0, "phi_p": 1.0, "phi_q": 1.0},
    "KK2B_HM1992": {"g_max": 0.002, "V_sh": 0.0, "phi_p": 1.0, "phi_q": 2.0},
    "ena": 50.0, "ek": -90.0,
    "IClamp": {"delay": 20.0, "dur": 150.0, "amp": 0.2},
    "v_init_mV": -85.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 250.0,
}
CHANNELS = ("Na_TM1991", "K_TM1991", "KA2_HM1992", "KK2B_HM1992")


def main():
    nrnmech.load_mods(CHANNELS)
    soma, stim = nrnmech.compartment(("pas",) + CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "ka2_p": seg.KA2_HM1992._ref_p, "ka2_q": seg.KA2_HM1992._ref_q,
         "k2b_p": seg.KK2B_HM1992._ref_p, "k2b_q": seg.KK2B_HM1992._ref_q}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, v range %.2f..%.2f mV, final %.2f" % (
        ((v[1:] >= 0) & (v[:-1] < 0)).sum(), v.min(), v.max(), v[-1]))


if __name__ == "__main__":
    main()
