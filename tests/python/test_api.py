"""braincell's Cell API through rtcell: names, keyword arguments, phases, shapes and errors."""
import numpy as np
import pytest
import rtcell
from rtcell import mech


def test_paint_and_place_chain_and_shapes(ball_and_stick):
    cell = ball_and_stick(pop_size=(2, 3))
    assert cell.paint("(all)", mech.CableProperties(cm=1.0)) is cell
    assert cell.place("(uniform (tag 3) 4)", mech.Probe("v", name="v_dend")) is cell
    assert cell.pop_size == (2, 3)
    assert cell.n_compartment == 12
    assert cell.varshape == (2, 3, 12)
    t, traces = cell.run(dt=0.025, duration=5.0)
    assert t.shape == (200,) and t[0] == pytest.approx(0.025) and t[-1] == pytest.approx(5.0)
    assert traces["v_soma"].shape == (200, 2, 3)
    assert traces["v_dend"].shape == (200, 4, 2, 3)
    assert cell.V.shape == (2, 3, 12)


def test_phases_raise_runtime_errors_as_the_seed_lists(ball_and_stick):
    cell = ball_and_stick()
    for call in (cell.update, cell.reset, cell.reset_state, cell.pre_integral,
                 cell.compute_derivative, cell.post_integral):
        with pytest.raises(RuntimeError, match="needs an initialized cell"):
            call()
    cell.init_state()
    with pytest.raises(RuntimeError, match="already initialized"):
        cell.init_state()
    with pytest.raises(RuntimeError, match="only allowed while declaring"):
        cell.paint("(all)", mech.pas())
    with pytest.raises(RuntimeError, match="only allowed while declaring"):
        cell.place("(root)", mech.Probe("v"))
    cell.reset()
    assert cell.phase == "declaring"
    cell.paint("(all)", mech.pas(g="0.0001 S/cm2"))  # allowed again


def test_bad_input_is_an_input_error_naming_what(ball_and_stick):
    cell = ball_and_stick()
    with pytest.raises(rtcell.InputError, match="did you mean 'hh'"):
        mech.Density("hhh")
    with pytest.raises(rtcell.InputError, match="is a voltage, not a conductance density"):
        cell.paint("(all)", mech.hh(gnabar="0.12 mV"))
    with pytest.raises(rtcell.InputError, match="no parameter 'gnabarr'"):
        cell.paint("(all)", mech.hh(gnabarr=0.1))
    with pytest.raises(ValueError, match="column"):
        cell.paint("(tag x)", mech.hh())
    with pytest.raises(rtcell.InputError, match="'IClamp' is placed"):
        mech.Density("IClamp")
    assert issubclass(rtcell.InputError, ValueError)


def test_quantities_with_units_are_converted(ball_and_stick):
    a, b = ball_and_stick(), ball_and_stick()
    a.paint("(tag 1)", mech.hh(gnabar=0.1))
    b.paint("(tag 1)", mech.hh(gnabar="100 mS/cm2"))
    _, ta = a.run(dt=0.025, duration=20)
    _, tb = b.run(dt="25 us", duration="20 ms")
    np.testing.assert_array_equal(ta["v_soma"], tb["v_soma"])


def test_run_equals_repeated_update_and_the_three_phases(ball_and_stick):
    ran = ball_and_stick()
    _, traces = ran.run(dt=0.025, duration=20)
    stepped = ball_and_stick()
    stepped.dt = 0.025
    stepped.init_state()
    spikes = 0
    for k in range(800):
        spikes += int(stepped.update())
    assert stepped.time == pytest.approx(20.0)
    assert stepped.V[0] == pytest.approx(traces["v_soma"][-1], abs=0)
    assert spikes == len(ran.spike_times[0]) > 0
    composed = ball_and_stick(solver=lambda c: (c.pre_integral(), c.compute_derivative(),
                                                 c.post_integral()))
    _, traces_composed = composed.run(dt=0.025, duration=20)
    np.testing.assert_array_equal(traces_composed["v_soma"], traces["v_soma"])


