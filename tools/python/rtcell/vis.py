"""Cell.vis_branch / vis_cv / vis_node / vis_topology on a matplotlib Axes.

The layout (positions, colours, value range) is the C++ side's (model/vis), the same that
`rtcell vis` writes as SVG; this module only draws it: edges as a LineCollection, items as a
scatter, a colour bar for values. Keyword arguments are braincell's; each returns the Axes.
"""
import numpy as np

from . import _rtcell
from .labels import as_locset, as_region

_KEYS = ("preset", "layout", "layout_scale", "region", "locset", "coverage_mode",
         "highlight_color", "value", "cmap", "vmin", "vmax", "norm", "value_label",
         "show_colorbar", "node_color", "edge_color", "root_color", "labels")


def options(**kw):
    unknown = set(kw) - set(_KEYS) - {"ax", "show"}
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    o = {k: v for k, v in kw.items() if k in _KEYS and v is not None}
    if "region" in o:
        o["region"] = as_region(o["region"])
    if "locset" in o:
        o["locset"] = as_locset(o["locset"])
    if isinstance(o.get("value"), tuple):  # braincell's ("channel", name, parameter)
        raise _rtcell.InputError("value: rtcell colours by \"V\", a state \"hh.m\" or values per "
                                 "CV or node, not a tuple")
    if "value" in o and not isinstance(o["value"], str):
        o["value"] = [float(x) for x in np.asarray(o["value"]).ravel()]
    o.pop("norm", None)  # matplotlib's; applied below
    return o


def draw(cell, level, ax=None, show=True, **kw):
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    d = _rtcell.topology_drawing(cell._native, level, options(**kw))
    if ax is None:
        _, ax = plt.subplots()
    x, y, parent = np.asarray(d["x"]), np.asarray(d["y"]), d["parent"]
    segments = [((x[p], y[p]), (x[i], y[i])) for i, p in enumerate(parent) if p >= 0]
    ax.add_collection(LineCollection(segments, colors=d["edge_color"],
                                     linewidths=d["edge_width"], zorder=1))
    ax.scatter(x, y, c=d["fill"], s=(2 * d["node_radius"]) ** 2, zorder=2, edgecolors="none")
    if kw.get("labels"):
        for xi, yi, text in zip(x, y, d["label"]):
            if text:
                ax.annotate(text, (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=7)
    if d["value"] and kw.get("show_colorbar", True):
        import matplotlib as mpl
        norm = kw.get("norm") or mpl.colors.Normalize(vmin=d["vmin"], vmax=d["vmax"])
        mappable = mpl.cm.ScalarMappable(norm=norm, cmap=d["cmap"])
        ax.figure.colorbar(mappable, ax=ax, label=d["value_label"])
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.set_axis_off()
    ax.set_title(f"{cell.name}: {level} topology ({len(parent)} items)", fontsize=9)
    if show:
        plt.show()
    return ax
