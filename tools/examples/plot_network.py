#!/usr/bin/env python3
"""Plots `rtcell sim NETWORK.yaml --out traces.csv`: each voltage column (<group>.<probe>) in a
panel of its own, with the group's spikes (traces_spikes.csv) as ticks above it.

    /usr/bin/python3 tools/examples/plot_network.py traces.csv picture.png [--until T_MS]

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib)."""
import argparse
import csv

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("traces")
    p.add_argument("picture")
    p.add_argument("--until", type=float, default=None, help="last time to show [ms]")
    a = p.parse_args()
    with open(a.traces) as f:
        names = f.readline().strip().split(",")
    data = np.loadtxt(a.traces, delimiter=",", skiprows=1, ndmin=2)
    t = data[:, 0]
    keep = t <= (a.until if a.until is not None else t[-1])
    spikes = {}
    with open(a.traces.rsplit(".", 1)[0] + "_spikes.csv") as f:
        for row in csv.DictReader(f):
            spikes.setdefault(row["group"], []).append(float(row["t_ms"]))
    fig, axes = plt.subplots(len(names) - 1, 1, sharex=True, figsize=(9, 1.8 * (len(names) - 1)))
    for ax, k in zip(np.atleast_1d(axes), range(1, len(names))):
        group = names[k].split(".")[0]
        ax.plot(t[keep], data[keep, k], lw=0.7, color="#1e3a8a")
        ticks = [s for s in spikes.get(group, []) if a.until is None or s <= a.until]
        ax.plot(ticks, np.full(len(ticks), 45.0), "|", color="#ef4444", ms=6)
        ax.set_ylabel(f"{names[k]}\n(mV)")
        ax.set_ylim(-95, 55)
    np.atleast_1d(axes)[-1].set_xlabel("t (ms)")
    fig.tight_layout()
    fig.savefig(a.picture, dpi=110)


if __name__ == "__main__":
    main()
