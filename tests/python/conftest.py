"""pytest fixtures for the rtcell Python module's tests (README "Python").

Run by ctest with PYTHONPATH set to the build tree's python/ folder, RTCELL_SOURCE_DIR to the
repository and RTCELL_BINARY to the `rtcell` command."""
import os
import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")

SOURCE = pathlib.Path(os.environ.get("RTCELL_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BINARY = os.environ.get("RTCELL_BINARY", str(SOURCE / "build" / "rtcell"))


@pytest.fixture
def source_dir():
    return SOURCE


@pytest.fixture
def rtcell_binary():
    return BINARY


@pytest.fixture
def ball_and_stick():
    """A DECLARING HH ball-and-stick cell with a clamp and probes, as a function of pop_size."""
    import rtcell
    from rtcell import mech

    def make(pop_size=(), amp=0.3, **options):
        m = rtcell.Morphology.from_branches([
            {"name": "soma", "type": "soma", "samples": [(0, 0, 0, 20), (20, 0, 0, 20)]},
            {"name": "dend", "type": "basal_dendrite", "parent": "soma",
             "samples": [(20, 0, 0, 1), (220, 0, 0, 1)]}], name="ball_and_stick")
        options.setdefault("cv_policy", rtcell.CVPerBranchList({"soma": 1, "dend": 11}))
        cell = rtcell.Cell(m, pop_size=pop_size, V_init=-65, **options)
        cell.paint("(all)", rtcell.CableProperties(Ra="100 ohm*cm", cm="1 uF/cm2"))
        cell.paint(rtcell.reg.tag(1), mech.hh())
        cell.paint(rtcell.reg.tag(3), mech.pas(g=0.001, e=-65))
        cell.place(rtcell.ls.location("soma", 0.5),
                   mech.IClamp(name="stim", delay=2, dur=100, amp=amp), mech.Probe("v", name="v_soma"))
        return cell
    return make
