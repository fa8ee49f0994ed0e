"""NEURON reference for scenario 'sk_soma': one HH compartment (20 um x 20 um, 6.3 degC; the SK2
rates scale by q10^((6.3 - 23)/10)) with CaL_IS2008 feeding a CalciumDetailed pool that gates
the SK2 Markov channel (NEURON: KINETIC, METHOD sparse) and the CAN current, under a current
step.  NMODL transcriptions in tests/validation/neuron/mod/.  Writes
tests/validation/neuron/sk_soma/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/sk_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by sk_soma.yaml beside this script).
SCENARIO = {
    "name": "sk_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3},
    "ena": 50.0, "ek": -77.0, "cao_mM": 2.0,
    "CaL_IS2008": {"g_max": 0.003, "V_sh": 0.0},
    "SK2_So2007": {"g_max": 0.0003},
    "CaN_IS2008": {"g_max": 0.002, "E": 10.0, "phi": 1.0},
    "CalciumDetailed": {"d": 1.0, "tau": 5.0, "C_rest": 2.4e-4, "Ci_init": 2.4e-4},
    "IClamp": {"delay": 20.0, "dur": 200.0, "amp": 0.2},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 300.0,
}
CHANNELS = ("CaL_IS2008", "SK2_So2007", "CaN_IS2008")


def main():
    # The pool registers first, so NEURON advances it before the gates (braincell's "family").
    nrnmech.load_mods(("CalciumDetailed",) + CHANNELS)
    h.usetable_hh = 0
    h.cao0_ca_ion = SCENARIO["cao_mM"]
    soma, stim = nrnmech.compartment(("hh", "CalciumDetailed") + CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "cai": seg._ref_cai, "ica": seg._ref_ica,
         "sk_o1": seg.SK2_So2007._ref_o1, "sk_o2": seg.SK2_So2007._ref_o2,
         "sk_c1": seg.SK2_So2007._ref_c1, "can_p": seg.CaN_IS2008._ref_p}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, peak cai %.3g mM" % (((v[1:] >= 0) & (v[:-1] < 0)).sum(), out["cai"].max()))


if __name__ == "__main__":
    main()
