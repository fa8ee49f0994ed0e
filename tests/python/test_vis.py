"""The pictures: vis_branch, vis_cv, vis_node and vis_topology draw on a matplotlib Axes (Agg)
from the C++ layouts and return it; the SVG is the C++ side's, with the same items."""
import matplotlib.pyplot as plt
import pytest
import rtcell


def test_topology_pictures_render(ball_and_stick, tmp_path):
    cell = ball_and_stick()
    ax = cell.vis_branch(region=rtcell.reg.tag(3), show=False)
    assert isinstance(ax, plt.Axes)
    cell.init_state()
    nodes = len(cell._native.node_voltages())  # the layout's nodes (CV midpoints and ends)
    for level, items in (("branch", 2), ("cv", 12), ("node", nodes)):
        fig, ax = plt.subplots()
        out = cell.vis_topology(level=level, ax=ax, show=False)
        assert out is ax
        offsets = ax.collections[1].get_offsets()
        assert len(offsets) == items
        svg = cell.vis_svg(level)
        assert f'data-level="{level}"' in svg and svg.count("<circle") == len(offsets)
        fig.savefig(tmp_path / f"{level}.png")
        assert (tmp_path / f"{level}.png").stat().st_size > 1000
        plt.close(fig)
    ax = cell.vis_cv(value="V", cmap="viridis", show=False)
    assert len(ax.figure.axes) == 2  # the picture and its colour bar
    ax = cell.vis_node(value="hh.m", layout="dendrogram", show=False)
    plt.close("all")


def test_picture_options_are_checked(ball_and_stick):
    cell = ball_and_stick()
    with pytest.raises(rtcell.InputError, match="unknown preset"):
        cell.vis_branch(preset="neon", show=False)
    with pytest.raises(TypeError, match="colour"):
        cell.vis_branch(colour="red", show=False)
    with pytest.raises(rtcell.InputError, match="initialized"):
        cell.vis_node(show=False)
