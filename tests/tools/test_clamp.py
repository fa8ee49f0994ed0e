#!/usr/bin/python3
"""End-to-end test of the shared-memory dynamic clamp with real processes:
  1. `rtcell run` of the HCN example and `rtcell rig` (the C++ bridge, lockstep) give, period
     for period, the same trace as `rtcell rig --in-process` (the same loop in one process);
  2. when the rig stops, the kernel's watchdog zeroes the output, and it is counted;
  3. a second kernel on the same block name is refused while the first runs;
  4. the Python bridge (tools/clamp_bridge.py) against a live membrane with a known artificial
     leak: each command equals g·A·(E − V) of its sample, clipped at the limit and counted;
     pause over ZeroMQ zeroes the output and resume restores it;
  5. SIGTERM stops the kernel: the last command is zero with the stopped flag, the block goes;
  6. samples over ZeroMQ (a samples binding): each frame echoes the sample's index beside the
     command computed from it;
  7. a model neuron coupled to the live membrane, samples over ZeroMQ: the metadata has the
     groups model and live, `list` and `set` reach the live membrane's parameters (the command
     follows), and the living cell's threshold crossing comes out as a spike of group live;
  8. two rig channels (a live membrane of two members, a conductance each, a gap junction
     between them) on two shared-memory blocks, each with its Python bridge: each channel's
     command is its own cell's plus the junction's; the report counts each channel;
  9. the same two channels over ZeroMQ, a sample's member naming its channel.
Waits for conditions with generous time-outs, never for fixed times.

usage: test_clamp.py RTCELL_BINARY REPO_ROOT      (run by ctest with /usr/bin/python3)
"""
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile

rtcell, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools"))
sys.path.insert(0, os.path.join(root, "tools", "python"))
from clamp_bridge import FLAGS, ClampBridge  # noqa: E402
from rtcell.client import Client  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import Checks, wait_for  # noqa: E402

tmp = tempfile.mkdtemp(prefix="rtcell-clamp-")
check = Checks()
examples = os.path.join(root, "config/examples/clamp")
living = os.path.join(examples, "living_cell.yaml")
tag = "%d" % os.getpid()
SAMPLES = 4000


def clamp_config(text_from, name, extra=""):
    with open(os.path.join(examples, text_from)) as f:
        text = f.read()
    text = text.replace("shared_memory: /rtcell-clamp-hcn", "shared_memory: /" + name)
    path = os.path.join(tmp, name + ".yaml")
    with open(path, "w") as f:
        f.write(text + extra)
    return path


