"""Reference scenario 'ring_net' (made in this repository): a ring of five identical
ball-and-stick cells (nrnmech.hh_soma_pas_dendrite: HH soma, passive 5-segment dendrite), each
cell's soma driving the next cell's dendritic ExpSyn through a NetCon (threshold -10 mV, delay
5 ms, weight 0.05 uS); cell 0 is kicked by a 1 ms IClamp pulse, and the wave goes round the
ring. Records every soma's v, and the NetCons' spike times (fixed step: the grid time of the
first step end at or above threshold). Writes trace.csv, scenario.json and spikes.csv (cell,
t_ms). Run with Debian's /usr/bin/python3 (python3-neuron)."""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

SCENARIO = {
    "name": "ring_net", "dt_ms": 0.025, "tstop_ms": 120.0, "v_init_mV": -65.0, "celsius": 6.3,
    "cells": 5,
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3, "ena": 50.0, "ek": -77.0},
    "pas": {"g": 0.001, "e": -65.0},
    "synapse": {"at": "dend(0.5)", "tau_ms": 2.0, "e_mV": 0.0},
    "netcon": {"source": "soma(0.5)", "threshold_mV": -10.0, "delay_ms": 5.0, "weight_uS": 0.05},
    "kick": {"cell": 0, "at": "soma(0.5)", "delay": 1.0, "dur": 1.0, "amp": 1.0},
}


def main():
    cells, synapses, netcons, spikes = [], [], [], []
    for k in range(SCENARIO["cells"]):
        soma, dend = nrnmech.hh_soma_pas_dendrite(SCENARIO)
        syn = h.ExpSyn(dend(0.5))
        syn.tau, syn.e = SCENARIO["synapse"]["tau_ms"], SCENARIO["synapse"]["e_mV"]
        cells.append((soma, dend))
        synapses.append(syn)
    n = SCENARIO["netcon"]
    for k, (soma, _) in enumerate(cells):
        target = synapses[(k + 1) % len(cells)]
        nc = h.NetCon(soma(0.5)._ref_v, target, sec=soma)
        nc.threshold, nc.delay, nc.weight[0] = n["threshold_mV"], n["delay_ms"], n["weight_uS"]
        times = h.Vector()
        nc.record(times)
        netcons.append(nc)
        spikes.append(times)
    kick = SCENARIO["kick"]
    stim = h.IClamp(cells[kick["cell"]][0](0.5))
    stim.delay, stim.dur, stim.amp = kick["delay"], kick["dur"], kick["amp"]
    records = {f"v{k}": soma(0.5)._ref_v for k, (soma, _) in enumerate(cells)}
    nrnmech.run_and_write(records, SCENARIO)
    out = os.path.join(nrnmech.HERE, SCENARIO["name"], "spikes.csv")
    with open(out, "w") as f:
        f.write("cell,t_ms\n")
        for k, times in enumerate(spikes):
            for t in times:
                f.write(f"{k},{t:.10g}\n")
    print({k: list(t) for k, t in enumerate(spikes)})


if __name__ == "__main__":
    main()
