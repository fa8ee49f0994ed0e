#!/usr/bin/python3
"""A small dynamic-clamp bridge in Python (numpy + mmap) for rtcell's shared-memory block.

The block's layout is io/PROTOCOL.md "Shared-memory dynamic clamp". A bridge for a DAQ writes
each sample of the living cell's membrane potential and reads back the current to inject:

    from clamp_bridge import ClampBridge
    bridge = ClampBridge("/rtcell-clamp-hcn")      # rtcell run creates it
    bridge.write_sample(k, v_mV)                    # every period, k = 1, 2, ...
    cmd = bridge.wait_command(k)                    # or bridge.read_command() for the newest
    amplifier.set_current(cmd.i_nA)                 # positive depolarizes

Run as a program it plays a passive membrane (C dV/dt = -g (V - E) + I) in lockstep with the
kernel and writes t_ms,v_mV,i_nA,flags per period:

    /usr/bin/python3 tools/clamp_bridge.py /rtcell-clamp-hcn --samples 4000 --out trace.csv

Python adds tens of microseconds per period: for a rig at 20-40 kHz write the bridge in C or
C++ (tools/clamp/rig_bridge.cpp is the reference); this one is for slower loops and tests.
Debian's /usr/bin/python3 with python3-numpy.
"""
import argparse
import mmap
import os
import struct
import sys
import time
from collections import namedtuple

import numpy as np

MAGIC, VERSION, SIZE = 0x4C435452, 1, 256
STATES = ["starting", "waiting", "running", "paused", "held", "stopped"]
FLAGS = {"on": 1, "clipped": 2, "stale": 4, "watchdog": 8, "paused": 16, "stopped": 32,
         "fault": 64, "waiting": 128}
Command = namedtuple("Command", "step sample_index i_nA flags")


def flag_names(flags):
    return [name for name, bit in FLAGS.items() if flags & bit]


class ClampBridge:
    """The bridge's end of one rtcell clamp block: it writes the sample slot, reads the rest."""

    def __init__(self, name, timeout_s=10.0):
        path = "/dev/shm/" + name.lstrip("/")
        deadline = time.monotonic() + timeout_s
        while True:  # the kernel may still be starting
            try:
                fd = os.open(path, os.O_RDWR)
                try:
                    self.m = mmap.mmap(fd, SIZE)
                finally:
                    os.close(fd)
                if struct.unpack_from("<I", self.m, 0)[0] == MAGIC:
                    break
                self.m.close()
            except (FileNotFoundError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise ConnectionError("no rtcell clamp block %s; is rtcell run with this "
                                      "dynamic_clamp.shared_memory running?" % name)
            time.sleep(0.02)
        magic, version, size = struct.unpack_from("<III", self.m, 0)
        if version != VERSION or size != SIZE:
            raise ValueError("%s: block version %d, size %d; this bridge knows version %d, "
                             "size %d" % (name, version, size, VERSION, SIZE))
        self.dt_ms = struct.unpack_from("<d", self.m, 16)[0]
        self._seq = struct.unpack_from("<Q", self.m, 64)[0]

    def write_sample(self, index, v_mV):
        """Seqlocked write: odd sequence while writing, then even again."""
        self._seq += 1
        struct.pack_into("<Q", self.m, 64, self._seq)
        struct.pack_into("<Qd", self.m, 72, index, v_mV)
        self._seq += 1
        struct.pack_into("<Q", self.m, 64, self._seq)

    def read_command(self):
        """The newest command (a consistent copy), or None if rtcell was writing it on every
        try (a preempted reader retries; on a loaded machine that can take a while)."""
        for attempt in range(100000):
            if attempt and attempt % 100 == 0:
                time.sleep(0)  # let the writer finish
            s1 = struct.unpack_from("<Q", self.m, 128)[0]
            if s1 & 1:
                continue
            step, index, i_nA, flags = struct.unpack_from("<QQdI", self.m, 136)
            if struct.unpack_from("<Q", self.m, 128)[0] == s1:
                return Command(step, index, i_nA, flags)
        return None

    def wait_command(self, index, timeout_s=10.0):
        """The command computed from sample `index` (lockstep), or None after the time-out."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            c = self.read_command()
            if c is not None and c.sample_index == index:
                return c
            if self.state() == "stopped":
                return None
        return None

    def state(self):
        s = struct.unpack_from("<I", self.m, 12)[0]
        return STATES[s] if s < len(STATES) else "unknown"

    def counters(self):
        late, clipped, trips = struct.unpack_from("<QQQ", self.m, 24)
        return {"late_samples": late, "clipped": clipped, "watchdog_trips": trips}

    def close(self):
        self.m.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("name", help="the block's name, dynamic_clamp.shared_memory (/rtcell-...)")
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--area-um2", type=float, default=2827.0, help="membrane area [um2]")
    p.add_argument("--g-leak", type=float, default=1e-4, help="leak [S/cm2]")
    p.add_argument("--e-leak", type=float, default=-65.0, help="leak reversal [mV]")
    p.add_argument("--cm", type=float, default=1.0, help="specific capacitance [uF/cm2]")
    p.add_argument("--out", help="CSV of t_ms,v_mV,i_nA,flags")
    a = p.parse_args()
    bridge = ClampBridge(a.name)
    dt = bridge.dt_ms
    area_cm2 = a.area_um2 * 1e-8
    c_nF = a.cm * area_cm2 * 1e3          # uF/cm2 * cm2 = uF -> nF
    g_uS = a.g_leak * area_cm2 * 1e6      # S/cm2 * cm2 = S -> uS
    v = a.e_leak
    rows = np.zeros((a.samples, 4))
    for k in range(1, a.samples + 1):
        bridge.write_sample(k, v)
        c = bridge.wait_command(k)
        if c is None:
            print("clamp_bridge: no command for sample %d" % k, file=sys.stderr)
            return 1
        # Exact for a constant current over the period: V -> V_inf + (V - V_inf) e^(-dt g/C).
        v_inf = a.e_leak + c.i_nA / g_uS
        v = v_inf + (v - v_inf) * pow(2.718281828459045, -dt * g_uS / c_nF)
        rows[k - 1] = (k * dt, v, c.i_nA, c.flags)
    if a.out:
        np.savetxt(a.out, rows, fmt=["%.17g", "%.17g", "%.17g", "%d"], delimiter=",",
                   header="t_ms,v_mV,i_nA,flags", comments="")
    print("clamp_bridge: %d periods; kernel counters %s" % (len(rows), bridge.counters()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
