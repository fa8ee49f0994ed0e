#!/usr/bin/python3
"""NEURON's side of `rtcell bench`: builds the same model as rtcell's bench and times its
fixed-step run (secondorder = 0, CVODE off, no recording), after finitialize.

usage: neuron_bench.py MODEL STEPS [CONNECTIONS.csv]
       MODEL: hh_cable | passive_cable | hh_compartment | population | calcium_cable | network
       (network reads its connections from CONNECTIONS.csv, written by rtcell bench --network)
prints one JSON line: {"model": ..., "wall_s": ..., "steps": ..., "cvs": ...}
Needs Debian's python3-neuron (and neuron-dev for calcium_cable, whose braincell mechanisms are
compiled from tests/validation/neuron/mod); rtcell's tests never call it.
"""
import json
import os
import sys
import time

from neuron import h

h.load_file("stdrun.hoc")


def hh_cable():
    sec = h.Section(name="cable")
    sec.L, sec.diam, sec.nseg, sec.Ra, sec.cm = 1000, 1, 1000, 100, 1
    sec.insert("hh")
    stim = h.IClamp(sec(0))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0.1
    return [sec, stim], 1000, 0.025


def passive_cable():
    sec = h.Section(name="cable")
    sec.L, sec.diam, sec.nseg, sec.Ra, sec.cm = 1000, 1, 1000, 100, 1
    sec.insert("pas")
    for seg in sec:
        seg.pas.g, seg.pas.e = 2.5e-5, -65
    stim = h.IClamp(sec(0))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0.1
    return [sec, stim], 1000, 0.05


def hh_compartment():
    sec = h.Section(name="soma")
    sec.L, sec.diam, sec.nseg = 20, 20, 1
    sec.insert("hh")
    stim = h.IClamp(sec(0.5))
    stim.delay, stim.dur, stim.amp = 5, 1e9, 0.15
    return [sec, stim], 1, 0.025


def population(n=100):
    keep = []
    for i in range(n):
        soma = h.Section(name="soma%d" % i)
        soma.L, soma.diam, soma.nseg = 20, 20, 1
        soma.insert("hh")
        dend = h.Section(name="dend%d" % i)
        dend.L, dend.diam, dend.nseg, dend.Ra = 200, 1, 21, 100
        dend.insert("pas")
        for seg in dend:
            seg.pas.g, seg.pas.e = 0.001, -65
        dend.connect(soma(1))
        stim = h.IClamp(soma(0.5))
        stim.delay, stim.dur, stim.amp = 5, 1e9, 0.1 + 0.2 * i / (n - 1)
        keep += [soma, dend, stim]
    return keep, 22 * n, 0.025


def network(path):
    """bench --network's network: the population's 100 ball-and-sticks, an ExpSyn (tau 2 ms,
    e 0 mV) at each dendrite's middle, and NetCons (threshold -10 mV at the soma) as listed in the
    CSV file rtcell wrote (pre, post, weight_uS, delay_ms; cell indices)."""
    keep, cvs, dt = population()
    somas, dends = keep[0::3], keep[1::3]
    syns = []
    for dend in dends:
        syn = h.ExpSyn(dend(0.5))
        syn.tau, syn.e = 2, 0
        syns.append(syn)
    with open(path) as f:
        next(f)
        for line in f:
            pre, post, w, d = line.strip().split(",")
            nc = h.NetCon(somas[int(pre)](0.5)._ref_v, syns[int(post)], sec=somas[int(pre)])
            nc.threshold, nc.weight[0], nc.delay = -10, float(w), float(d)
            keep.append(nc)
    return keep + syns, cvs, dt


def calcium_cable():
    here = os.path.dirname(os.path.abspath(__file__))
    neuron_dir = os.path.join(os.path.dirname(here), "tests", "validation", "neuron")
    sys.path.insert(0, neuron_dir)
    import nrnmech
    mods = os.path.join(neuron_dir, "mod")
    # The pool before the AHP gate: NEURON advances states in registration order.
    nrnmech.load([os.path.join(mods, m + ".mod")
                  for m in ("CalciumDetailed", "CaT_HM1992", "AHP_De1994", "HCN_HM1992")])
    sec = h.Section(name="cable")
    sec.L, sec.diam, sec.nseg, sec.Ra, sec.cm = 1000, 1, 200, 100, 1
    for m in ("hh", "CaT_HM1992", "CalciumDetailed", "AHP_De1994", "HCN_HM1992"):
        sec.insert(m)
    for seg in sec:
        seg.CaT_HM1992.g_max, seg.CaT_HM1992.V_sh = 0.01, 25
        seg.HCN_HM1992.g_max, seg.HCN_HM1992.E = 1e-4, -43
    h.cao0_ca_ion = 2
    stim = h.IClamp(sec(0))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0.1
    return [sec, stim], 200, 0.025


def main():
    model, steps = sys.argv[1], int(sys.argv[2])
    if model == "network":
        keep, cvs, dt = network(sys.argv[3])
    else:
        keep, cvs, dt = {"hh_cable": hh_cable, "passive_cable": passive_cable,
                         "hh_compartment": hh_compartment, "population": population,
                         "calcium_cable": calcium_cable}[model]()
    h.usetable_hh = 0
    h.celsius = 6.3
    h.secondorder = 0
    h.cvode_active(0)
    h.dt = dt
    h.steps_per_ms = 1.0 / dt
    h.v_init = -65
    h.finitialize(-65)
    t0 = time.perf_counter()
    h.continuerun(steps * dt)
    wall = time.perf_counter() - t0
    print(json.dumps({"model": model, "wall_s": wall, "steps": steps, "cvs": cvs}))


main()
