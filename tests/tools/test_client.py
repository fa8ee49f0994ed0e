#!/usr/bin/python3
"""End-to-end test of tools/rtcell_client.py against a real `rtcell run` over ipc sockets:
metadata and status over control, events that make the cell fire, a value that sets a
clamp, voltage frames and spikes received with no sequence gaps.

usage: test_client.py RTCELL_BINARY REPO_ROOT      (run by ctest; prints 'N passed, N failed')
"""
import os
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

tmp = tempfile.mkdtemp(prefix="rtcell-py-")
config, ep = zeromq_example(root, tmp)

# A long run, ended by the control socket's stop: a loaded machine must not end it first.
proc = subprocess.Popen([rtcell, "run", config, "--duration", "600s", "--floor", "0s", "--no-lock", "--report", "json"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
check = Checks()


try:
    check(control_bound(tmp), "the kernel binds its control socket")
    client = Client(publish=ep["pub"], control=ep["ctl"])
    client.subscribe("spikes", "voltage")
    meta = client.control("metadata")
    check(meta["probes"] == ["v_soma", "v_dend"], "metadata lists the probes")
    check(abs(meta["dt_ms"] - 0.025) < 1e-12, "metadata gives dt")
    try:
        client.control("set", target="nothing.here", value=1)
        check(False, "an unknown target is an error")
    except RuntimeError as e:
        check("unknown target" in str(e), "the error names the unknown target")
    spikes, rows = 0, 0
    deadline = time.monotonic() + 60  # until enough has arrived, however loaded the machine
    while (spikes < 5 or rows <= 1000) and time.monotonic() < deadline:
        client.send_events(ep["drive"], [(0, 0.05)])
        for topic, body in client.messages(timeout=0.05, duration=0.05):
            if topic == "spikes":
                spikes += len(body)
            elif topic == "voltage":
                rows += len(body["values"])
                check(body["values"].shape[1] == 2, "frames have one column per probe")
    check(spikes >= 5, "strong events make the cell fire (%d spikes)" % spikes)
    check(rows > 1000, "voltage frames arrive (%d rows)" % rows)
    client.send_values(ep["amp"], [(-1, 0.5)])
    # The first timing snapshot reaches the IO thread after snapshot_interval of loop ticks,
    # later on a loaded machine: wait for it (generously) instead of for a fixed time.
    deadline = time.monotonic() + 30
    status = client.control("status")
    while status["steps"] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
        status = client.control("status")
    check(status["steps"] > 0, "status reports steps")
    check(client.missed == 0, "no sequence gaps (%d missed)" % client.missed)
    # The live-plot example against the running kernel, headless: it reads, draws, saves.
    png = os.path.join(tmp, "live.png")
    r = subprocess.run(["/usr/bin/python3", os.path.join(root, "tools/examples/drive_and_plot.py"),
                        "--publish", ep["pub"], "--control", ep["ctl"], "--drive", ep["drive"],
                        "--seconds", "2", "--save", png], capture_output=True, text=True,
                       timeout=120)
    check(r.returncode == 0 and os.path.getsize(png) > 1000,
          "drive_and_plot.py --save draws headless: " + r.stderr[-300:])
    check("messages missed" in r.stdout, "and reports what it missed")
    client.control("stop")
    out, err = proc.communicate(timeout=60)
    check(proc.returncode == 0, "rtcell run exits cleanly: " + err)
    check('"spikes": ' in out, "the final report is JSON")
finally:
    if proc.poll() is None:
        proc.kill()
# Nothing answering: a clear sentence, not a traceback.
try:
    Client(control="ipc://%s/nobody" % tmp).control("status")
    check(False, "a dead control endpoint raises")
except ConnectionError as e:
    check(str(e) == "nothing answering on ipc://%s/nobody; is rtcell run running?" % tmp,
          "the error says what to do: " + str(e))
r = subprocess.run(["/usr/bin/python3", os.path.join(root, "tools/examples/drive_and_plot.py"),
                    "--control", "ipc://%s/nobody" % tmp, "--publish", "ipc://%s/none" % tmp,
                    "--no-plot"], capture_output=True, text=True, timeout=120)
check(r.returncode == 1 and "is rtcell run running?" in r.stderr and "Traceback" not in r.stderr,
      "the example says so too: " + r.stderr[-300:])
check.finish()