def test_cv_policies_under_braincell_names(ball_and_stick):
    assert ball_and_stick(cv_policy=rtcell.CVPerBranch(3)).n_compartment == 6
    assert ball_and_stick(cv_policy=rtcell.MaxCVLen("10 um")).n_compartment == 2 + 20
    d = ball_and_stick(cv_policy=rtcell.DLambda(0.1, "100 Hz")).n_compartment
    assert d > 2 and d % 2 == 0  # two odd counts
    by_type = ball_and_stick(cv_policy=rtcell.CVPolicyByType({"basal_dendrite": rtcell.CVPerBranch(7)}))
    assert by_type.n_compartment == 8
    m = ball_and_stick().morphology
    assert ball_and_stick(cv_policy=rtcell.CVPerBranchList([1, 5], morpho=m)).n_compartment == 6


def test_regions_and_locsets_compose(ball_and_stick):
    m = ball_and_stick().morphology
    both = rtcell.reg.tag(1) | rtcell.reg.tag(3)
    assert str(both) == "(join (tag 1) (tag 3))"
    assert both.cables(m) == [(0, 0.0, 1.0), (1, 0.0, 1.0)]
    assert (rtcell.reg.all() - rtcell.reg.tag(1)).cables(m) == [(1, 0.0, 1.0)]
    assert (rtcell.reg.all() & rtcell.Region("(tag 3)")) == rtcell.Region("(intersect (all) (tag 3))")
    ends = rtcell.ls.terminals() & rtcell.reg.tag(3)
    assert ends.locations(m) == [(1, 1.0)]
    assert (rtcell.ls.root() + rtcell.ls.root()).locations(m) == [(0, 0.0), (0, 0.0)]


def test_morphology_readers(source_dir):
    grc = rtcell.Morphology.from_swc(str(source_dir / "config/examples/morphologies/grc.swc"))
    asc = rtcell.Morphology.from_asc(str(source_dir / "config/examples/morphologies/GrC.asc"))
    assert grc.num_branches > 3 and asc.num_branches > 3
    with pytest.raises(rtcell.InputError, match="missing.swc"):
        rtcell.Morphology.from_swc("missing.swc")


def _synapse_cell(ball_and_stick, pop_size=()):
    cell = ball_and_stick(pop_size=pop_size, amp=0.0)
    cell.place("(location 1 0.5)", mech.ExpSyn(name="syn", tau=2.0, e=0.0),
               mech.Probe("syn.i", name="syn_i"))
    return cell


def test_input_sources(ball_and_stick):
    def peak(bind, pop_size=()):
        cell = _synapse_cell(ball_and_stick, pop_size)
        bind(cell)
        _, traces = cell.run(dt=0.025, duration=10)
        return -traces["syn_i"].min(axis=0)

    at_step_40 = np.zeros(400)
    at_step_40[40] = 1.0
    from_rows = peak(lambda c: c.bind_synapse_input("syn", at_step_40, weight=0.01))
    from_train = peak(lambda c: c.bind_synapse_input("syn", rtcell.SpikeTrain([1.0]), weight=0.01))
    from_call = peak(lambda c: c.bind_synapse_input(
        "syn", lambda t: 1.0 if abs(t - 1.0) < 1e-9 else 0.0, weight=0.01))
    assert from_rows > 0 and from_rows == pytest.approx(from_train, rel=1e-12)
    assert from_call == pytest.approx(from_train, rel=1e-12)
    # Per member: an array shaped pop_size scales each member's drive.
    per_member = peak(lambda c: c.bind_synapse_input(
        "syn", rtcell.SpikeTrain([1.0]), weight=[0.01, 0.02]), pop_size=(2,))
    assert per_member[1] > per_member[0] > 0
    transformed = peak(lambda c: c.bind_synapse_input(
        "syn", rtcell.SpikeTrain([1.0]), weight=0.01, transform=lambda v: 2 * v))
    assert transformed > from_train


