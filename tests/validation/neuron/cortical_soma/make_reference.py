"""NEURON reference for scenario 'cortical_soma': one compartment (20 um x 20 um) with the
cortical channel set of Mainen & Sejnowski (1996) -- Na, Kv, Km, KCa, HVA Ca and the
submembrane calcium pool cad -- written to NMODL for rtcell from the paper's equations
(tests/validation/nmodl/classic/*.mod), plus a leak; a 0.3 nA step gives adapting spikes, the
calcium pool fills and the KCa current follows it. rtcell runs the same .mod files through
`rtcell nmodl build` (tests/validation/test_nmodl_validation.cpp).

Writes tests/validation/neuron/cortical_soma/trace.csv and scenario.json. Needs NEURON
(Debian: apt-get install python3-neuron neuron-dev), run with Debian's interpreter:
    /usr/bin/python3 tests/validation/neuron/cortical_soma/make_reference.py
The pool is registered first, so that NEURON advances it before the KCa gate within a step
(rtcell's default ion_channel_update_order "family").
"""
import os
import sys

from neuron import h

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

CLASSIC = os.path.join(HERE, "..", "..", "nmodl", "classic")
ORDER = ["Cad_MS1996", "Na_MS1996", "Kv_MS1996", "Km_MS1996", "CaHVA_MS1996", "KCa_MS1996"]

# The scenario (mirrored by cortical_soma.yaml beside this script); densities in pS/um2.
SCENARIO = {
    "name": "cortical_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "pas": {"g": 3e-5, "e": -70.0},
    "Na_MS1996": {"gbar": 1000.0},
    "Kv_MS1996": {"gbar": 300.0},
    "Km_MS1996": {"gbar": 20.0},
    "CaHVA_MS1996": {"gbar": 3.0},
    "KCa_MS1996": {"gbar": 30.0},
    "Cad_MS1996": {"depth": 0.1, "taur": 200.0},
    "ena": 60.0, "ek": -90.0,
    "IClamp": {"delay": 20.0, "dur": 200.0, "amp": 0.3},
    "v_init_mV": -70.0, "celsius": 37.0, "dt_ms": 0.025, "tstop_ms": 300.0,
}


def main():
    nrnmech.load([os.path.join(CLASSIC, n + ".mod") for n in ORDER])
    h.cao0_ca_ion = 2.0
    soma, _ = nrnmech.compartment(["pas"] + ORDER, SCENARIO)
    seg = soma(0.5)
    out = nrnmech.run_and_write(
        {"v_soma": seg._ref_v, "cai": seg._ref_cai, "eca": seg._ref_eca,
         "na_m": seg.Na_MS1996._ref_m, "na_h": seg.Na_MS1996._ref_h,
         "kv_n": seg.Kv_MS1996._ref_n, "km_n": seg.Km_MS1996._ref_n,
         "ca_m": seg.CaHVA_MS1996._ref_m, "ca_h": seg.CaHVA_MS1996._ref_h,
         "kca_n": seg.KCa_MS1996._ref_n}, SCENARIO)
    v = out["v_soma"]
    spikes = sum(1 for k in range(1, len(v)) if v[k - 1] < 0 <= v[k])
    print("spikes: %d, peak cai %.3g mM" % (spikes, out["cai"].max()))


if __name__ == "__main__":
    main()
