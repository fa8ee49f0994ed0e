#!/usr/bin/python3
"""Recordings read back with h5py (Debian's python3-h5py), as io/RECORDING.md describes them:
`rtcell sim --out run.h5` holds the same numbers as its CSV, with names, units, members,
locations, spikes and the configuration's text; `rtcell run --record run.h5` of a kernel
driven over ZeroMQ holds its probe frames, its spikes, the input events and the parameter
change it applied with their steps, and the timing summary. Waits for conditions with
generous time-outs, never for fixed times.

usage: test_recording.py RTCELL_BINARY REPO_ROOT      (run by ctest with /usr/bin/python3)
"""
import csv
import os
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

rtcell, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools"))
sys.path.insert(0, os.path.join(root, "tools", "python"))
from rtcell.client import Client  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import Checks, control_bound, zeromq_example  # noqa: E402

tmp = tempfile.mkdtemp(prefix="rtcell-rec-")
check = Checks()


def text(x):
    return x.decode() if isinstance(x, bytes) else x


# ---- rtcell sim --out run.h5 against its CSV ----
config = os.path.join(root, "config/examples/population_hh.yaml")
h5, out_csv = os.path.join(tmp, "sim.h5"), os.path.join(tmp, "sim.csv")
for out in (h5, out_csv):
    r = subprocess.run([rtcell, "sim", config, "--out", out], capture_output=True, text=True)
    check(r.returncode == 0, "rtcell sim --out " + out + ": " + r.stderr)
with open(out_csv) as f:
    rows = list(csv.reader(f))
csv_values = np.array([[float(x) for x in r[1:]] for r in rows[1:]])
with h5py.File(h5, "r") as f:
    check(text(f.attrs["format"]) == "rtcell recording", "the root says what the file is")
    check(int(f.attrs["format_version"]) == 1, "and its layout version")
    check(text(f.attrs["rtcell_version"]).count(".") == 2, "the rtcell version")
    check(text(f.attrs["command"]) == "sim", "the command")
    with open(config) as c:
        check(text(f["configuration"][0]) == c.read(), "the configuration's text, unchanged")
    names = [text(n) for n in f["traces/names"][:]]
    check(names == rows[0][1:], "column names as the CSV's header")
    values = f["traces/values"][:]
    check(values.shape == csv_values.shape, "rows x columns")
    check(np.max(np.abs(values - csv_values)) < 1e-6, "the CSV's numbers (to its 10 digits)")
    check(np.allclose(f["traces/t_ms"][:], [float(r[0]) for r in rows[1:]]), "times")
    dt = float(f.attrs["dt_ms"])
    check(np.array_equal(f["traces/step"][:], np.round(f["traces/t_ms"][:] / dt)),
          "each row's step")
    check(all(text(u) == "mV" for u in f["traces/units"][:]), "units per column")
    check(list(f["traces/member"][:]) == list(range(8)), "members per column")
    check(text(f["traces/location"][0]) == "(location 0 0.5)", "locations per column")
    check(text(f["traces/quantity"][0]) == "v", "quantity per column")
    with open(out_csv[:-4] + "_spikes.csv") as s:
        spikes_csv = list(csv.reader(s))[1:]
    check(len(f["spikes/t_ms"]) == len(spikes_csv) > 0, "every spike")
    check(np.allclose(sorted(f["spikes/t_ms"][:]), sorted(float(r[1]) for r in spikes_csv)),
          "spike times")
    dt = float(f.attrs["dt_ms"])
    check(all((s - 1) * dt < t <= s * dt + 1e-9
              for s, t in zip(f["spikes/step"][:], f["spikes/t_ms"][:])),
          "each spike's step is the one whose end reached threshold")

