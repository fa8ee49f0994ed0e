"""YAML configurations (README "Configuration") as rtcell.Cell objects."""
from . import _rtcell
from .cell import Cell


class Configuration:
    """A loaded configuration: its simulation settings and the Cell it describes."""

    def __init__(self, native):
        self._native = native

    source = property(lambda self: self._native.source)
    name = property(lambda self: self._native.name)
    dt = property(lambda self: self._native.dt, doc="[ms]")
    duration = property(lambda self: self._native.duration, doc="[ms]")
    record_every = property(lambda self: self._native.record_every)

    def cell(self):
        """A new DECLARING Cell with every paint, place, probe and input rule."""
        native = self._native.build_cell()
        return Cell._wrap(native, tuple(native.pop_size))

    def run(self):
        """The configuration's simulation: cell().run(dt, duration, record_every)."""
        return self.cell().run(dt=self.dt, duration=self.duration, record_every=self.record_every)


def load_config(path):
    return Configuration(_rtcell.load_config(str(path)))


def parse_config(text, source="<text>"):
    return Configuration(_rtcell.parse_config(text, source))


def default_config():
    """The configuration `rtcell run` uses when given none."""
    return Configuration(_rtcell.default_config())
