"""Regions and locsets (rtcell's label language, README "Regions and locsets").

Each constructor writes the text form and parses it, so ``reg.tag(1)`` is ``Region("(tag 1)")``;
values compose with ``|`` (join), ``&`` (intersect; for a locset, restrict to a region) and
``-`` (difference), and ``str()`` gives the text back. Wherever a region or locset is expected a
string in the text form (or a label's name) is accepted too.
"""
from ._rtcell import Locset, Region


def _num(x):
    return repr(float(x))


def _branch(b):
    return str(int(b)) if not isinstance(b, str) else '"' + b.replace('"', '') + '"'


def as_region(x):
    """A Region from a Region or its text form; anything else is an error."""
    if isinstance(x, Region):
        return x
    if isinstance(x, str):
        return Region(x)
    raise TypeError(f"expected a region (rtcell.Region or its text form), not {x!r}")


def as_locset(x):
    """A Locset from a Locset or its text form."""
    if isinstance(x, Locset):
        return x
    if isinstance(x, str):
        return Locset(x)
    raise TypeError(f"expected a locset (rtcell.Locset or its text form), not {x!r}")


class reg:
    """Region constructors (lengths in um, x in [0, 1])."""

    @staticmethod
    def all():
        return Region("(all)")

    @staticmethod
    def nothing():
        return Region("(nil)")

    @staticmethod
    def branch(b):
        return Region(f"(branch {_branch(b)})")

    @staticmethod
    def cable(b, x0, x1):
        return Region(f"(cable {_branch(b)} {_num(x0)} {_num(x1)})")

    @staticmethod
    def tag(n):
        return Region(f"(tag {int(n)})")

    @staticmethod
    def type(name):
        return Region(f"(type {name})")

    @staticmethod
    def subtree(b):
        return Region(f"(subtree {_branch(b)})")

    @staticmethod
    def distance_between(lo, hi, origin="(root)"):
        return Region(f"(distance-between {_num(lo)} {_num(hi)} {as_locset(origin)})")

    @staticmethod
    def named(label):
        return Region(f'(region "{label}")')


class ls:
    """Locset constructors."""

    @staticmethod
    def root():
        return Locset("(root)")

    @staticmethod
    def location(b, x):
        return Locset(f"(location {_branch(b)} {_num(x)})")

    @staticmethod
    def terminals():
        return Locset("(terminal)")

    @staticmethod
    def forks():
        return Locset("(fork)")

    @staticmethod
    def uniform(region, n):
        return Locset(f"(uniform {as_region(region)} {int(n)})")

    @staticmethod
    def random(region, n, seed):
        return Locset(f"(random {as_region(region)} {int(n)} {int(seed)})")

    @staticmethod
    def on_branches(x):
        return Locset(f"(on-branches {_num(x)})")

    @staticmethod
    def proximal(region):
        return Locset(f"(proximal {as_region(region)})")

    @staticmethod
    def distal(region):
        return Locset(f"(distal {as_region(region)})")

    @staticmethod
    def named(label):
        return Locset(f'(locset "{label}")')
