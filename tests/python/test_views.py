"""NumPy views alias the kernel's memory: they follow the state without copies, a written
parameter changes the dynamics at the next step, and reset() refuses while one is alive."""
import gc

import numpy as np
import pytest


def test_voltage_view_follows_the_kernel(ball_and_stick):
    cell = ball_and_stick(pop_size=(3,))
    cell.init_state()
    v = cell.voltage_view()
    assert v.shape[1:] == (3,) and not v.flags.writeable
    before = v.copy()
    for _ in range(200):
        cell.update()
    assert not np.array_equal(v, before)  # the same array, changed by the kernel
    assert np.shares_memory(v, cell.voltage_view())
    with pytest.raises(ValueError):
        v[0, 0] = 0.0


def test_a_written_parameter_changes_the_dynamics(ball_and_stick):
    reference = ball_and_stick(pop_size=(2,))
    _, ref = reference.run(dt=0.025, duration=30)
    assert len(reference.spike_times[0]) > 0
    cell = ball_and_stick(pop_size=(2,))
    cell.init_state()
    g = cell.parameter("hh", "gnabar")
    assert g.shape == (1, 2) and g.flags.writeable
    g[:, 1] = 0.0  # member 1 loses its sodium conductance
    _, traces = cell.run(dt=0.025, duration=30)
    assert len(cell.spike_times[0]) == len(reference.spike_times[0])
    assert len(cell.spike_times[1]) == 0
    np.testing.assert_array_equal(traces["v_soma"][:, 0], ref["v_soma"][:, 0])


def test_state_and_point_current_views(ball_and_stick):
    cell = ball_and_stick()
    cell.init_state()
    m = cell.state("hh", "m")
    i = cell.point_current("stim")
    m0 = float(m[0])
    for _ in range(400):
        cell.update()
    assert float(m[0]) != m0
    assert i.shape == (1,) and float(i[0]) == pytest.approx(0.3)


def test_reset_refuses_while_a_view_is_alive(ball_and_stick):
    cell = ball_and_stick()
    cell.init_state()
    v = cell.voltage_view()
    with pytest.raises(RuntimeError, match="NumPy view"):
        cell.reset()
    del v
    gc.collect()
    cell.reset()
    assert cell.phase == "declaring"
