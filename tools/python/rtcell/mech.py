"""What is painted and placed (README "Mechanisms"): every catalogue mechanism by its name.

``mech.hh(gnabar="0.12 S/cm2")`` is a density mechanism to paint, ``mech.IClamp(name="stim",
delay=5, dur=1, amp="0.1 nA")`` a point mechanism to place, ``mech.Probe("hh.m")`` a probe.
Parameters are plain numbers in the kernel's units (mV, ms, nA, uS, S/cm2, ...) or strings
with units, checked as in a configuration; a list gives one value per population member,
``{"from": a, "to": b}`` a linear range across members, and a callable f(distance_um) a
value by path distance from the root.
"""
from . import _rtcell

_CATALOGUE = {e["name"]: e for e in _rtcell.catalogue()}


class Density:
    """A density mechanism (channel, ion pool or ion setting) by catalogue name."""

    def __init__(self, mechanism, *, ion="", **params):
        _known(mechanism, ("channel", "pool", "ion_setting"))
        self.mechanism, self.ion, self.params = mechanism, ion, params

    def _paint(self, native, region):
        native.paint_density(region, self.mechanism, self.params, self.ion)

    def __repr__(self):
        return f"Density({self.mechanism!r}, {self.params})"


class CableProperties:
    """Cable properties of a region: cm [uF/cm2], Ra [ohm*cm], v_rest [mV], celsius [degC]."""

    def __init__(self, *, cm=None, Ra=None, v_rest=None, celsius=None):
        self.cm, self.Ra, self.v_rest, self.celsius = cm, Ra, v_rest, celsius

    def _paint(self, native, region):
        native.paint_cable(region, self.cm, self.Ra, self.v_rest, self.celsius)


class Reversal:
    """An ion's reversal potential E [mV] on a region, or by Nernst from concentrations [mM]."""

    def __init__(self, ion, E):
        self.ion, self.E, self.nernst_from = ion, E, None

    @classmethod
    def nernst(cls, ion, inside, outside):
        r = cls(ion, 0.0)
        r.nernst_from = (inside, outside)
        return r

    def _paint(self, native, region):
        if self.nernst_from:
            native.paint_nernst(region, self.ion, *self.nernst_from)
        else:
            native.paint_reversal(region, self.ion, self.E)


class Point:
    """A point mechanism (clamp, synapse, gap junction) under a unique instance name.

    steps: for IClamp, several (delay, dur, amp) steps instead of one."""

    def __init__(self, mechanism, *, name=None, steps=(), **params):
        _known(mechanism, ("point",))
        self.mechanism, self.name, self.params, self.steps = mechanism, name or mechanism, params, list(steps)

    def _place(self, native, locset):
        native.place_point(locset, self.mechanism, self.name, self.params, self.steps)

    def __repr__(self):
        return f"Point({self.mechanism!r}, name={self.name!r}, {self.params})"


class Probe:
    """A recorded quantity: "v" [mV], a density state "hh.m", a current "hh.ina" [mA/cm2], a
    point mechanism's "syn.i" [nA], an ion pool's "cai" [mM]. name defaults to the quantity."""

    def __init__(self, quantity="v", *, name=None):
        self.quantity, self.name = quantity, name or quantity.replace(".", "_")

    def _place(self, native, locset):
        native.place_probe(locset, self.name, self.quantity)


def _known(name, roles):
    e = _CATALOGUE.get(name)
    if e is None:
        import difflib
        near = difflib.get_close_matches(name, list(_CATALOGUE), n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        raise _rtcell.InputError(f"unknown mechanism '{name}'{hint}")
    if e["role"] not in roles:
        kind = "placed (a point mechanism)" if e["role"] == "point" else "painted (a density mechanism)"
        raise _rtcell.InputError(f"'{name}' is {kind}")


def load_catalogue(path, prefix=""):
    """Loads a catalogue built from NMODL files (`rtcell nmodl build a.mod -o cat.so`, README
    "Mechanisms"); its mechanisms are then used by name like the built-in ones, as
    mech.<prefix + name>(...). Returns their names."""
    names = _rtcell.load_catalogue(str(path), prefix)
    _CATALOGUE.update({e["name"]: e for e in _rtcell.catalogue()})
    return names


def mechanisms():
    """The catalogue: one dict per mechanism (name, role, description, params, states)."""
    return list(_CATALOGUE.values())


def __getattr__(name):
    """mech.<name>(**params): a Density or Point for the catalogue mechanism <name>."""
    e = _CATALOGUE.get(name)
    if e is None:
        raise AttributeError(f"rtcell.mech has no mechanism '{name}'")
    cls = Point if e["role"] == "point" else Density

    def make(**params):
        return cls(name, **params)

    make.__name__ = name
    make.__doc__ = e["description"] + "\n\n" + "\n".join(
        f"{p['name']} [{p['unit']}] = {p['default']}: {p['description']}" for p in e["params"])
    return make
