"""NEURON reference for scenario 'k_soma': one compartment (20 um x 20 um) with a leak, Bazhenov's
sodium and delayed rectifier at their own temperature 40 degC (phi = 3^0.4), the slowly
inactivating IK2a and the M current (KK2A_HM1992, KNI_Ya1989), under a long current step: spike
frequency adaptation from the slow potassium currents.  Writes
tests/validation/neuron/k_soma/.

Na_Ba2002 and KDR_Ba2002 use Na_TM1991's and K_TM1991's formulas (braincell's, too), so NEURON
runs those .mod files with V_sh and phi set to the Bazhenov values, while rtcell runs
Na_Ba2002 and KDR_Ba2002 with T = 40 degC: the comparison checks their temperature factor.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/k_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

PHI = 3.0 ** ((40.0 - 36.0) / 10.0)

# The scenario (mirrored by k_soma.yaml beside this script).
SCENARIO = {
    "name": "k_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "pas": {"g": 5e-5, "e": -70.0},
    "Na_TM1991": {"g_max": 0.09, "V_sh": -50.0, "phi": PHI},
    "K_TM1991": {"g_max": 0.01, "V_sh": -50.0, "phi": PHI},
    "KK2A_HM1992": {"g_max": 0.0005, "V_sh": 0.0, "phi_p": 2.0, "phi_q": 1.0},
    "KNI_Ya1989": {"g_max": 0.0002, "tau_max": 400.0, "V_sh": 0.0, "phi_p": 1.0},
    "ena": 50.0, "ek": -90.0,
    "IClamp": {"delay": 20.0, "dur": 400.0, "amp": 0.2},
    "v_init_mV": -70.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 450.0,
}
CHANNELS = ("Na_TM1991", "K_TM1991", "KK2A_HM1992", "KNI_Ya1989")


def main():
    nrnmech.load_mods(CHANNELS)
    soma, stim = nrnmech.compartment(("pas",) + CHANNELS, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "kdr_p": seg.K_TM1991._ref_p, "k2a_p": seg.KK2A_HM1992._ref_p,
         "k2a_q": seg.KK2A_HM1992._ref_q, "kni_p": seg.KNI_Ya1989._ref_p}, SCENARIO)
    v, t = out["v_soma"], out["t_ms"]
    up = t[1:][(v[1:] >= 0) & (v[:-1] < 0)]
    print("spikes: %d; first intervals %s; last %s" % (len(up), list(up[1:4] - up[:3]), list(up[-3:] - up[-4:-1])))


if __name__ == "__main__":
    main()