def kernel(config):
    return subprocess.Popen([rtcell, "run", config, "--duration", "600s", "--floor", "0s",
                             "--no-lock", "--report", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def rows(path):
    with open(path) as f:
        return list(csv.reader(f))


def zmq_samples_tail(publish, control, samples):
    """The end of a clamp configuration whose samples come over ZeroMQ: the io section (every
    step's frame, one row a message) and a short simulation."""
    return """realtime: {priority: 0}
io:
  publish: "%s"
  control: "%s"
  voltage: {every: 1, rows_per_message: 1}
  inputs: [{name: samples, kind: samples, endpoint: "%s"}]
simulation: {dt: 0.05 ms, duration: 100 ms}
""" % (publish, control, samples)


def await_row(client, matches):
    """Reads voltage frames until a row for which matches(row) is true; that row, or None
    when none came within the time-outs."""
    for topic, body in client.messages(timeout=10.0, duration=60):
        if topic != "voltage":
            continue
        for row in body["values"]:
            if matches(row):
                return row
    return None


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    return proc.communicate(timeout=120)


# ---- 1–3, 5: the HCN example through the C++ rig ----
hcn_name = "rtcell-test-hcn-" + tag
hcn = clamp_config("hcn.yaml", hcn_name)
a = kernel(hcn)
try:
    check(wait_for(lambda: os.path.exists("/dev/shm/" + hcn_name)), "the kernel creates the block")
    shm_csv, direct_csv = os.path.join(tmp, "shm.csv"), os.path.join(tmp, "direct.csv")
    rig = subprocess.run([rtcell, "rig", living, "--shm", "/" + hcn_name, "--samples",
                          str(SAMPLES), "--out", shm_csv], capture_output=True, text=True,
                         timeout=300)
    check(rig.returncode == 0, "the rig runs against the kernel: " + rig.stdout + rig.stderr)
    ref = subprocess.run([rtcell, "rig", living, "--in-process", hcn, "--samples", str(SAMPLES),
                          "--out", direct_csv], capture_output=True, text=True, timeout=300)
    check(ref.returncode == 0, "the in-process reference runs: " + ref.stderr)
    through, direct = rows(shm_csv), rows(direct_csv)
    check(len(through) == SAMPLES + 1, "one row per period (%d)" % len(through))
    check(through == direct, "the trace through shared memory equals the in-process one")
    flags = {int(r[3]) for r in through[1:]}
    check(flags <= {FLAGS["on"], FLAGS["on"] | FLAGS["clipped"]},
          "every command was fresh (flags %s)" % sorted(flags))
    check(any(abs(float(r[2])) > 0.05 for r in through[1:]), "the HCN current is injected")

    bridge = ClampBridge("/" + hcn_name)
    check(wait_for(lambda: bridge.read_command().flags & FLAGS["watchdog"], 120),
          "with the rig gone, the watchdog zeroes the output")
    check(bridge.read_command().i_nA == 0.0, "zero after the watchdog")
    check(bridge.counters()["watchdog_trips"] == 1, "one watchdog trip counted")

    second = subprocess.run([rtcell, "run", hcn, "--duration", "1s", "--floor", "0s",
                             "--no-lock"], capture_output=True, text=True, timeout=120)
    check(second.returncode == 1 and "in use by another running rtcell" in second.stderr,
          "a second kernel on the same block is refused: " + second.stderr)

    out, err = stop(a)
    check(a.returncode == 0, "the kernel stops cleanly on SIGTERM: " + err)
    last = bridge.read_command()
    check(last.i_nA == 0.0 and last.flags == FLAGS["stopped"], "the last command is a stop")
    check(bridge.state() == "stopped", "the block says stopped")
    check(not os.path.exists("/dev/shm/" + hcn_name), "the block is removed")
    report = json.loads(out)
    check(report["rtcell"]["clamp"]["watchdog_trips"] == 1, "the report counts the trip")
    check(report["rtcell"]["clamp"]["last_sample"] == SAMPLES, "the report has the last sample")
    bridge.close()
finally:
    if a.poll() is None:
        a.kill()

# ---- 4: the Python bridge against a known artificial leak, with pause and resume ----
leak_name = "rtcell-test-leak-" + tag
ctl = "ipc://%s/ctl" % tmp
leak = os.path.join(tmp, "leak.yaml")
with open(leak, "w") as f:
    f.write("""name: leak
live_membrane: {area: 1000 um2}
paint:
  - {region: (all), mechanism: pas, params: {g: 0.0002 S/cm2, e: -20 mV}}
dynamic_clamp: {shared_memory: /%s, current_limit: 0.05 nA, watchdog: 0, wait_for_sample: 5 s}
realtime: {priority: 0}
io: {control: "%s"}
simulation: {dt: 0.05 ms, duration: 100 ms}
""" % (leak_name, ctl))
b = kernel(leak)
try:
    bridge = ClampBridge("/" + leak_name, timeout_s=60)
    g_uS = 0.0002 * 1000 * 1e-2  # S/cm2 * um2 -> uS
    worst, clipped = 0.0, 0
    for k in range(1, 401):
        v = -80.0 + 0.2 * k  # -79.8 .. 0 mV
        bridge.write_sample(k, v)
        c = bridge.wait_command(k, 60)
        if c is None:
            check(False, "a command for sample %d" % k)
            break
        expected = g_uS * (-20.0 - v)
        if abs(expected) > 0.05:
            expected = 0.05 if expected > 0 else -0.05
            clipped += 1
            check(c.flags == FLAGS["on"] | FLAGS["clipped"], "flagged clipped at %g mV" % v)
        worst = max(worst, abs(c.i_nA - expected))
    check(worst < 1e-12, "every command is g·A·(E − V), clipped (worst %g nA)" % worst)
    check(clipped > 0 and bridge.counters()["clipped"] == clipped,
          "clipped commands are counted (%d)" % clipped)

    client = Client(control=ctl)
    reply = client.control("pause")
    check(reply.get("ok"), "pause is accepted: %s" % reply)
    k = 401
    bridge.write_sample(k, -60.0)
    check(wait_for(lambda: (bridge.read_command().flags & FLAGS["paused"]) != 0, 60),
          "paused: the command says so")
    check(bridge.read_command().i_nA == 0.0, "zero while paused")
    check(client.control("resume").get("ok"), "resume is accepted")
    k += 1
    bridge.write_sample(k, -30.0)
    resumed = bridge.wait_command(k, 60)
    check(resumed is not None and resumed.flags == FLAGS["on"] and
          abs(resumed.i_nA - g_uS * 10.0) < 1e-12, "resumed: the current comes back: %s" %
          (resumed,))
    stop(b)
    check(b.returncode == 0, "the second kernel stops cleanly")
finally:
    if b.poll() is None:
        b.kill()

# ---- 6: samples over ZeroMQ, the command in the per-step frames with the sample's index ----
zmq_cfg = os.path.join(tmp, "zmq.yaml")
ep = {k: "ipc://%s/%s" % (tmp, k) for k in ("pub", "ctl3", "samples")}
with open(zmq_cfg, "w") as f:
    f.write("""name: zmq_clamp
live_membrane: {area: 1000 um2}
paint:
  - {region: (all), mechanism: pas, params: {g: 0.0002 S/cm2, e: -20 mV}}
dynamic_clamp: {current_limit: 1 nA, watchdog: 0, wait_for_sample: 5 s}
""" + zmq_samples_tail(ep["pub"], ep["ctl3"], ep["samples"]))
c = kernel(zmq_cfg)
try:
    check(wait_for(lambda: os.path.exists(os.path.join(tmp, "ctl3"))), "the ZeroMQ kernel binds")
    client = Client(publish=ep["pub"], control=ep["ctl3"])
    client.subscribe("voltage", "metadata")
    names = None
    for topic, body in client.messages(timeout=10.0, duration=60):
        if topic == "metadata":
            names = body["probes"]
            break
    check(names is not None and "clamp.sample" in names, "metadata lists the clamp's probes")
    i_sample, i_cmd = names.index("clamp.sample"), names.index("clamp.I_cmd")
    g_uS = 0.0002 * 1000 * 1e-2
    matched, worst = 0, 0.0
    for k in range(1, 21):
        v = -70.0 + k
        client.send_samples(ep["samples"], [(1000 + k, v)])
        row = await_row(client, lambda r: int(r[i_sample]) == 1000 + k)
        if row is not None:
            worst = max(worst, abs(row[i_cmd] - g_uS * (-20.0 - v)))
            matched += 1
    check(matched == 20, "every sample's index comes back in a frame (%d of 20)" % matched)
    check(worst < 1e-12, "beside the command computed from it (worst %g nA)" % worst)
    stop(c)
    check(c.returncode == 0, "the ZeroMQ kernel stops cleanly")
finally:
    if c.poll() is None:
        c.kill()

# ---- 7: a coupled model neuron; the live membrane's parameters and crossings over ZeroMQ ----
cpl_cfg = os.path.join(tmp, "coupled_zmq.yaml")
ep = {k: "ipc://%s/%s" % (tmp, k) for k in ("pub4", "ctl4", "samples4")}
with open(cpl_cfg, "w") as f:
    f.write("""name: zmq_coupled
morphology:
  branches:
    - {name: soma, type: soma, points_um: [[0, 0, 0, 20], [20, 0, 0, 20]]}
cell: {V_init: -70 mV}
paint:
  - {region: (all), mechanism: pas, params: {g: 0.0001 S/cm2, e: -70 mV}}
place:
  - {locset: (location "soma" 0.5), mechanism: ExpSyn, name: from_living,
     params: {tau: 3 ms, e: 0 mV}}
probes:
  - {name: v_model, locset: (location "soma" 0.5)}
dynamic_clamp:
  current_limit: 5 nA
  watchdog: 0
  wait_for_sample: 5 s
  live_membrane:
    area: 1000 um2
    refractory: 2 ms
    cell: {V_th: -20 mV}
    paint:
      - {region: (all), mechanism: pas, params: {g: 0.0002 S/cm2, e: -20 mV}}
  synapses:
    - {onto_model: from_living, weight: 0.004 uS}
""" + zmq_samples_tail(ep["pub4"], ep["ctl4"], ep["samples4"]))
d = kernel(cpl_cfg)
try:
    check(wait_for(lambda: os.path.exists(os.path.join(tmp, "ctl4"))), "the coupled kernel binds")
    client = Client(publish=ep["pub4"], control=ep["ctl4"])
    client.subscribe("voltage", "metadata", "spikes")
    meta = None
    for topic, body in client.messages(timeout=10.0, duration=60):
        if topic == "metadata":
            meta = body
            break
    check(meta is not None and meta.get("members") == 2 and
          [(g["name"], g["first_member"], g["members"]) for g in meta.get("groups", [])] ==
          [("model", 0, 1), ("live", 1, 1)], "metadata: groups model and live (%s)" %
          (meta and meta.get("groups")))
    check([i["kind"] for i in meta.get("inputs", [])] == ["samples"],
          "metadata: the binding's kind is samples: %s" % meta.get("inputs"))
    listed = client.control("list")
    check("live.pas.g" in listed.get("parameters", []) and "pas.g" in listed["parameters"],
          "list names the live membrane's parameters: %s" % listed.get("parameters"))
    check(listed.get("parameter_units", {}).get("live.pas.g") == "S/cm2",
          "with their units")
    names = meta["probes"]
    i_sample, i_cmd = names.index("clamp.sample"), names.index("clamp.I_cmd")

    def command_for(index, v):
        """Sends sample `index` and returns (command, spikes of group live seen meanwhile)."""
        client.send_samples(ep["samples4"], [(index, v)])
        live_spikes = []
        for topic, body in client.messages(timeout=10.0, duration=60):
            if topic == "spikes":
                live_spikes += [s for s in body if s["group"] == 1]
            if topic != "voltage":
                continue
            for row in body["values"]:
                if int(row[i_sample]) == index:
                    return row[i_cmd], live_spikes
        return None, live_spikes

    # 1000 um2 x 0.0002 S/cm2 = 0.002 uS towards -20 mV: at -50 mV, 0.06 nA into the cell.
    cmd, _ = command_for(1, -50.0)
    check(cmd is not None and abs(cmd - 0.06) < 1e-12, "the live leak's command: %s nA" % cmd)
    reply = client.control("set", target="live.pas.g", value=0.0004)
    check(reply.get("ok"), "set live.pas.g is accepted: %s" % reply)
    doubled = False
    for k in range(2, 400):
        cmd, _ = command_for(k, -50.0)
        if cmd is not None and abs(cmd - 0.12) < 1e-12:
            doubled = True
            break
    check(doubled, "the command follows the live membrane's new conductance (last %s nA)" % cmd)
    try:
        client.control("set", target="live.pas.g", value=-1.0)
        refused = "accepted"
    except RuntimeError as e:
        refused = str(e)
    check("must not be negative" in refused, "a negative conductance is refused: %s" % refused)
    # The living cell crosses V_th (-20 mV): a spike of group live, member 1.
    seen = []
    _, spikes = command_for(1000, -65.0)
    seen += spikes
    _, spikes = command_for(1001, 10.0)
    seen += spikes
    for k in range(1002, 1100):
        if seen:
            break
        _, spikes = command_for(k, 10.0)
        seen += spikes
    check(len(seen) == 1 and seen[0]["member"] == 1, "the crossing is a spike of group live, "
          "member 1: %s" % seen)
    stop(d)
    check(d.returncode == 0, "the coupled kernel stops cleanly")
finally:
    if d.poll() is None:
        d.kill()

# ---- 8: two rig channels on two shared-memory blocks ----
two_name = "rtcell-test-two-" + tag
two = os.path.join(tmp, "two.yaml")
two_live = """name: two_channels
live_membrane: {area: 1000 um2}
population: {size: 2}
paint:
  - {region: (all), mechanism: pas, params: {g: [0.0002 S/cm2, 0.0004 S/cm2], e: -20 mV}}
"""
with open(two, "w") as f:
    f.write(two_live + """dynamic_clamp:
  shared_memory: /%s
  current_limit: 1 nA
  watchdog: 0
  wait_for_sample: 5 s
  between_channels: {gap_junctions: [{name: gj, channels: [0, 1], g: 1 nS}]}
realtime: {priority: 0}
simulation: {dt: 0.05 ms, duration: 100 ms}
""" % two_name)
g2 = [0.0002 * 1000 * 1e-2, 0.0004 * 1000 * 1e-2]  # uS
e = kernel(two)
try:
    bridges = [ClampBridge("/%s.%d" % (two_name, ch), timeout_s=60) for ch in (0, 1)]
    worst, answered = 0.0, 0
    for k in range(1, 101):
        v = [-70.0 + 0.3 * k, -40.0 - 0.2 * k]
        for ch in (0, 1):
            bridges[ch].write_sample(k, v[ch])
        for ch in (0, 1):
            cmd = bridges[ch].wait_command(k, 60)
            if cmd is not None:
                answered += 1
                gap = 0.001 * (v[1 - ch] - v[ch])  # uS * mV: into this channel
                worst = max(worst, abs(cmd.i_nA - g2[ch] * (-20.0 - v[ch]) - gap))
    check(answered == 200, "both channels answer every sample (%d of 200)" % answered)
    check(worst < 1e-12, "each channel's command is its own g·A·(E − V) plus the gap junction's "
          "g·(V_other − V) (worst %g nA)" % worst)
    out, err = stop(e)
    check(e.returncode == 0, "the two-channel kernel stops cleanly: %s" % err[-300:])
    report = json.loads(out) if out.strip().startswith("{") else {}
    channels = report.get("rtcell", {}).get("clamp_channels", [])
    check(len(channels) == 2 and all(c["last_sample"] == 100 for c in channels),
          "the report counts each channel: %s" % channels)
    check(not os.path.exists("/dev/shm/%s.0" % two_name), "the blocks are removed")
finally:
    if e.poll() is None:
        e.kill()

# ---- 9: two rig channels over ZeroMQ ----
two_zmq = os.path.join(tmp, "two_zmq.yaml")
ep2 = {k: "ipc://%s/%s" % (tmp, k) for k in ("pub9", "ctl9", "samples9")}
with open(two_zmq, "w") as f:
    f.write(two_live + "dynamic_clamp: {current_limit: 1 nA, watchdog: 0, wait_for_sample: 5 s}\n" +
            zmq_samples_tail(ep2["pub9"], ep2["ctl9"], ep2["samples9"]))
z = kernel(two_zmq)
try:
    check(wait_for(lambda: os.path.exists(os.path.join(tmp, "ctl9"))), "the kernel binds")
    client = Client(publish=ep2["pub9"], control=ep2["ctl9"])
    client.subscribe("voltage", "metadata")
    names = None
    for topic, body in client.messages(timeout=10.0, duration=60):
        if topic == "metadata":
            names = body["probes"]
            break
    check(names is not None and "clamp.I_cmd#1" in names, "metadata names each channel's "
          "columns: %s" % names)
    cols = [(names.index("clamp.sample#%d" % ch), names.index("clamp.I_cmd#%d" % ch))
            for ch in (0, 1)]
    matched, worst = 0, 0.0
    for k in range(1, 11):
        v = [-70.0 + k, -30.0 - k]
        for ch in (0, 1):
            client.send_samples(ep2["samples9"], [(500 + k, v[ch])], channel=ch)
        row = await_row(client, lambda r: all(int(r[cols[ch][0]]) == 500 + k for ch in (0, 1)))
        if row is not None:
            for ch in (0, 1):
                worst = max(worst, abs(row[cols[ch][1]] - g2[ch] * (-20.0 - v[ch])))
            matched += 1
    check(matched == 10, "every pair of samples comes back in one frame (%d of 10)" % matched)
    check(worst < 1e-12, "beside each channel's command (worst %g nA)" % worst)
    stop(z)
    check(z.returncode == 0, "the two-channel ZeroMQ kernel stops cleanly")
finally:
    if z.poll() is None:
        z.kill()

check.finish()
