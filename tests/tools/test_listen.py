#!/usr/bin/python3
"""End-to-end test of `rtcell listen --csv` against a real `rtcell run` over ipc sockets: the
CSV has a header naming the probes, its step column advances by io.voltage.every (4), the
spikes go to a second file, and SIGTERM (as Ctrl-C) ends listen with both files flushed.
Waits for conditions with generous time-outs, never for fixed times.

usage: test_listen.py RTCELL_BINARY REPO_ROOT      (run by ctest with /usr/bin/python3)
"""
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time

rtcell, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools"))
sys.path.insert(0, os.path.join(root, "tools", "python"))
from rtcell.client import Client  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import Checks, control_bound, zeromq_example  # noqa: E402

tmp = tempfile.mkdtemp(prefix="rtcell-listen-")
config, ep = zeromq_example(root, tmp)
out_csv = os.path.join(tmp, "frames.csv")
check = Checks()


kernel = subprocess.Popen([rtcell, "run", config, "--duration", "600s", "--floor", "0s",
                           "--no-lock", "--report", "json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
listen = None
try:
    check(control_bound(tmp), "the kernel binds control")
    client = Client(control=ep["ctl"])
    listen = subprocess.Popen([rtcell, "listen", ep["pub"], "--topics", "voltage", "--csv",
                               out_csv, "--timeout", "120s"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Events that make the cell fire, until listen has printed some voltage messages.
    seen = 0
    deadline = time.monotonic() + 60
    while seen < 20 and time.monotonic() < deadline:
        client.send_events(ep["drive"], [(0, 0.05)])
        line = listen.stdout.readline()
        seen += line.startswith("voltage steps")
    check(seen >= 20, "listen prints voltage messages line by line (%d)" % seen)
    listen.send_signal(signal.SIGTERM)
    tail, err = listen.communicate(timeout=60)
    check(listen.returncode == 0, "listen ends cleanly on SIGTERM: " + err)
    check("stopped by SIGTERM" in tail, "listen says what stopped it")
    with open(out_csv) as f:
        rows = list(csv.reader(f))
    check(rows and rows[0] == ["step", "t_ms", "v_soma", "v_dend"], "a header names the probes")
    steps = [int(r[0]) for r in rows[1:]]
    check(len(steps) >= 20 * 25, "the rows listen printed were written (%d)" % len(steps))
    check(all(b - a == 4 for a, b in zip(steps, steps[1:])),
          "the step column advances by io.voltage.every = 4")
    check(all(len(r) == 4 for r in rows[1:]), "every row is complete")
    times = [float(r[1]) for r in rows[1:]]
    check(all(abs(t - s * 0.025) < 1e-6 for s, t in zip(steps, times)), "t_ms = step x dt")
    with open(out_csv[:-4] + "_spikes.csv") as f:
        spikes = list(csv.reader(f))
    check(spikes[0] == ["step", "t_ms", "member"], "spikes go to a second file with a header")
    # A second listener ends by itself when the kernel's stream ends. The kernel sends its
    # metadata on subscription, so its first line says the subscriptions are in.
    second = subprocess.Popen([rtcell, "listen", ep["pub"], "--topics", "metadata,end",
                               "--timeout", "120s"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first_line = second.stdout.readline()
    check(first_line.startswith("metadata: "), "metadata at once on subscribing: " + first_line)
    client.control("stop")
    kernel.communicate(timeout=60)
    check(kernel.returncode == 0, "rtcell run exits cleanly")
    tail2, _ = second.communicate(timeout=180)
    check(second.returncode == 0 and "the kernel's stream ended" in tail2,
          "the second listener ends with the stream: " + tail2[-300:])
finally:
    for p in (kernel, listen):
        if p is not None and p.poll() is None:
            p.kill()
check.finish()
