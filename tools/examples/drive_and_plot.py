#!/usr/bin/python3
"""Drive a synapse of a running rtcell kernel and plot its voltage live.

Start the kernel (in another terminal):
    build/rtcell run config/examples/zeromq_ball_and_stick.yaml --duration 60s
then (Debian's python3 has python3-zmq, python3-numpy and python3-matplotlib from the set-up):
    /usr/bin/python3 tools/examples/drive_and_plot.py                 # a live window
    /usr/bin/python3 tools/examples/drive_and_plot.py --save live.png # headless: a picture
    /usr/bin/python3 tools/examples/drive_and_plot.py --no-plot       # print only

Every 50 ms it sends an event of increasing weight to the synapse "syn" (input binding
"drive"). It reads every message as it comes, keeps the last --window of the first probe,
and draws it min/max-decimated to about 2000 points (so spikes never vanish between pixels) at
most 10 times a second, so drawing never holds up reading. It says when it falls behind the
kernel (the newest sample older than 0.5 s of the kernel's time) and when messages were missed.
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from rtcell.client import Client  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--publish", default="tcp://127.0.0.1:5556")
parser.add_argument("--control", default="tcp://127.0.0.1:5557")
parser.add_argument("--drive", default="tcp://127.0.0.1:5555")
parser.add_argument("--seconds", type=float, default=10)
parser.add_argument("--window", type=float, default=2000, help="ms of model time shown")
parser.add_argument("--no-plot", action="store_true")
parser.add_argument("--save", help="draw headless and save the last picture to this PNG")
args = parser.parse_args()


def decimate(t, v, points=2000):
    """Min and max of each of `points`/2 bins, in time order: peaks survive."""
    if len(t) <= points:
        return t, v
    bins = np.array_split(np.arange(len(t)), points // 2)
    tt, vv = [], []
    for b in bins:
        lo, hi = b[np.argmin(v[b])], b[np.argmax(v[b])]
        for i in sorted((lo, hi)):
            tt.append(t[i])
            vv.append(v[i])
    return np.array(tt), np.array(vv)


client = Client(publish=args.publish, control=args.control)
client.subscribe("voltage", "spikes")
try:
    meta = client.control("metadata")
except ConnectionError as e:
    sys.exit("drive_and_plot.py: %s" % e)
print("probes:", meta["probes"], "dt:", meta["dt_ms"], "ms")
keep = int(args.window / (meta["dt_ms"] * max(1, meta["frame_every_steps"])))

plot = None
if not args.no_plot:
    import matplotlib
    if args.save:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if not args.save:
        plt.ion()
    fig, ax = plt.subplots(figsize=(8, 4))
    line, = ax.plot([], [], lw=1)
    ax.set_xlabel("t (ms)")
    ax.set_ylabel(meta["probes"][0] + " (mV)")
    plot = (plt, fig, ax, line)

times, volts, spikes = np.zeros(0), np.zeros(0), []
start = time.time()
next_event, next_draw, warned = start, start, 0.0
first_model_t, first_wall = None, None
weight = 0.005
while time.time() - start < args.seconds:
    if time.time() >= next_event:
        client.send_events(args.drive, [(0, weight)])
        weight = min(weight * 1.05, 0.2)
        next_event += 0.05
    for topic, body in client.messages(timeout=0.005, duration=0.02):
        if topic == "voltage":
            t = body["t0_ms"] + body["dt_ms"] * np.arange(len(body["values"]))
            times = np.concatenate([times, t])[-keep:]
            volts = np.concatenate([volts, body["values"][:, 0]])[-keep:]
            if first_model_t is None:
                first_model_t, first_wall = t[0], time.time()
        elif topic == "spikes":
            spikes.extend(s["t_ms"] for s in body)
            print("spike at %.2f ms" % body[-1]["t_ms"])
    if first_model_t is not None and len(times):
        lag_ms = (time.time() - first_wall) * 1e3 - (times[-1] - first_model_t)
        if lag_ms > 500 and time.time() - warned > 2:
            print("behind the kernel by %.0f ms of its time" % lag_ms)
            warned = time.time()
    if plot and len(times) and time.time() >= next_draw:
        plt, fig, ax, line = plot
        line.set_data(*decimate(times, volts))
        ax.relim()
        ax.autoscale_view()
        if not args.save:
            plt.pause(0.001)
        next_draw = time.time() + 0.1
if plot and args.save:
    plot[1].savefig(args.save, dpi=100)
    print("wrote", args.save)
print("%d spikes, %d samples shown, %d messages missed" % (len(spikes), len(times), client.missed))
