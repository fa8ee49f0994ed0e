#!/usr/bin/python3
"""Plots dynamic-clamp traces written by `rtcell rig --out` (t_ms,v_mV,i_nA,flags): the living
cell's voltage above, the injected current below, one line per file.

usage: plot_clamp.py OUT.png LABEL=FILE.csv [LABEL=FILE.csv ...]
Debian's /usr/bin/python3 with python3-matplotlib; draws headless.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(8, 5),
                                      gridspec_kw={"height_ratios": [3, 1]})
    for arg in sys.argv[2:]:
        label, path = arg.split("=", 1)
        with open(path) as f:
            rows = list(csv.DictReader(f))
        t = [float(r["t_ms"]) for r in rows]
        top.plot(t, [float(r["v_mV"]) for r in rows], label=label, lw=1)
        bottom.plot(t, [float(r["i_nA"]) for r in rows], label=label, lw=1)
    top.set_ylabel("living cell V [mV]")
    bottom.set_ylabel("command [nA]")
    bottom.set_xlabel("t [ms]")
    top.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main())
