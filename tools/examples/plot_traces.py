#!/usr/bin/python3
"""Plot the probe traces of `rtcell sim` into a PNG, headless (Debian: python3-matplotlib).

    /usr/bin/python3 tools/examples/plot_traces.py traces.csv            # writes traces.png
    /usr/bin/python3 tools/examples/plot_traces.py run.h5 --out run.png  # an HDF5 recording

A CSV has t_ms first, then one column per probe; its spikes (traces_spikes.csv, when present)
are marked on the time axis. A recording (io/RECORDING.md) gives the units of each column.
"""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    names = rows[0][1:]
    t = [float(r[0]) for r in rows[1:]]
    columns = {n: [float(r[k + 1]) for r in rows[1:]] for k, n in enumerate(names)}
    spikes = []
    spikes_path = os.path.splitext(path)[0] + "_spikes.csv"
    if os.path.exists(spikes_path):
        with open(spikes_path) as f:
            spikes = [float(r[1]) for r in list(csv.reader(f))[1:]]
    return t, columns, {n: "" for n in names}, spikes


def read_h5(path):
    import h5py
    with h5py.File(path, "r") as f:
        names = [n.decode() for n in f["traces/names"][:]]
        units = [u.decode() for u in f["traces/units"][:]]
        values = f["traces/values"][:]
        return (list(f["traces/t_ms"][:]), {n: values[:, k] for k, n in enumerate(names)},
                dict(zip(names, units)), list(f["spikes/t_ms"][:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("traces", help="a CSV from rtcell sim --out, or an .h5 recording")
    parser.add_argument("--out", help="the PNG to write (default: beside the input)")
    args = parser.parse_args()
    if not os.path.exists(args.traces):
        sys.exit("plot_traces.py: %s: no such file; run rtcell sim CONFIG --out %s first"
                 % (args.traces, args.traces))
    read = read_h5 if args.traces.endswith((".h5", ".hdf5")) else read_csv
    t, columns, units, spikes = read(args.traces)
    fig, ax = plt.subplots(figsize=(8, 4))
    for name, values in columns.items():
        ax.plot(t, values, label=name + (" [%s]" % units[name] if units[name] else ""), lw=1)
    if spikes:
        ax.plot(spikes, [ax.get_ylim()[0]] * len(spikes), "|", color="k", ms=12, label="spikes")
    ax.set_xlabel("t [ms]")
    ax.legend(loc="upper right", fontsize=8)
    out = args.out or os.path.splitext(args.traces)[0] + ".png"
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    print("wrote", out)


if __name__ == "__main__":
    main()
