#!/usr/bin/env python3
"""Drive a synapse of a running rtcell kernel and plot its voltage live.

Start the kernel (in another terminal):
    build/rtcell run config/examples/zeromq_ball_and_stick.yaml --duration 60s
then:
    python3 tools/examples/drive_and_plot.py            # add --no-plot to print instead

Every 50 ms it sends an event of increasing weight to the synapse "syn" (input binding
"drive"), and it plots the probe columns streamed on the "voltage" topic, marking spikes.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from rtcell_client import Client  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--publish", default="tcp://127.0.0.1:5556")
parser.add_argument("--control", default="tcp://127.0.0.1:5557")
parser.add_argument("--drive", default="tcp://127.0.0.1:5555")
parser.add_argument("--seconds", type=float, default=10)
parser.add_argument("--no-plot", action="store_true")
args = parser.parse_args()

client = Client(publish=args.publish, control=args.control)
client.subscribe("voltage", "spikes")
meta = client.control("metadata")
print("probes:", meta["probes"], "dt:", meta["dt_ms"], "ms")

plot = None
if not args.no_plot:
    import matplotlib.pyplot as plt
    plt.ion()
    fig, ax = plt.subplots()
    line, = ax.plot([], [])
    ax.set_xlabel("t (ms)")
    ax.set_ylabel(meta["probes"][0] + " (mV)")
    plot = (plt, ax, line)

times, volts, spikes = [], [], []
start = time.time()
next_event = start
weight = 0.005
while time.time() - start < args.seconds:
    if time.time() >= next_event:
        client.send_events(args.drive, [(0, weight)])
        weight = min(weight * 1.05, 0.2)
        next_event += 0.05
    for topic, body in client.messages(timeout=0.01, duration=0.05):
        if topic == "voltage":
            t = body["t0_ms"] + body["dt_ms"] * __import__("numpy").arange(len(body["values"]))
            times.extend(t)
            volts.extend(body["values"][:, 0])
        elif topic == "spikes":
            spikes.extend(s["t_ms"] for s in body)
            print("spike at %.2f ms" % body[-1]["t_ms"])
        if time.time() >= next_event:
            break
    if plot and times:
        plt, ax, line = plot
        line.set_data(times[-20000:], volts[-20000:])
        ax.relim()
        ax.autoscale_view()
        plt.pause(0.001)
print("%d spikes, %d samples, %d messages missed" % (len(spikes), len(times), client.missed))
