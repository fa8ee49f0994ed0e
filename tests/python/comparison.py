"""The metrics of shared/tools/compare_traces.py (and tests/support/trace_compare.hpp): the
candidate interpolated onto the reference's times; spikes as interpolated upward crossings."""
import numpy as np


def read_csv(path):
    with open(path) as f:
        names = f.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return data[:, 0], {n: data[:, k] for k, n in enumerate(names) if k > 0}


def interpolated_difference(t_ref, v_ref, t, v):
    inside = (t_ref >= t[0] - 1e-12) & (t_ref <= t[-1] + 1e-12)
    return np.abs(np.interp(t_ref[inside], t, v) - v_ref[inside])


def crossings(t, v, threshold=0.0):
    k = np.nonzero((v[:-1] < threshold) & (v[1:] >= threshold))[0]
    return t[k] + (threshold - v[k]) * (t[k + 1] - t[k]) / (v[k + 1] - v[k])
