"""Reference scenario 'ei_net' (made in this repository): two cell types. Four excitatory
ball-and-stick cells E0..E3 (nrnmech.hh_soma_pas_dendrite) in a ring through dendritic ExpSyns
(e 0 mV, tau 2 ms; delay 3 ms, 0.05 uS); every E drives both inhibitory cells I0, I1 (one HH
compartment each, nrnmech.compartment; ExpSyn at the soma, e 0, tau 2; delay 2 ms, 0.02 uS);
every I inhibits every E (somatic ExpSyn, e -80 mV, tau 5 ms; delay 1.5 ms, 0.01 uS). E0 is
kicked by a 1 ms IClamp pulse. NetCon threshold -10 mV at each soma. Records every soma's v and
the spike times. Writes trace.csv, scenario.json and spikes.csv (cell, t_ms)."""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402

SCENARIO = {
    "name": "ei_net", "dt_ms": 0.025, "tstop_ms": 100.0, "v_init_mV": -65.0, "celsius": 6.3,
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3, "ena": 50.0, "ek": -77.0},
    "pas": {"g": 0.001, "e": -65.0},
    "IClamp": {"delay": 0.0, "dur": 0.0, "amp": 0.0},
    "E": {"cells": 4, "exc": {"at": "dend(0.5)", "tau": 2.0, "e": 0.0},
          "inh": {"at": "soma(0.5)", "tau": 5.0, "e": -80.0}},
    "I": {"cells": 2, "exc": {"at": "soma(0.5)", "tau": 2.0, "e": 0.0}},
    "E_to_E": {"pattern": "ring", "delay": 3.0, "weight": 0.05},
    "E_to_I": {"pattern": "all", "delay": 2.0, "weight": 0.02},
    "I_to_E": {"pattern": "all", "delay": 1.5, "weight": 0.01},
    "threshold_mV": -10.0,
    "kick": {"cell": "E0", "delay": 1.0, "dur": 1.0, "amp": 1.0},
}


def synapse(seg, spec):
    s = h.ExpSyn(seg)
    s.tau, s.e = spec["tau"], spec["e"]
    return s


def main():
    S = SCENARIO
    E, I = [], []
    for k in range(S["E"]["cells"]):
        soma, dend = nrnmech.hh_soma_pas_dendrite(S)
        E.append({"soma": soma, "dend": dend, "exc": synapse(dend(0.5), S["E"]["exc"]),
                  "inh": synapse(soma(0.5), S["E"]["inh"])})
    for k in range(S["I"]["cells"]):
        soma, _ = nrnmech.compartment(("hh",), dict(S, hh={k: v for k, v in S["hh"].items()
                                                            if k not in ("ena", "ek")}))
        I.append({"soma": soma, "exc": synapse(soma(0.5), S["I"]["exc"])})
    netcons = []

    def connect(pre, post_syn, spec):
        nc = h.NetCon(pre["soma"](0.5)._ref_v, post_syn, sec=pre["soma"])
        nc.threshold, nc.delay, nc.weight[0] = S["threshold_mV"], spec["delay"], spec["weight"]
        netcons.append(nc)

    for k, e in enumerate(E):
        connect(e, E[(k + 1) % len(E)]["exc"], S["E_to_E"])
        for i in I:
            connect(e, i["exc"], S["E_to_I"])
    for i in I:
        for e in E:
            connect(i, e["inh"], S["I_to_E"])
    names = [f"E{k}" for k in range(len(E))] + [f"I{k}" for k in range(len(I))]
    spikes = {}
    for name, cell in zip(names, E + I):
        probe = h.NetCon(cell["soma"](0.5)._ref_v, None, sec=cell["soma"])
        probe.threshold = S["threshold_mV"]
        spikes[name] = h.Vector()
        probe.record(spikes[name])
        netcons.append(probe)
    stim = h.IClamp(E[0]["soma"](0.5))
    stim.delay, stim.dur, stim.amp = S["kick"]["delay"], S["kick"]["dur"], S["kick"]["amp"]
    records = {f"v_{name}": cell["soma"](0.5)._ref_v for name, cell in zip(names, E + I)}
    nrnmech.run_and_write(records, S)
    with open(os.path.join(nrnmech.HERE, S["name"], "spikes.csv"), "w") as f:
        f.write("cell,t_ms\n")
        for k, name in enumerate(names):
            for t in spikes[name]:
                f.write(f"{k},{t:.10g}\n")
    print({n: [round(t, 3) for t in v] for n, v in spikes.items()})


if __name__ == "__main__":
    main()
