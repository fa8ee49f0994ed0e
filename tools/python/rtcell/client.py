"""Python client for a running rtcell kernel (ZeroMQ wire protocol v1, io/PROTOCOL.md).

Needs pyzmq and numpy (Debian: python3-zmq, python3-numpy).

    from rtcell.client import Client
    c = Client(publish="tcp://127.0.0.1:5556", control="tcp://127.0.0.1:5557")
    c.subscribe("spikes", "voltage")
    c.send_events("tcp://127.0.0.1:5555", [(0, 0.02)])          # member 0, 0.02 uS, next step
    for topic, message in c.messages(timeout=1.0):
        ...
    c.control("set", target="stim.amp", value=0.2)
"""
import json
import struct
import time

import numpy as np
import zmq

MAGIC = 0x4C435452
VERSION = 1
TYPES = {1: "events", 2: "values", 16: "spikes", 17: "voltage", 18: "telemetry", 19: "metadata"}
HEADER = struct.Struct("<IBBHQ")


def header(kind, sequence):
    code = {v: k for k, v in TYPES.items()}[kind]
    return HEADER.pack(MAGIC, VERSION, code, 0, sequence)


def encode_events(events, sequence=0):
    """events: iterable of (member, weight_uS[, step[, instance[, t_ms]]])."""
    rows = []
    for e in events:
        member, weight = e[0], e[1]
        step = e[2] if len(e) > 2 else 0
        instance = e[3] if len(e) > 3 else -1
        t_ms = e[4] if len(e) > 4 else 0.0
        rows.append(struct.pack("<iidQd", member, instance, weight, step, t_ms))
    return header("events", sequence) + struct.pack("<I", len(rows)) + b"".join(rows)


def encode_values(values, sequence=0):
    """values: iterable of (member, value) — member −1 for every member."""
    rows = [struct.pack("<iidQ", m, 0, v, 0) for m, v in values]
    return header("values", sequence) + struct.pack("<I", len(rows)) + b"".join(rows)


def encode_samples(samples, sequence=0, channel=-1):
    """samples: iterable of (sample_index, v_mV) for a dynamic clamp's samples binding; the
    index (from 1) is echoed in the clamp's probe clamp.sample (0: the next after the last).
    channel: the rig channel (the live membrane's member) with several, -1 with one."""
    rows = [struct.pack("<iidQ", channel, 0, v, index) for index, v in samples]
    return header("values", sequence) + struct.pack("<I", len(rows)) + b"".join(rows)


def decode(payload):
    """Returns (kind, sequence, body): body is a list of spike dicts, a dict with a NumPy
    array for voltage frames, or the decoded JSON object."""
    magic, version, code, _, sequence = HEADER.unpack_from(payload)
    if magic != MAGIC or version != VERSION:
        raise ValueError("not an rtcell v1 message")
    kind = TYPES.get(code, "unknown")
    body = payload[HEADER.size:]
    if kind == "spikes":
        (n,) = struct.unpack_from("<I", body)
        spikes = [struct.unpack_from("<Qdii", body, 4 + 24 * i) for i in range(n)]
        return kind, sequence, [{"step": s, "t_ms": t, "member": m, "group": g} for s, t, m, g in spikes]
    if kind == "voltage":
        step, t0, dt, rows, cols = struct.unpack_from("<QddII", body)
        values = np.frombuffer(body, dtype="<f8", count=rows * cols, offset=32).reshape(rows, cols)
        return kind, sequence, {"first_step": step, "t0_ms": t0, "dt_ms": dt, "values": values}
    if kind in ("telemetry", "metadata"):
        return kind, sequence, json.loads(body.decode("utf-8"))
    return kind, sequence, body


class Client:
    def __init__(self, publish=None, control=None, context=None):
        self.context = context or zmq.Context.instance()
        self.sub = None
        self.req = None
        self._senders = {}
        self._sequence = 0
        self.last_sequence = {}
        self.missed = 0
        if publish:
            self.sub = self.context.socket(zmq.SUB)
            self.sub.setsockopt(zmq.LINGER, 0)
            self.sub.connect(publish)
        self.control_endpoint = control
        if control:
            self._open_control()

    def _open_control(self):
        self.req = self.context.socket(zmq.REQ)
        self.req.setsockopt(zmq.LINGER, 0)
        self.req.setsockopt(zmq.RCVTIMEO, 5000)  # a dead kernel: an error, not a hang
        self.req.connect(self.control_endpoint)

    def subscribe(self, *topics):
        for t in topics or ("",):
            self.sub.setsockopt_string(zmq.SUBSCRIBE, t)

    def messages(self, timeout=1.0, duration=None):
        """Yields (topic, body) until `timeout` seconds pass without a message, or (when
        given) until `duration` seconds have passed."""
        poller = zmq.Poller()
        poller.register(self.sub, zmq.POLLIN)
        end = None if duration is None else time.time() + duration
        while (end is None or time.time() < end) and poller.poll(int(timeout * 1000)):
            topic, payload = self.sub.recv_multipart()
            kind, sequence, body = decode(payload)
            topic = topic.decode()
            if topic in self.last_sequence and sequence != self.last_sequence[topic] + 1:
                self.missed += sequence - self.last_sequence[topic] - 1
            self.last_sequence[topic] = sequence
            yield topic, body

    def _sender(self, endpoint, kind):
        key = (endpoint, kind)
        if key not in self._senders:
            s = self.context.socket(zmq.PUSH if kind == "push" else zmq.PUB)
            s.setsockopt(zmq.LINGER, 1000)
            s.connect(endpoint)
            if kind == "pub":
                time.sleep(0.2)  # let the subscription reach us
            self._senders[key] = s
        return self._senders[key]

    def send_events(self, endpoint, events, socket="push", topic=""):
        self._sequence += 1
        self._send(endpoint, socket, topic, encode_events(events, self._sequence))

    def send_values(self, endpoint, values, socket="push", topic=""):
        self._sequence += 1
        self._send(endpoint, socket, topic, encode_values(values, self._sequence))

    def send_samples(self, endpoint, samples, socket="push", topic="", channel=-1):
        """The living cell's membrane potential for a dynamic clamp: (sample_index, v_mV), for
        rig channel `channel` when the live membrane has several."""
        self._sequence += 1
        self._send(endpoint, socket, topic, encode_samples(samples, self._sequence, channel))

    def _send(self, endpoint, socket, topic, payload):
        s = self._sender(endpoint, socket)
        if socket == "pub":
            s.send_multipart([topic.encode(), payload])
        else:
            s.send(payload)

    def control(self, cmd, **fields):
        """Sends a JSON request; returns the reply (raises RuntimeError when ok is false, and
        ConnectionError when nothing answers within 5 s)."""
        self.req.send_string(json.dumps(dict(cmd=cmd, **fields)))
        try:
            reply = json.loads(self.req.recv_string())
        except zmq.Again:
            self.req.close()  # a REQ socket that got no reply cannot send again
            self._open_control()
            raise ConnectionError("nothing answering on %s; is rtcell run running?"
                                  % self.control_endpoint) from None
        if not reply.get("ok"):
            raise RuntimeError(reply.get("error", "request failed"))
        return reply