def test_another_cells_spikes_drive_a_synapse(ball_and_stick):
    pre = ball_and_stick(amp=0.5)
    post = _synapse_cell(ball_and_stick)
    post.bind_synapse_input("syn", pre, weight=0.05)
    pre.dt = post.dt = 0.025
    pre.init_state()
    post.init_state()
    drive = 0
    for _ in range(800):
        drive += int(pre.update())
        post.update()
    assert drive > 0
    assert post.state("syn", "g").max() > 0 or post.point_current("syn").min() < 0


def test_a_failing_callable_raises_its_own_error(ball_and_stick):
    cell = _synapse_cell(ball_and_stick)

    def broken():
        raise KeyError("from the input")
    cell.bind_synapse_input("syn", broken)
    with pytest.raises(KeyError, match="from the input"):
        cell.run(dt=0.025, duration=1)


def test_configuration_builds_a_cell(source_dir):
    config = rtcell.load_config(source_dir / "config/examples/ball_and_stick.yaml")
    cell = config.cell()
    assert cell.phase == "declaring"
    t, traces = cell.run(dt=config.dt, duration=5)
    assert len(t) == 200 and traces
    with pytest.raises(rtcell.InputError, match=r"x.yaml:2"):
        rtcell.parse_config("morphology:\n  nonsense: 1\n", "x.yaml")


def test_a_catalogue_from_nmodl_is_used_like_the_built_ins(ball_and_stick):
    """rtcell's own hh.mod and pas.mod (tests/validation/nmodl/mod/, built by CMake into
    build/tests/nmodl/own_mechanisms.so) reproduce the built-in hh and pas to 1e-9 mV."""
    import os
    build = os.environ.get("RTCELL_BUILD_DIR", str(rtcell_source() / "build"))
    names = rtcell.load_catalogue(os.path.join(build, "tests", "nmodl", "own_mechanisms.so"),
                                  prefix="py_")
    assert set(names) == {"py_hh", "py_pas", "py_ExpSyn", "py_Exp2Syn", "py_IClamp"}
    assert mech.py_hh().mechanism == "py_hh"
    builtin = ball_and_stick()
    t, ref = builtin.run(dt=0.025, duration=30.0)
    m = rtcell.Morphology.from_branches([
        {"name": "soma", "type": "soma", "samples": [(0, 0, 0, 20), (20, 0, 0, 20)]},
        {"name": "dend", "type": "basal_dendrite", "parent": "soma",
         "samples": [(20, 0, 0, 1), (220, 0, 0, 1)]}], name="ball_and_stick")
    cell = rtcell.Cell(m, V_init=-65, cv_policy=rtcell.CVPerBranchList({"soma": 1, "dend": 11}))
    cell.paint("(all)", rtcell.CableProperties(Ra="100 ohm*cm", cm="1 uF/cm2"))
    cell.paint(rtcell.reg.tag(1), mech.py_hh())
    cell.paint(rtcell.reg.tag(3), mech.py_pas(g=0.001, e=-65))
    cell.place(rtcell.ls.location("soma", 0.5),
               mech.IClamp(name="stim", delay=2, dur=100, amp=0.3), mech.Probe("v", name="v_soma"))
    _, out = cell.run(dt=0.025, duration=30.0)
    assert np.max(np.abs(out["v_soma"] - ref["v_soma"])) < 1e-6
    assert np.max(ref["v_soma"]) > 0  # it spikes
    with pytest.raises(rtcell.InputError, match="already defined"):
        rtcell.load_catalogue(os.path.join(build, "tests", "nmodl", "own_mechanisms.so"))


def rtcell_source():
    import pathlib
    return pathlib.Path(__file__).parents[2]
