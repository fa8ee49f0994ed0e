"""NEURON reference for scenario 'vclamp_soma': NEURON's VClamp (two-electrode clamp with its amplifier) on an HH soma with a passive
dendrite. Three command levels (-70 mV for 5 ms, -10 mV for 10 ms, -80 mV for 5 ms) with NEURON's
amplifier defaults but a slower amplifier (tau2 0.05 ms, rstim 2 MOhm) so that its dynamics
show, then the clamp lets go and the cell is free; the clamp current shows the sodium and
potassium currents. Writes tests/validation/neuron/vclamp_soma/trace.csv (t_ms, v_soma, v_dend,
clamp_i) and scenario.json.

Needs NEURON (Debian: apt-get install python3-neuron):
    /usr/bin/python3 tests/validation/neuron/vclamp_soma/make_reference.py
"""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by vclamp_soma.yaml beside this script).
SCENARIO = {
    "name": "vclamp_soma",
    "morphology": "soma 20x20 um (nseg 1, hh); dend 200x2 um at soma(1) (nseg 5, pas); "
                  "Ra 100 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3, "ena": 50.0, "ek": -77.0},
    "pas": {"g": 1e-4, "e": -65.0},
    "VClamp": {"dur": [5.0, 10.0, 5.0], "amp": [-70.0, -10.0, -80.0], "gain": 1e5,
               "rstim": 2.0, "tau1": 0.001, "tau2": 0.05, "fac": 0.0},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 40.0,
}


def main():
    soma, dend = nrnmech.hh_soma_pas_dendrite(SCENARIO)
    clamp = h.VClamp(soma(0.5))
    for k, v in SCENARIO["VClamp"].items():
        if isinstance(v, list):
            for j, x in enumerate(v):
                getattr(clamp, k)[j] = x
        else:
            setattr(clamp, k, v)
    nrnmech.run_and_write({"v_soma": soma(0.5)._ref_v, "v_dend": dend(0.9)._ref_v,
                           "clamp_i": clamp._ref_i}, SCENARIO)


if __name__ == "__main__":
    main()