# ---- rtcell run --record, driven over ZeroMQ ----
config, ep = zeromq_example(root, tmp)
recording = os.path.join(tmp, "run.h5")
kernel = subprocess.Popen([rtcell, "run", config, "--duration", "600s", "--floor", "0s",
                           "--no-lock", "--record", recording],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    check(control_bound(tmp), "the kernel binds its control socket")
    client = Client(publish=ep["pub"], control=ep["ctl"])
    client.subscribe("spikes")
    client.control("set", target="stim.amp", value=0.25)
    spikes = sent = 0
    deadline = time.monotonic() + 60
    while (spikes < 3 or sent < 5) and time.monotonic() < deadline:
        client.send_events(ep["drive"], [(0, 0.05)])
        sent += 1
        for topic, body in client.messages(timeout=0.05, duration=0.05):
            spikes += len(body) if topic == "spikes" else 0
    check(spikes >= 3, "events make the cell fire")
    client.control("stop")
    out, err = kernel.communicate(timeout=120)
    check(kernel.returncode == 0, "rtcell run --record exits cleanly: " + err)
    check("recorded to " + recording in out, "the report says where it recorded")
finally:
    if kernel.poll() is None:
        kernel.kill()
with h5py.File(recording, "r") as f:
    check(text(f.attrs["command"]) == "run", "a run's recording")
    steps = f["traces/step"][:]
    check(len(steps) > 100, "probe frames recorded (%d rows)" % len(steps))
    check(np.all(np.diff(steps) == 4), "every io.voltage.every = 4 steps, none lost")
    check(f["traces/values"].shape == (len(steps), 2), "both probes")
    check(len(f["spikes/step"]) >= 3, "the spikes")
    synapses = [text(s) for s in f["inputs/synapses"][:]]
    n_inputs = len(f["inputs/step"])
    check(n_inputs == sent, "every input event applied (%d of %d)" % (n_inputs, sent))
    check(all(synapses[i] == "syn" for i in f["inputs/synapse"][:]), "to synapse syn")
    check(np.allclose(f["inputs/weight"][:], 0.05), "with their weights [uS]")
    check(np.all(np.diff(f["inputs/step"][:]) >= 0), "in step order")
    kinds = [text(k) for k in f["controls/kind"][:]]
    params = [text(p) for p in f["controls/parameters"][:]]
    k = kinds.index("set_parameter")
    check(params[f["controls/target"][k]] == "stim.amp", "the parameter change names its target")
    check(f["controls/value"][k] == 0.25, "and its value")
    check(f["controls/step"][k] >= 1, "and its step")
    check("stop" in kinds, "the stop request")
    check(f["timing"].attrs["steps"] >= steps[-1], "the timing summary")
    check(f.attrs["records_dropped"] == 0, "nothing dropped on the way to the file")
# ---- rtcell run --record of a network: names and members as its stream's, and its groups ----
config = os.path.join(root, "config/examples/networks/half_centre.yaml")
recording = os.path.join(tmp, "network.h5")
r = subprocess.run([rtcell, "run", config, "--duration", "1s", "--floor", "0s", "--no-lock",
                    "--priority", "0", "--threads", "1", "--record", recording],
                   capture_output=True, text=True, timeout=300)
check(r.returncode == 0, "rtcell run NETWORK --record exits cleanly: " + r.stderr)
check("recorded to " + recording in r.stdout, "the report says where it recorded")
with h5py.File(recording, "r") as f:
    check([text(n) for n in f["groups/name"][:]] == ["left", "right"], "the network's groups")
    check(list(f["groups/first_member"][:]) == [0, 1], "their first members")
    check(list(f["groups/members"][:]) == [1, 1], "their sizes")
    check([text(n) for n in f["traces/names"][:]] == ["left.v", "right.v"],
          "columns named by group, as in the stream")
    check(list(f["traces/member"][:]) == [0, 1], "columns numbered by network member")
    # Rows the loop's frame queue had to drop on a loaded machine leave gaps (the report counts
    # them); what is there is in step order, one row per step it kept.
    steps = f["traces/step"][:]
    check(len(steps) > 1000 and np.all(np.diff(steps) >= 1),
          "rows in step order (simulation.record_every = 1): %d" % len(steps))
    check(np.all(np.abs(f["traces/values"][:]) < 200), "voltages in mV")
    members = set(f["spikes/member"][:])
    check(len(f["spikes/step"]) > 0 and members <= {0, 1}, "spikes by network member")
    check(0 in members, "left, driven from 0 ms, fires in the first second")
    check("left: " in text(f["spikes"].attrs["detector"]), "each group's detector")
    check(f.attrs["records_dropped"] == 0, "nothing dropped on the way to the file")
check.finish()
