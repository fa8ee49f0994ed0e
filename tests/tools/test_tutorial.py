#!/usr/bin/python3
"""The README's tutorial, run as written: its YAML saved as bs.yaml, then each command of its
shell blocks (with build/rtcell → this build's binary, /usr/bin/python3 kept, and the tcp
endpoints moved to ipc in a scratch folder so that parallel tests cannot collide). The real-time
run is started in the background and stopped over its control socket once `rtcell listen` has
seen the spikes that `rtcell send`'s events cause. Waits for conditions, never fixed times.

usage: test_tutorial.py RTCELL_BINARY REPO_ROOT      (run by ctest with /usr/bin/python3)
"""
import os
import re
import subprocess
import sys
import time

rtcell, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(root, "tools"))
sys.path.insert(0, os.path.join(root, "tools", "python"))
from rtcell.client import Client  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import Checks, wait_for  # noqa: E402

import tempfile  # noqa: E402

tmp = tempfile.mkdtemp(prefix="rtcell-tutorial-")
check = Checks()


with open(os.path.join(root, "README.md")) as f:
    readme = f.read()
tutorial = readme[readme.index("## Tutorial"):readme.index("\n## ", readme.index("## Tutorial") + 1)]
ports = {"tcp://127.0.0.1:%d" % p: "ipc://%s/p%d" % (tmp, p) for p in (5555, 5556, 5557)}


def localize(text):
    for a, b in ports.items():
        text = text.replace(a, b)
    return text


yaml = re.findall(r"```yaml\n(.*?)```", tutorial, re.S)
check(len(yaml) == 1, "the tutorial has one configuration")
with open(os.path.join(tmp, "bs.yaml"), "w") as f:
    f.write(localize(yaml[0]))
commands = [line.split("#")[0].strip() for block in re.findall(r"```sh\n(.*?)```", tutorial, re.S)
            for line in block.splitlines() if line.strip()]
inline = re.findall(r"`(build/rtcell (?:check|vis) [^`]*)`", tutorial.replace("\n", " "))
check(any("check" in c for c in inline) and any("vis" in c for c in inline),
      "the check and vis commands are in the text")


def argv(command):
    parts = localize(command).split()
    return [rtcell if p == "build/rtcell" else p for p in parts]


def run(command, **kw):
    r = subprocess.run(argv(command), cwd=tmp, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, PYTHONPATH=root), **kw)
    check(r.returncode == 0, "%s: exit %d %s" % (command, r.returncode, r.stderr[-500:]))
    return r


def script(command):  # the tutorial's scripts live in the repository
    return command.replace("tools/examples/", os.path.join(root, "tools/examples/"))


for c in inline:
    run(" ".join(c.split()))
check(os.path.exists(os.path.join(tmp, "bs_cell.png")) or
      os.path.exists(os.path.join(tmp, "bs_cell.svg")), "vis drew the cell")
kernel = listen = None
for c in commands:
    if c.startswith("build/rtcell sim"):
        r = run(c)
        check('"spikes_per_member": [' in r.stdout, "sim ends with its JSON line")
        check(os.path.exists(os.path.join(tmp, "bs_spikes.csv")), "the spikes beside the traces")
    elif c.startswith("/usr/bin/python3"):
        run(script(c))
        check(os.path.getsize(os.path.join(tmp, "bs.png")) > 1000, "the plot was drawn")
    elif c.startswith("build/rtcell run"):
        kernel = subprocess.Popen(argv(c.replace("--duration 20s", "--duration 600s")), cwd=tmp,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        check(wait_for(lambda: os.path.exists("%s/p5557" % tmp)), "the kernel binds control")
    elif c.startswith("build/rtcell listen"):
        listen = subprocess.Popen(argv(c.replace("--count 5", "--count 5 --timeout 120s")),
                                  cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
    elif c.startswith("build/rtcell send"):
        deadline = time.monotonic() + 120
        while listen.poll() is None and time.monotonic() < deadline:
            run(c)
        out, err = listen.communicate(timeout=60)
        check(listen.returncode == 0 and out.count("spike step") == 5,
              "listen saw 5 spikes: " + out[-300:] + err[-300:])
    else:
        check(False, "a tutorial command this test does not know: " + c)
if kernel is not None:
    Client(control=ports["tcp://127.0.0.1:5557"]).control("stop")
    out, err = kernel.communicate(timeout=120)
    check(kernel.returncode == 0, "the real-time run ends cleanly: " + err[-300:])
    check(os.path.getsize(os.path.join(tmp, "bs_run.h5")) > 0, "and recorded")
else:
    check(False, "the tutorial runs the cell in real time")
check.finish()
