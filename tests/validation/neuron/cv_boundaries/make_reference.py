"""NEURON reference for scenario 'cv_boundaries': everything placed exactly on a boundary
between two CVs (x = k/nseg), where NEURON's node_index takes the distal CV (i = floor(nseg*x),
clamped to nseg - 1).  An HH soma with an HH axon of 4 CVs probed at 0.25, 0.5 and 0.75 and a
spike detector at axon(0.75); a passive dendrite of 2 CVs driven by an IClamp at dend(0.5); a
side branch attached at dend(0.5) with an ExpSyn at side(1/3) and a probe at side(2/3).
Writes tests/validation/neuron/cv_boundaries/trace.csv, scenario.json and detector_spikes.csv
(the detector's spike times, NetCon threshold 0 mV).

Needs NEURON (Debian: apt-get install python3-neuron):
    /usr/bin/python3 tests/validation/neuron/cv_boundaries/make_reference.py
"""
import os
import sys

from neuron import h

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import nrnmech  # noqa: E402  (tests/validation/neuron/nrnmech.py)

HH = {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3}
# The scenario (mirrored by cv_boundaries.yaml beside this script).
SCENARIO = {
    "name": "cv_boundaries",
    "morphology": "soma 20x20 um (nseg 1, hh); axon 400x1 um at soma(1) (nseg 4, hh); "
                  "dend 200x2 um at soma(1) (nseg 2, pas); side 100x1 um at dend(0.5) "
                  "(nseg 3, pas); Ra 100 ohm cm, cm 1 uF/cm2",
    "hh": dict(HH, ena=50.0, ek=-77.0),
    "pas": {"g": 1e-4, "e": -65.0},
    "IClamp": {"loc": "dend(0.5)", "delay": 2.0, "dur": 2.0, "amp": 1.0},
    "ExpSyn": {"loc": "side(1/3)", "tau": 2.0, "e": 0.0, "weight_uS": 0.05,
               "events_ms": [20.0, 22.0, 24.0]},
    "detector": {"loc": "axon(0.75)", "threshold_mV": 0.0},
    "v_init_mV": -65.0, "celsius": 6.3, "dt_ms": 0.025, "tstop_ms": 40.0,
}


def section(name, L, diam, nseg, mech, parent=None, parent_x=1.0):
    s = h.Section(name=name)
    s.L, s.diam, s.nseg, s.Ra, s.cm = L, diam, nseg, 100.0, 1.0
    s.insert(mech)
    for seg in s:
        for k, v in SCENARIO[mech].items():
            if k in ("ena", "ek"):
                setattr(seg, k, v)
            else:
                setattr(getattr(seg, mech), k, v)
    if parent is not None:
        s.connect(parent(parent_x), 0)
    return s


def main():
    h.usetable_hh = 0  # exact rates, as rtcell computes them
    soma = section("soma", 20.0, 20.0, 1, "hh")
    axon = section("axon", 400.0, 1.0, 4, "hh", soma)
    dend = section("dend", 200.0, 2.0, 2, "pas", soma)
    side = section("side", 100.0, 1.0, 3, "pas", dend, 0.5)
    stim = h.IClamp(dend(0.5))
    for k in ("delay", "dur", "amp"):
        setattr(stim, k, SCENARIO["IClamp"][k])
    syn = h.ExpSyn(side(1.0 / 3))
    syn.tau, syn.e = SCENARIO["ExpSyn"]["tau"], SCENARIO["ExpSyn"]["e"]
    source = h.NetCon(None, syn)
    source.weight[0] = SCENARIO["ExpSyn"]["weight_uS"]
    h.load_file("stdrun.hoc")
    events = h.FInitializeHandler(
        lambda: [source.event(t) for t in SCENARIO["ExpSyn"]["events_ms"]])
    detector = h.NetCon(axon(0.75)._ref_v, None, sec=axon)
    detector.threshold = SCENARIO["detector"]["threshold_mV"]
    spikes = h.Vector()
    detector.record(spikes)
    records = {
        "v_soma": soma(0.5)._ref_v,
        "v_axon_25": axon(0.25)._ref_v,
        "v_axon_50": axon(0.5)._ref_v,
        "v_axon_75": axon(0.75)._ref_v,
        "v_dend_50": dend(0.5)._ref_v,
        "v_side_33": side(1.0 / 3)._ref_v,
        "v_side_67": side(2.0 / 3)._ref_v,
        "v_side_100": side(1.0)._ref_v,
        "syn_i": syn._ref_i,
    }
    nrnmech.run_and_write(records, SCENARIO)
    path = os.path.join(nrnmech.HERE, SCENARIO["name"], "detector_spikes.csv")
    with open(path, "w") as f:
        f.write("spike_ms\n" + "".join("%.10g\n" % t for t in spikes))
    del events
    print("detector spikes:", list(spikes))


if __name__ == "__main__":
    main()
