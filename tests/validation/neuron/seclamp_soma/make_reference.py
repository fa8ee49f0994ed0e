"""NEURON reference for scenario 'seclamp_soma': NEURON's SEClamp on an HH soma with a passive
dendrite. Three command levels (-70 mV for 5 ms, -10 mV for 10 ms, -80 mV for 5 ms) through a
series resistance of 5 MOhm, then the clamp lets go and the cell is free; the step to -10 mV
opens the sodium and potassium channels, so the clamp current shows their fast inward and slow
outward currents. Writes tests/validation/neuron/seclamp_soma/trace.csv (t_ms, v_soma, v_dend,
clamp_i) and scenario.json.

Needs NEURON (Debian: apt-get install python3-neuron):
    /usr/bin/python3 tests/validation/neuron/seclamp_soma/make_reference.py
"""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by seclamp_soma.yaml beside this script).
SCENARIO = {
    "name": "seclamp_soma",
    "morphology": "soma 20x20 um (nseg 1, hh); dend 200x2 um at soma(1) (nseg 5, pas); "
                  "Ra 100 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3, "ena": 50.0, "ek": -77.0},
    "pas": {"g": 1e-4, "e": -65.0},
    "SEClamp": {"dur1": 5.0, "amp1": -70.0, "dur2": 10.0, "amp2": -10.0, "dur3": 5.0,
                "amp3": -80.0, "rs": 5.0},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 40.0,
}


def main():
    soma, dend = nrnmech.hh_soma_pas_dendrite(SCENARIO)
    clamp = h.SEClamp(soma(0.5))
    for k, v in SCENARIO["SEClamp"].items():
        setattr(clamp, k, v)
    nrnmech.run_and_write({"v_soma": soma(0.5)._ref_v, "v_dend": dend(0.9)._ref_v,
                           "clamp_i": clamp._ref_i}, SCENARIO)


if __name__ == "__main__":
    main()
