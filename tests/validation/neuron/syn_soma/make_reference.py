"""NEURON reference for scenario 'syn_soma': one HH compartment (20 um x 20 um, 6.3 degC) with
braincell's kinetic synapses: an AMPA burst (5 events), a GABAa pair, and two NMDA synapses,
one with the magnesium block and one without, each driven by events at fixed times (NetCon
events, weight = braincell's pre for the step). NMODL forms in
tests/validation/neuron/mod/. Writes tests/validation/neuron/syn_soma/.

Needs NEURON (Debian: apt-get install python3-neuron neuron-dev):
    /usr/bin/python3 tests/validation/neuron/syn_soma/make_reference.py
"""
from neuron import h

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

# The scenario (mirrored by syn_soma.yaml beside this script).
SCENARIO = {
    "name": "syn_soma",
    "morphology": "one cylinder, L = diam = 20 um, nseg 1, Ra 35.4 ohm cm, cm 1 uF/cm2",
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3},
    "ena": 50.0, "ek": -77.0,
    "IClamp": {"delay": 0.0, "dur": 0.0, "amp": 0.0},
    "synapses": {
        "ampa": {"mechanism": "AMPA", "params": {"g_max": 1.0}, "weight": 1.0,
                 "events_ms": [10.0, 11.0, 12.0, 13.0, 14.0]},
        "gaba": {"mechanism": "GABAa", "params": {"g_max": 1.0}, "weight": 2.0,
                 "events_ms": [40.0, 41.0]},
        "nmda": {"mechanism": "NMDA", "params": {"g_max": 0.05, "mg": 1.2}, "weight": 1.0,
                 "events_ms": [70.0, 71.0, 72.0]},
        "nmda0": {"mechanism": "NMDA", "params": {"g_max": 0.01, "mg": 0.0}, "weight": 1.0,
                  "events_ms": [120.0, 121.0]},
    },
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 200.0,
}


def main():
    nrnmech.load_mods(("AMPA", "GABAa", "NMDA"))
    h.usetable_hh = 0
    soma, stim = nrnmech.compartment(("hh",), SCENARIO)
    seg = soma(0.5)
    synapses, netcons = {}, []
    for name, s in SCENARIO["synapses"].items():
        syn = getattr(h, s["mechanism"])(seg)
        for k, v in s["params"].items():
            setattr(syn, k, v)
        nc = h.NetCon(None, syn)
        nc.weight[0] = s["weight"]
        synapses[name] = syn
        netcons.append((nc, s["events_ms"]))

    def queue_events():
        for nc, times in netcons:
            for te in times:
                nc.event(te)

    fih = h.FInitializeHandler(queue_events)  # noqa: F841 (kept alive through the run)
    records = {"v_soma": seg._ref_v}
    for name, syn in synapses.items():
        records[name + "_g"] = syn._ref_g
        records[name + "_i"] = syn._ref_i
    records["nmda_x"] = synapses["nmda"]._ref_x
    out = nrnmech.run_and_write(records, SCENARIO)
    v = out["v_soma"]
    print("spikes: %d; peaks g: %s; v range %.2f..%.2f" % (
        ((v[1:] >= 0) & (v[:-1] < 0)).sum(),
        {k: round(float(out[k + "_g"].max()), 4) for k in synapses}, v.min(), v.max()))


if __name__ == "__main__":
    main()
