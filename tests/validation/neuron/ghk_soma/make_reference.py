"""NEURON reference for scenario 'ghk_soma': one HH compartment (20 um x 20 um, 6.3 degC) with
the permeability (GHK) calcium channel CaL_GHK at its own 36 degC, filling a
CalciumFirstOrder pool whose cai gates an AHP_De1994 potassium current; CaL_GHK's GHK current
reads the same cai. NMODL transcriptions in tests/validation/neuron/mod/ (AHP_De1994's is
the shared one). Writes tests/validation/neuron/ghk_soma/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/ghk_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by ghk_soma.yaml beside this script).
SCENARIO = {
    "name": "ghk_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3},
    "ena": 50.0, "ek": -77.0, "cao_mM": 2.0,
    "CaL_GHK": {"pcabar": 2e-5, "V_sh": 0.0, "temp": 36.0, "q10_p": 3.55, "temp_ref_p": 24.0},
    "CalciumFirstOrder": {"alpha": 0.01, "beta": 0.075, "Ci_init": 2.4e-4},
    "AHP_De1994": {"g_max": 0.005, "n": 2.0, "alpha": 48.0, "beta": 0.09, "phi": 1.0},
    "IClamp": {"delay": 20.0, "dur": 100.0, "amp": 0.2},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 160.0,
}
CHANNELS = ("CaL_GHK", "AHP_De1994")


def main():
    # The pool registers first, so NEURON advances it before the gates (braincell's "family").
    nrnmech.load_mods(("CalciumFirstOrder",) + CHANNELS)
    h.usetable_hh = 0
    h.cao0_ca_ion = SCENARIO["cao_mM"]
    soma, stim = nrnmech.compartment(("hh", "CalciumFirstOrder") + CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "cai": seg._ref_cai, "ica": seg._ref_ica,
         "ghk_p": seg.CaL_GHK._ref_p, "ahp_p": seg.AHP_De1994._ref_p}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, peak cai %.3g mM, min ica %.3g mA/cm2" % (
        ((v[1:] >= 0) & (v[:-1] < 0)).sum(), out["cai"].max(), out["ica"].min()))


if __name__ == "__main__":
    main()
