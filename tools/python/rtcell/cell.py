"""braincell's Cell over rtcell's C++ kernel (README "Python").

The phases are braincell's: DECLARING (paint, place, bind_synapse_input chain), then
init_state() lowers everything to the kernel's arrays; update() and run() step; reset_state()
re-seeds in place; reset() returns to DECLARING. Calling a method in the wrong phase raises
RuntimeError, as the seed documents. Bad input (an unknown mechanism, a parameter with the
wrong unit, a region that does not parse) raises rtcell.InputError, a ValueError.
"""
import inspect
import weakref

import numpy as np

from . import _rtcell
from .cv_policy import as_cv_policy
from .inputs import PoissonTrain, SpikeTrain
from .labels import as_locset, as_region


def _shape(pop_size):
    if isinstance(pop_size, (int, np.integer)):
        return (int(pop_size),)
    return tuple(int(n) for n in pop_size)


class Cell:
    def __init__(self, morpho, *, pop_size=(), cv_policy=None, V_th=0.0, V_init=None,
                 spk_fun="heaviside", solver="staggered", cache_ion_total_current=True,
                 ion_channel_update_order="family", name=None, labels=None, detector=None):
        self._pop_size = _shape(pop_size)
        if any(n < 1 for n in self._pop_size):
            raise _rtcell.InputError(f"pop_size {self._pop_size}: every size must be at least 1")
        solver_function = None
        if callable(solver):
            step = solver
            solver_function, solver = (lambda: step(self)), "staggered"
        # braincell's spk_fun is a surrogate gradient; its forward pass is a step at V_th,
        # which is what the kernel computes, so a callable is accepted and only names it.
        spk = spk_fun if isinstance(spk_fun, str) else "heaviside"
        v_init = None if V_init is None else _rtcell.quantity(V_init, "mV", "V_init")
        self._native = _rtcell.Cell(
            morpho, list(self._pop_size), as_cv_policy(cv_policy),
            _rtcell.quantity(V_th, "mV", "V_th"), v_init, spk, solver, solver_function,
            bool(cache_ion_total_current), ion_channel_update_order, name or "cell",
            {k: (v if isinstance(v, (_rtcell.Region, _rtcell.Locset)) else _label(v))
             for k, v in (labels or {}).items()},
            None if detector is None else as_locset(detector))
        self._keep = []  # Python objects the kernel calls or reads (cells bound as sources)
        self._views = []  # weak references to the NumPy views handed out
        self._written = set()  # mechanisms with a writable parameter view
        self.spike_times = None

    @classmethod
    def _wrap(cls, native, pop_size):
        self = cls.__new__(cls)
        self._native, self._pop_size = native, _shape(pop_size)
        self._keep, self._views, self._written, self.spike_times = [], [], set(), None
        return self

    # ---- DECLARING ----
    def paint(self, region, *mechanisms):
        """Paints density mechanisms, cable properties or reversal potentials on region."""
        self._require("declaring", "paint()")
        r = as_region(region)
        for m in mechanisms:
            if not hasattr(m, "_paint"):
                raise TypeError(f"paint(): {m!r} cannot be painted (a Density, CableProperties "
                                "or Reversal from rtcell.mech)")
            m._paint(self._native, r)
        return self

    def place(self, locset, *mechanisms):
        """Places point mechanisms or probes at every location of locset."""
        self._require("declaring", "place()")
        where = as_locset(locset)
        for m in mechanisms:
            if not hasattr(m, "_place"):
                raise TypeError(f"place(): {m!r} cannot be placed (a Point or Probe from rtcell.mech)")
            m._place(self._native, where)
        return self

    def bind_synapse_input(self, synapse, source, *, weight=1.0, transform=None):
        """Binds a presynaptic drive to the synapse instance named synapse.

        source: a number (every step); an array shaped pop_size (per member, every step); an
        array with one more leading axis (row k drives step k); a callable, f() or f(t_ms),
        evaluated every step (Python on the step path: offline only); another Cell (its
        spikes, read after it steps); a SpikeTrain or PoissonTrain. weight: one value or one
        per member, per unit of the source; transform(values) maps the source's values to
        the synapse's members."""
        self._require("declaring", "bind_synapse_input()")
        w = np.atleast_1d(np.asarray(weight, dtype=float)).ravel()
        args = (self._native, synapse)
        if isinstance(source, Cell):
            self._keep.append(source)
            _rtcell.bind_cell_spikes(*args, source._native, list(w), transform)
        elif isinstance(source, SpikeTrain):
            _rtcell.bind_spike_train(*args, source.times, source.start, source.interval,
                                     source.number, source.noise, source.seed, list(w), transform)
        elif isinstance(source, PoissonTrain):
            _rtcell.bind_poisson(*args, source.rate_hz, source.start, source.stop, source.rate,
                                 source.seed, list(w), transform)
        elif callable(source):
            _rtcell.bind_callable(*args, _per_step(source), list(w), transform)
        elif np.ndim(source) == 0:
            _rtcell.bind_constant(*args, float(source), list(w), transform)
        else:
            a = np.asarray(source, dtype=float)
            if a.shape == self._pop_size:  # per member, every step: the drive joins the weight
                _rtcell.bind_constant(*args, 1.0, list(a.ravel() * w), transform)
            else:
                _rtcell.bind_rows(*args, a.reshape(a.shape[0], -1), list(w), transform)
        return self

    # ---- phases ----
    def init_state(self, batch_size=None):
        """Lowers the declaration to the kernel's arrays (batch_size is accepted for braincell
        parity; a population is pop_size)."""
        if self.phase == "initialized":
            raise RuntimeError("init_state(): the cell is already initialized; call reset() first")
        self._native.init_state()

    def reset_state(self, batch_size=None):
        """Re-seeds V, spikes, time and every state in place (stays INITIALIZED)."""
        self._require("initialized", "reset_state()")
        self._native.reset_state()

    def reset(self):
        """Drops the runtime and returns to DECLARING."""
        self._require("initialized", "reset()")
        alive = [v for v in (r() for r in self._views) if v is not None]
        if alive:
            raise RuntimeError(f"reset() would free the memory that {len(alive)} NumPy view(s) of "
                               "this cell point into; delete them first")
        self._views, self._written = [], set()
        self._native.reset()

    @property
    def phase(self):
        return self._native.phase

    # ---- stepping ----
    def update(self):
        """One step; returns the spike of each member (shape pop_size)."""
        self._require("initialized", "update()")
        self._refresh()
        self._native.step()
        return self._spikes()

    def pre_integral(self):
        self._require("initialized", "pre_integral()")
        self._refresh()
        self._native.pre_integral()

    def compute_derivative(self):
        self._require("initialized", "compute_derivative()")
        self._native.compute_derivative()

    def post_integral(self):
        self._require("initialized", "post_integral()")
        self._native.post_integral()

    def run(self, *, dt, duration, record_every=1):
        """Steps for duration at dt (initializing first if needed) and returns (time, traces):
        time [ms] after each recorded step; traces by probe name, (n_steps,) + pop_size, or
        (n_steps, n_locations) + pop_size for a probe on several locations. The detector's spike
        times [ms] per member are left in self.spike_times."""
        dt = _rtcell.quantity(dt, "ms", "dt")
        duration = _rtcell.quantity(duration, "ms", "duration")
        self._refresh()
        out = self._native.run(dt, duration, record_every)
        self.spike_times = out["spikes"]
        shaped = _shaped_traces(out["data"][1:],  # braincell samples after each step
                                self._native.column_probes(), self.members, self._pop_size)
        return out["t"][1:], shaped

    # ---- shapes ----
    @property
    def pop_size(self):
        return self._pop_size

    @property
    def members(self):
        return self._native.members

    @property
    def n_compartment(self):
        """CVs per cell (as init_state() makes them, also while declaring)."""
        if self.phase == "initialized":
            return self._native.n_compartment
        return self._native.planned_cvs()

    @property
    def varshape(self):
        return self._pop_size + (self.n_compartment,)

    @property
    def time(self):
        return self._native.time

    @property
    def dt(self):
        return self._native.dt

    @dt.setter
    def dt(self, dt_ms):
        self._native.set_dt(_rtcell.quantity(dt_ms, "ms", "dt"))

    @property
    def name(self):
        return self._native.name

    @property
    def morphology(self):
        return self._native.morphology

    @property
    def warnings(self):
        return list(self._native.warnings)

    @property
    def V(self):
        """V [mV] at each CV's midpoint, shaped varshape (a copy)."""
        self._require("initialized", "V")
        v = np.array([self._native.cv_values("V", m) for m in range(self.members)])
        return v.reshape(self.varshape)

    def cv_values(self, quantity, member=0):
        return np.asarray(self._native.cv_values(quantity, member))

    def probe_names(self):
        return list(self._native.probe_names())

    def parameter_list(self):
        return list(self._native.parameter_list())

    def set_parameter(self, mechanism, parameter, value):
        """Sets a runtime parameter on every instance and member (a number in its kernel unit
        or a string with a unit)."""
        self._require("initialized", "set_parameter()")
        unit = self._native.parameter_unit(mechanism, parameter) or "1"
        self._native.set_parameter(mechanism, parameter,
                                   _rtcell.quantity(value, unit, f"{mechanism}.{parameter}"))

    # ---- NumPy views of the kernel's memory (no copies) ----
    def voltage_view(self):
        """V [mV] per solver node x member, shaped (n_nodes,) + pop_size; read-only, live."""
        return self._view(_rtcell.voltage_view(self._native))

    def parameter(self, mechanism, parameter):
        """A parameter per instance x member, (instances,) + pop_size; writable: a write takes
        effect at the next update() or run()."""
        self._written.add(mechanism)
        return self._view(_rtcell.parameter_view(self._native, mechanism, parameter))

    def state(self, mechanism, state):
        """A state per instance x member, (instances,) + pop_size; read-only, live."""
        return self._view(_rtcell.state_view(self._native, mechanism, state))

    def point_current(self, point):
        """A point mechanism's current [nA] per instance x member in the last step."""
        return self._view(_rtcell.point_current_view(self._native, point))

    # ---- pictures (braincell's keyword arguments; rtcell.vis) ----
    def vis_branch(self, **kw):
        from .vis import draw
        return draw(self, "branch", **kw)

    def vis_cv(self, **kw):
        from .vis import draw
        return draw(self, "cv", **kw)

    def vis_node(self, **kw):
        from .vis import draw
        return draw(self, "node", **kw)

    def vis_topology(self, *, level="node", **kw):
        from .vis import draw
        return draw(self, level, **kw)

    def vis_svg(self, level="cv", path=None, **kw):
        """The C++ side's SVG picture of the same view; written to path when given."""
        from .vis import options
        svg = _rtcell.topology_svg(self._native, level, options(**kw))
        if path:
            with open(path, "w", encoding="utf-8") as f:
                f.write(svg)
        return svg

    # ---- internals ----
    def _require(self, phase, what):
        if self.phase == phase:
            return
        if phase == "declaring":
            raise RuntimeError(f"{what} is only allowed while declaring; call reset() first")
        raise RuntimeError(f"{what} needs an initialized cell; call init_state() first")

    def _view(self, a):
        self._require("initialized", "a view")
        a = a.reshape((a.shape[0],) + self._pop_size)
        self._views.append(weakref.ref(a))
        return a

    def _refresh(self):
        if self._written and self.phase == "initialized":
            for m in self._written:
                self._native.parameters_changed(m)

    def _spikes(self):
        s = _rtcell.spike_view(self._native)
        return s.reshape(self._pop_size).astype(bool)

    def __repr__(self):
        return (f"<rtcell.Cell '{self.name}' {self.phase}, pop_size={self._pop_size}, "
                f"{self.morphology.num_branches} branches>")


def _shaped_traces(data, column_probes, members, pop_size):
    """Traces by probe from the column-major block (one column per probe location x member):
    a probe's columns are adjacent (location-major, then member), so each is a view of the
    block, reshaped without a copy: (n_steps,) + pop_size, or (n_steps, n_locations) + pop_size."""
    shaped, first = {}, 0
    while first < len(column_probes):
        name, last = column_probes[first], first
        while last < len(column_probes) and column_probes[last] == name:
            last += 1
        n_loc = (last - first) // max(1, members)
        shape = (data.shape[0],) + ((n_loc,) if n_loc > 1 else ()) + tuple(pop_size)
        shaped[name] = data[:, first:last].reshape(shape)
        first = last
    return shaped


def _label(text):
    """A label's definition in text form: a locset if it parses as one, else a region."""
    try:
        return _rtcell.Locset(text)
    except _rtcell.InputError:
        return _rtcell.Region(text)


def _per_step(f):
    """f() or f(t_ms), called once per step with the time at the step's start [ms]."""
    try:
        takes_time = len(inspect.signature(f).parameters) > 0
    except (TypeError, ValueError):
        takes_time = True
    return f if takes_time else (lambda t_ms: f())
