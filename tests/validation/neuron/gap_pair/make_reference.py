"""Reference scenario 'gap_pair' (made in this repository): two ball-and-stick cells
(nrnmech.hh_soma_pas_dendrite) joined soma to soma by an ohmic gap junction of 0.01 uS, built
with ParallelContext source_var/target_var and the half-gap mechanism mod/HalfGap.mod, so each
side's current g*(v - v_partner) is implicit in its own v and explicit in the partner's v from
the start of the step. Cell A gets an IClamp step (0.5 nA, 5-45 ms) and fires; B is driven
only through the junction, and through the tip of its dendrite a second, weaker junction to A's
dendrite tip (0.002 uS) couples the dendrites. Records both somas and both dendrite tips, and
each junction side's current. Writes trace.csv, scenario.json and spikes.csv (cell, t_ms)."""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402

SCENARIO = {
    "name": "gap_pair", "dt_ms": 0.025, "tstop_ms": 60.0, "v_init_mV": -65.0, "celsius": 6.3,
    "hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3, "ena": 50.0, "ek": -77.0},
    "pas": {"g": 0.001, "e": -65.0},
    "junctions": [{"a": "A.soma(0.5)", "b": "B.soma(0.5)", "g_uS": 0.01},
                  {"a": "A.dend(1)", "b": "B.dend(1)", "g_uS": 0.002}],
    "IClamp": {"cell": "A", "at": "soma(0.5)", "delay": 5.0, "dur": 40.0, "amp": 0.5},
    "threshold_mV": -10.0,
}


def main():
    S = SCENARIO
    nrnmech.load_mods(("HalfGap",))
    pc = h.ParallelContext()
    a_soma, a_dend = nrnmech.hh_soma_pas_dendrite(S)
    b_soma, b_dend = nrnmech.hh_soma_pas_dendrite(S)
    sites = [(a_soma(0.5), b_soma(0.5), S["junctions"][0]["g_uS"]),
             (a_dend(1.0), b_dend(1.0), S["junctions"][1]["g_uS"])]
    halves, gid = [], 0
    for seg_a, seg_b, g in sites:
        for here, there in ((seg_a, seg_b), (seg_b, seg_a)):
            half = h.HalfGap(here)
            half.g = g
            pc.source_var(here._ref_v, gid, sec=here.sec)  # this side's v, as gid
            pc.target_var(half, half._ref_vgap, gid + 1 if here is seg_a else gid - 1)
            halves.append(half)
            gid += 1
    pc.setup_transfer()
    stim = h.IClamp(a_soma(0.5))
    stim.delay, stim.dur, stim.amp = S["IClamp"]["delay"], S["IClamp"]["dur"], S["IClamp"]["amp"]
    spikes = {}
    probes = []
    for name, soma in (("A", a_soma), ("B", b_soma)):
        nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
        nc.threshold = S["threshold_mV"]
        spikes[name] = h.Vector()
        nc.record(spikes[name])
        probes.append(nc)
    records = {"v_a_soma": a_soma(0.5)._ref_v, "v_b_soma": b_soma(0.5)._ref_v,
               "v_a_tip": a_dend(1.0)._ref_v, "v_b_tip": b_dend(1.0)._ref_v,
               "i_gap_a": halves[0]._ref_i, "i_gap_b": halves[1]._ref_i}
    nrnmech.run_and_write(records, S)
    with open(os.path.join(nrnmech.HERE, S["name"], "spikes.csv"), "w") as f:
        f.write("cell,t_ms\n")
        for k, name in enumerate(("A", "B")):
            for t in spikes[name]:
                f.write(f"{k},{t:.10g}\n")
    print({n: [round(t, 3) for t in v] for n, v in spikes.items()})


if __name__ == "__main__":
    main()
