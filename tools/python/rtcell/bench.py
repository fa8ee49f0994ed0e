"""`/usr/bin/python3 -m rtcell.bench [--quick] [--json]`: what Python costs over C++.

For each `rtcell bench` model (tools/bench_command.cpp, built here through the Python API, with a
voltage probe so that the traces cross into NumPy), the same Cell::run is timed twice in one
process: inside C++ with nothing crossing into Python (the C++ side), and as `cell.run(dt=,
duration=)` from Python, returning braincell's (time, traces). Best of five each, interleaved, after a warm-up;
the ratio is the Python overhead. Then the cost per step of a Python callable bound as an input.
"""
import argparse
import json
import time

import rtcell
from rtcell import mech


def _cable(n_cvs):
    m = rtcell.Morphology.from_branches([{"name": "cable", "type": "basal_dendrite",
                                          "samples": [(0, 0, 0, 1), (1000, 0, 0, 1)]}], name="cable")
    return rtcell.Cell(m, cv_policy=rtcell.CVPerBranch(n_cvs), V_init=-65)


def _soma(**kw):
    m = rtcell.Morphology.from_branches([{"name": "soma", "type": "soma",
                                          "samples": [(0, 0, 0, 20), (20, 0, 0, 20)]}], name="soma")
    return rtcell.Cell(m, V_init=-65, **kw)


def _ball_and_stick(pop):
    m = rtcell.Morphology.from_branches([
        {"name": "soma", "type": "soma", "samples": [(0, 0, 0, 20), (20, 0, 0, 20)]},
        {"name": "dend", "type": "basal_dendrite", "parent": "soma",
         "samples": [(20, 0, 0, 1), (220, 0, 0, 1)]}], name="ball_and_stick")
    return rtcell.Cell(m, pop_size=(pop,), V_init=-65,
                       cv_policy=rtcell.CVPerBranchList({"soma": 1, "dend": 21}))


def hh_cable():
    c = _cable(1000)
    c.paint("(all)", rtcell.CableProperties(cm=1.0, Ra=100.0, celsius=6.3), mech.hh())
    return c.place("(location 0 0)", mech.IClamp(name="stim", dur=1e9, amp=0.1), mech.Probe("v"))


def passive_cable():
    c = _cable(1000)
    c.paint("(all)", rtcell.CableProperties(cm=1.0, Ra=100.0, celsius=6.3), mech.pas(g=2.5e-5, e=-65))
    return c.place("(location 0 0)", mech.IClamp(name="stim", dur=1e9, amp=0.1), mech.Probe("v"))


def hh_compartment():
    c = _soma()
    c.paint("(all)", mech.hh())
    return c.place("(location 0 0.5)", mech.IClamp(name="stim", delay=5, dur=1e9, amp=0.15),
                   mech.Probe("v"))


def population():
    c = _ball_and_stick(100)
    c.paint("(all)", rtcell.CableProperties(cm=1.0, Ra=100.0, celsius=6.3))
    c.paint("(tag 1)", mech.hh())
    c.paint("(tag 3)", mech.pas(g=0.001, e=-65))
    return c.place('(location "soma" 0.5)',
                   mech.IClamp(name="stim", delay=5, dur=1e9, amp={"from": 0.1, "to": 0.3}),
                   mech.Probe("v"))


def calcium_cable():
    c = _cable(200)
    c.paint("(all)", rtcell.CableProperties(cm=1.0, Ra=100.0, celsius=6.3), mech.hh(),
            mech.CaT_HM1992(g_max=0.01, V_sh=25.0), mech.CalciumDetailed(T=6.3),
            mech.AHP_De1994(), mech.HCN_HM1992(g_max=1e-4, E=-43.0))
    return c.place("(location 0 0)", mech.IClamp(name="stim", dur=1e9, amp=0.1), mech.Probe("v"))


MODELS = [("hh_cable", hh_cable, 0.025, 4000), ("passive_cable", passive_cable, 0.05, 5000),
          ("hh_compartment", hh_compartment, 0.025, 400000), ("population", population, 0.025, 2000),
          ("calcium_cable", calcium_cable, 0.025, 4000)]


def measure(build, dt, steps):
    cell = build()
    cell.run(dt=dt, duration=200 * dt)  # initializes and warms up
    duration = steps * dt
    cpp, py = float("inf"), float("inf")
    for _ in range(5):
        cell.reset_state()
        cpp = min(cpp, cell._native.time_run(dt, duration))
        cell.reset_state()
        t0 = time.perf_counter()
        cell.run(dt=dt, duration=duration)
        py = min(py, time.perf_counter() - t0)
    return cpp, py


def callable_cost(steps):
    """us per step that a Python callable input adds over a constant input of the same value."""
    def build(source):
        c = hh_compartment()
        c.place("(location 0 0.5)", mech.ExpSyn(name="syn"))
        return c.bind_synapse_input("syn", source)
    walls = []
    for source in (0.0, lambda: 0.0):
        cell = build(source)
        cell.run(dt=0.025, duration=5)
        best = float("inf")
        for _ in range(3):
            cell.reset_state()
            best = min(best, cell._native.time_run(0.025, steps * 0.025))
        walls.append(best)
    return (walls[1] - walls[0]) / steps * 1e6


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m rtcell.bench", description=__doc__.split("\n\n")[1])
    p.add_argument("--quick", action="store_true", help="a tenth of the steps")
    p.add_argument("--json", action="store_true")
    a = p.parse_args(argv)
    scale = 10 if a.quick else 1
    rows = []
    for name, build, dt, steps in MODELS:
        cpp, py = measure(build, dt, steps // scale)
        rows.append({"model": name, "steps": steps // scale, "cpp_s": cpp, "python_s": py,
                     "overhead_pct": 100 * (py / cpp - 1)})
    cost = callable_cost(40000 // scale)
    if a.json:
        print(json.dumps({"models": rows, "callable_input_us_per_step": cost}, indent=1))
        return 0
    print("| model | steps | C++ Cell::run | Python cell.run | Python costs |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['model']} | {r['steps']} | {r['cpp_s'] * 1e3:.1f} ms | "
              f"{r['python_s'] * 1e3:.1f} ms | {r['overhead_pct']:+.1f} % |")
    print(f"\nA Python callable bound as an input adds {cost:.2f} us per step.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
