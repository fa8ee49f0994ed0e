"""rtcell from Python: braincell's Cell API over rtcell's C++ kernel (README "Python").

    import rtcell
    from rtcell import mech
    cell = rtcell.Cell(rtcell.Morphology.from_swc("cell.swc"), cv_policy=rtcell.DLambda())
    cell.paint("(all)", mech.hh())
    cell.place("(location 0 0.5)", mech.IClamp(name="stim", delay=5, dur=50, amp="0.2 nA"),
               mech.Probe("v"))
    t, traces = cell.run(dt=0.025, duration=100)

Built for Debian's /usr/bin/python3.
"""
try:
    from . import _rtcell  # noqa: F401  (the C++ kernel, built by CMake)
except ImportError as _error:  # rtcell.client needs only pyzmq and numpy, not the kernel
    _kernel_missing = _error

    def __getattr__(name):
        raise ImportError(f"rtcell.{name} needs the kernel module rtcell._rtcell, which is not "
                          f"built or not on the path ({_kernel_missing}); see README \"Python\"")
else:
    from . import mech
    from ._rtcell import CvPolicy, InputError, Locset, Morphology, Region, __version__
    from .cell import Cell
    from .config import Configuration, default_config, load_config, parse_config
    from .cv_policy import CVPerBranch, CVPerBranchList, CVPolicyByType, DLambda, MaxCVLen
    from .inputs import PoissonTrain, SpikeTrain
    from .labels import ls, reg
    from .mech import CableProperties, Density, Point, Probe, Reversal, load_catalogue
    from .network import Network, load_network
    from .realtime import RealtimeRun, start_realtime

__all__ = ["Cell", "Morphology", "Region", "Locset", "reg", "ls", "CvPolicy", "CVPerBranch",
           "CVPerBranchList", "MaxCVLen", "DLambda", "CVPolicyByType", "mech", "Density",
           "Point", "Probe", "CableProperties", "Reversal", "SpikeTrain", "PoissonTrain",
           "Configuration", "load_config", "parse_config", "default_config", "start_realtime",
           "RealtimeRun", "InputError", "Network", "load_network", "load_catalogue", "__version__"]
