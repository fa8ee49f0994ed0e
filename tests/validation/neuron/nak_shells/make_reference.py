"""NEURON reference for scenario 'nak_shells': one HH compartment (20 um x 20 um, 6.3 degC)
with a potassium leak K_Leak, whose sodium and potassium currents fill and deplete thin
SodiumDetailed and PotassiumDetailed shells; ena and ek follow the shells by Nernst every step
(NEURON does so because the shells WRITE nai and ki). A long current step drives repetitive
firing, shifting ena and ek by a few mV. NMODL transcriptions in
tests/validation/neuron/mod/. Writes tests/validation/neuron/nak_shells/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/nak_shells/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by nak_shells.yaml beside this script).
SCENARIO = {
    "name": "nak_shells",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3},
    "K_Leak": {"g_max": 0.0002},
    "SodiumDetailed": {"d": 0.2, "tau": 200.0, "C_rest": 10.0, "Ci_init": 10.0},
    "PotassiumDetailed": {"d": 0.2, "tau": 200.0, "C_rest": 54.4, "Ci_init": 54.4},
    "nao_mM": 140.0, "ko_mM": 2.5,
    "IClamp": {"delay": 20.0, "dur": 150.0, "amp": 0.3},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 250.0,
}
POOLS = ("SodiumDetailed", "PotassiumDetailed")


def main():
    # The pools register first, so NEURON advances them before the gates (braincell's "family").
    nrnmech.load_mods(POOLS + ("K_Leak",))
    h.usetable_hh = 0
    h.nao0_na_ion, h.ko0_k_ion = SCENARIO["nao_mM"], SCENARIO["ko_mM"]
    soma, stim = nrnmech.compartment(("hh", "K_Leak") + POOLS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "nai": seg._ref_nai, "ki": seg._ref_ki, "ena": seg._ref_ena,
         "ek": seg._ref_ek, "ina": seg._ref_ina, "ik": seg._ref_ik, "hh_m": seg.hh._ref_m,
         "hh_h": seg.hh._ref_h, "hh_n": seg.hh._ref_n}, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d, ena %.3f..%.3f mV, ek %.3f..%.3f mV" % (
        ((v[1:] >= 0) & (v[:-1] < 0)).sum(), out["ena"].min(), out["ena"].max(),
        out["ek"].min(), out["ek"].max()))


if __name__ == "__main__":
    main()
