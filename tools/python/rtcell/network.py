"""braincell's Network over rtcell's (README "Networks"): named groups of cells, connections
with NEURON's delivery rule, gap junctions, stepped together — on one thread, or on one thread
per partition (`init_state(threads=2)`: runs of equal cost, a group cut by member where
needed), with bit-identical results.

    net = rtcell.Network()
    net.add_group("E", e_cells).add_group("I", i_cells)
    net.connect("E", "I", synapse="exc", weight="0.02 uS", delay="2 ms")
    net.connect("E", "E", synapse="exc", weight=0.002, delay=1.5, rule="fixed_indegree", k=10)
    net.add_gap_junction("I:0", "(location 0 0.5)", "I:1", "(location 0 0.5)", g="10 nS")
    time, traces = net.run(dt=0.025, duration=100)   # traces[group][probe]

Cells are named "group", "group:m" or "group:a-b". A cell added to a network belongs to it:
the rtcell.Cell stays usable (its views, V, parameters) and refers to the network's cell.
"""
from . import _rtcell
from .cell import Cell, _shaped_traces
from .labels import as_locset


class Network:
    def __init__(self):
        self._native = _rtcell.Network()
        self._cells = []  # the rtcell.Cell of each group

    @classmethod
    def _wrap(cls, native):
        self = cls.__new__(cls)
        self._native = native
        self._cells = [Cell._wrap(native.cell(g), tuple(native.cell(g).pop_size))
                       for g in range(native.groups)]
        return self

    def add_group(self, name, cell):
        """Adds a DECLARING rtcell.Cell (its population is the group's members); returns self."""
        self._require("declaring", "add_group()")
        if not isinstance(cell, Cell):
            raise TypeError(f"add_group(): expected an rtcell.Cell, not {cell!r}")
        g = self._native.add_group(name, cell._native)
        cell._native = self._native.cell(g)  # the network's cell now
        cell._keep.append(self)
        self._cells.append(cell)
        return self

    def cell(self, group):
        """The group's Cell. After init_state(threads=N > 1) a group the threads' cut falls in
        is stepped in parts: its cell stays the declaration, and part(group, k) is each part."""
        return self._cells[self._index(group)]

    def parts(self, group):
        """How many cells step the group (INITIALIZED): 1, or its member slices."""
        return self._native.parts(self._index(group))

    def part(self, group, k):
        """Part k of the group (INITIALIZED): a Cell holding the group's members from
        part_first(group, k), numbered in its probe names as in the whole group."""
        g = self._index(group)
        native = self._native.part(g, k)
        cell = Cell._wrap(native, tuple(native.pop_size))
        cell._keep.append(self)
        return cell

    def part_first(self, group, k):
        return self._native.part_first(self._index(group), k)

    def _index(self, group):
        return group if isinstance(group, int) else self._native.group_index(group)

    def connect(self, pre, post, *, synapse, weight, delay, rule=None, p=0.0, k=0, seed=1,
                allow_self=False, instance=-1):
        """Connections from the detectors of `pre` to `synapse` on `post` (rule: all_to_all,
        one_to_one, fixed_probability with p, fixed_indegree with k; default one_to_one for two
        single cells, else all_to_all). weight [uS, or a number for kinetic synapses], delay
        [ms, at least dt]; strings with units are accepted."""
        self._require("declaring", "connect()")
        w = _rtcell.quantity(weight, "uS" if isinstance(weight, str) else "1", "weight")
        self._native.connect_rule(pre, post, synapse, w, _rtcell.quantity(delay, "ms", "delay"),
                                  rule or "", float(p), int(k), int(seed), bool(allow_self),
                                  int(instance))
        return self

    def bind_synapse_input(self, group, synapse, source, *, weight=1.0, delay):
        """`synapse` on every member of `group` driven by the spikes of `source`, a cell of the
        network by name ("E:0" to every member, or "E" one per member), after `delay`."""
        self._require("declaring", "bind_synapse_input()")
        w = _rtcell.quantity(weight, "uS" if isinstance(weight, str) else "1", "weight")
        self._native.bind_synapse_input(group, synapse, source, w,
                                        _rtcell.quantity(delay, "ms", "delay"))
        return self

    def add_gap_junction(self, a, at_a, b, at_b, *, g):
        """An ohmic junction of g [uS] between one location each of cells a and b ("A:0")."""
        self._require("declaring", "add_gap_junction()")
        self._native.add_gap_junction(a, as_locset(at_a), b, as_locset(at_b),
                                      _rtcell.quantity(g, "uS", "g"))
        return self

    def init_state(self, *, threads=1, dt=None):
        if self.phase == "initialized":
            raise RuntimeError("init_state(): the network is already initialized")
        if dt is not None:
            self._native.set_dt(_rtcell.quantity(dt, "ms", "dt"))
        self._native.init_state(int(threads))

    def reset_state(self):
        self._require("initialized", "reset_state()")
        self._native.reset_state()

    def update(self):
        """One step of every group (one thread)."""
        self._require("initialized", "update()")
        self._native.update()

    def run(self, *, dt, duration):
        """Steps for duration at dt (initializing first if needed, on one thread) and returns
        (time, traces): traces[group][probe] shaped as Cell.run's; the spike times [ms] of each
        group's members are in self.spike_times[group]."""
        out = self._native.run(_rtcell.quantity(dt, "ms", "dt"),
                               _rtcell.quantity(duration, "ms", "duration"))
        traces, self.spike_times = {}, {}
        for g, cell in enumerate(self._cells):
            name = self._native.group_name(g)
            got = out["groups"][name]
            traces[name] = _shaped_traces(got["data"][1:], self._native.column_probes(g),
                                          cell.members, cell.pop_size)
            self.spike_times[name] = got["spikes"]
        return out["t"][1:], traces

    phase = property(lambda self: self._native.phase)
    connections = property(lambda self: self._native.connections)
    partitions = property(lambda self: self._native.partitions)
    time = property(lambda self: self._native.time)

    @property
    def groups(self):
        return [self._native.group_name(g) for g in range(self._native.groups)]

    def _require(self, phase, what):
        if self.phase != phase:
            raise RuntimeError(f"{what} needs a {phase} network")


def load_network(path):
    """A DECLARING Network from a network configuration (a `cells` section)."""
    cfg = _rtcell.load_network_config(str(path))
    net = Network._wrap(cfg.build_network())
    net.config = cfg
    return net
