"""NEURON reference for scenario 'hh1952_soma': one compartment (20 um x 20 um, 6.3 degC) with
braincell's Hodgkin-Huxley 1952 channels Na_HH1952 and K_HH1952 (V_sh -45 mV, rate factor
phi 3) and its leak IL, under a current step. NMODL transcriptions in
tests/validation/neuron/mod/. Writes tests/validation/neuron/hh1952_soma/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/hh1952_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by hh1952_soma.yaml beside this script).
SCENARIO = {
    "name": "hh1952_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "Na_HH1952": {"g_max": 0.12, "V_sh": -45.0, "phi": 3.0},
    "K_HH1952": {"g_max": 0.036, "V_sh": -45.0, "phi": 3.0},
    "IL": {"g_max": 0.0003, "E": -54.3},
    "ena": 50.0, "ek": -77.0,
    "IClamp": {"delay": 20.0, "dur": 100.0, "amp": 0.1},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 150.0,
}
CHANNELS = ("Na_HH1952", "K_HH1952", "IL")


def main():
    nrnmech.load_mods(CHANNELS)
    soma, stim = nrnmech.compartment(CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "na_m": seg.Na_HH1952._ref_m, "na_h": seg.Na_HH1952._ref_h,
         "k_n": seg.K_HH1952._ref_n}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, v range %.2f..%.2f mV, final %.2f" % (
        ((v[1:] >= 0) & (v[:-1] < 0)).sum(), v.min(), v.max(), v[-1]))


if __name__ == "__main__":
    main()
