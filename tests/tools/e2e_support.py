"""What the end-to-end Python tests share (test_client, test_listen, test_recording,
test_tutorial; run with Debian's /usr/bin/python3): counting checks, waiting for a condition
with a generous time-out (never a fixed sleep), and the shipped ZeroMQ example moved onto ipc
endpoints in a scratch folder, at normal priority, so that parallel tests cannot collide."""
import os
import sys
import time


class Checks:
    """Counts passed and failed checks; finish() prints 'N passed, N failed' and exits."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED:", what)

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def wait_for(condition, seconds=60):
    """Polls `condition` until it holds or `seconds` pass; returns whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def zeromq_example(root, tmp):
    """config/examples/zeromq_ball_and_stick.yaml with its endpoints on ipc:// paths in `tmp`
    (keys pub, ctl, drive, amp) and priority 0; returns (config path, endpoints)."""
    ep = {k: "ipc://%s/%s" % (tmp, k) for k in ("pub", "ctl", "drive", "amp")}
    with open(os.path.join(root, "config/examples/zeromq_ball_and_stick.yaml")) as f:
        text = f.read()
    for port, key in ((5556, "pub"), (5557, "ctl"), (5555, "drive"), (5558, "amp")):
        text = text.replace("tcp://127.0.0.1:%d" % port, ep[key])
    config = os.path.join(tmp, "cell.yaml")
    with open(config, "w") as f:
        f.write(text.replace("priority: 80", "priority: 0"))
    return config, ep


def control_bound(tmp):
    """Waits until the kernel of zeromq_example(…, tmp) has bound its control socket."""
    return wait_for(lambda: os.path.exists(os.path.join(tmp, "ctl")))
