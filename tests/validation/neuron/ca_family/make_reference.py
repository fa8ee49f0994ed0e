"""NEURON reference for scenario 'ca_family': one HH compartment (20 um x 20 um, 6.3 degC) with
braincell's calcium channels CaT_HP1992, CaL_IS2008 and CaHT_Re1993 (own temperature 36 degC)
feeding a CalciumDetailed pool, whose Nernst E_Ca they all follow, under a current step.
NMODL transcriptions in tests/validation/neuron/mod/ (the pool's is the shared one).
Writes tests/validation/neuron/ca_family/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/ca_family/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by ca_family.yaml beside this script).
SCENARIO = {
    "name": "ca_family",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3},
    "ena": 50.0, "ek": -77.0, "cao_mM": 2.0,
    "CaT_HP1992": {"g_max": 0.002, "V_sh": -3.0},
    "CaL_IS2008": {"g_max": 0.002, "V_sh": 0.0},
    "CaHT_Re1993": {"g_max": 0.004, "V_sh": 0.0},
    "CalciumDetailed": {"d": 1.0, "tau": 5.0, "C_rest": 2.4e-4, "Ci_init": 2.4e-4},
    "IClamp": {"delay": 20.0, "dur": 80.0, "amp": 0.15},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 150.0,
}
CHANNELS = ("CaT_HP1992", "CaL_IS2008", "CaHT_Re1993")


def main():
    # The pool registers first, so NEURON advances it before the gates (braincell's "family").
    nrnmech.load_mods(("CalciumDetailed",) + CHANNELS)
    h.usetable_hh = 0
    h.cao0_ca_ion = SCENARIO["cao_mM"]
    soma, stim = nrnmech.compartment(("hh", "CalciumDetailed") + CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "cai": seg._ref_cai, "ica": seg._ref_ica,
         "cat_p": seg.CaT_HP1992._ref_p, "cat_q": seg.CaT_HP1992._ref_q,
         "cal_p": seg.CaL_IS2008._ref_p, "cal_q": seg.CaL_IS2008._ref_q,
         "caht_p": seg.CaHT_Re1993._ref_p, "caht_q": seg.CaHT_Re1993._ref_q}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, peak cai %.3g mM" % (((v[1:] >= 0) & (v[:-1] < 0)).sum(), out["cai"].max()))


if __name__ == "__main__":
    main()
