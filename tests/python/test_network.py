"""rtcell.Network from Python: a network configuration and one built with the Python API match
NEURON's references (tests/validation/neuron/{ring_net,ei_net,gap_pair}) with the usual bar, and
two threads give the same traces as one."""
import numpy as np
import pytest
import rtcell
from rtcell import mech

from comparison import crossings, interpolated_difference, read_csv


def neuron(source_dir, scenario):
    folder = source_dir / "tests" / "validation" / "neuron" / scenario
    t, cols = read_csv(folder / "trace.csv")
    spikes = np.loadtxt(folder / "spikes.csv", delimiter=",", skiprows=1, ndmin=2)
    return folder, t, cols, spikes


def check(t_ref, ref, t, v, spikes_ref, spikes):
    d = interpolated_difference(t_ref, ref, t, v)
    assert d.max() <= 0.05 and d.mean() <= 0.005
    assert len(spikes) == len(spikes_ref)
    assert np.all(np.abs(np.asarray(spikes) - spikes_ref) <= 0.01)


@pytest.mark.parametrize("threads", [1, 2])
def test_ei_net_from_its_configuration(source_dir, threads):
    folder, t_ref, ref, spikes = neuron(source_dir, "ei_net")
    net = rtcell.load_network(folder / "ei_net.yaml")
    net.init_state(threads=threads, dt=0.025)
    assert net.partitions == threads
    t, traces = net.run(dt=0.025, duration=100)
    assert traces["E"]["v_soma"].shape == (4000, 4)
    for k in range(4):
        check(t_ref, ref[f"v_E{k}"], t, traces["E"]["v_soma"][:, k], spikes[spikes[:, 0] == k, 1],
              net.spike_times["E"][k])
    for k in range(2):
        check(t_ref, ref[f"v_I{k}"], t, traces["I"]["v_soma"][:, k],
              spikes[spikes[:, 0] == 4 + k, 1], net.spike_times["I"][k])


def ball_and_stick(members):
    m = rtcell.Morphology.from_branches([
        {"name": "soma", "type": "soma", "samples": [(0, 0, 0, 20), (20, 0, 0, 20)]},
        {"name": "dend", "type": "basal_dendrite", "parent": "soma",
         "samples": [(20, 0, 0, 2), (220, 0, 0, 2)]}])
    c = rtcell.Cell(m, pop_size=(members,), V_init=-65, V_th=-10, detector="(location 0 0.5)",
                    cv_policy=rtcell.CVPerBranchList({"soma": 1, "dend": 5}))
    c.paint("(all)", rtcell.CableProperties(Ra=100, cm=1, celsius=6.3))
    c.paint('(branch "soma")', mech.hh(gnabar=0.12, gkbar=0.036, gl=0.0003, el=-54.3, ena=50, ek=-77))
    c.paint('(branch "dend")', mech.pas(g=0.001, e=-65))
    c.place('(location "soma" 0.5)', mech.Probe("v", name="v_soma"))
    return c


def test_ring_and_gap_pair_built_in_python(source_dir):
    _, t_ref, ref, spikes = neuron(source_dir, "ring_net")
    ring = ball_and_stick(5)
    ring.place('(location "dend" 0.5)', mech.ExpSyn(name="syn", tau=2, e=0))
    ring.place('(location "soma" 0.5)', mech.IClamp(name="kick", delay=1, dur=1, amp=[1, 0, 0, 0, 0]))
    net = rtcell.Network().add_group("ring", ring)
    for k in range(5):
        net.connect(f"ring:{k}", f"ring:{(k + 1) % 5}", synapse="syn", weight="0.05 uS", delay="5 ms")
    t, traces = net.run(dt=0.025, duration=120)
    for k in range(5):
        check(t_ref, ref[f"v{k}"], t, traces["ring"]["v_soma"][:, k], spikes[spikes[:, 0] == k, 1],
              net.spike_times["ring"][k])
    assert ring.phase == "initialized"  # the cell is the network's now
    assert ring.voltage_view().shape[1:] == (5,)

    _, t_ref, ref, spikes = neuron(source_dir, "gap_pair")
    a, b = ball_and_stick(1), ball_and_stick(1)
    a.place('(location "soma" 0.5)', mech.IClamp(name="stim", delay=5, dur=40, amp=0.5))
    pair = rtcell.Network().add_group("A", a).add_group("B", b)
    pair.add_gap_junction("A:0", '(location "soma" 0.5)', "B:0", '(location "soma" 0.5)', g="10 nS")
    pair.add_gap_junction("A:0", '(location "dend" 1)', "B:0", '(location "dend" 1)', g=0.002)
    pair.init_state(threads=2)
    t, traces = pair.run(dt=0.025, duration=60)
    check(t_ref, ref["v_a_soma"], t, traces["A"]["v_soma"][:, 0], spikes[spikes[:, 0] == 0, 1],
          pair.spike_times["A"][0])
    check(t_ref, ref["v_b_soma"], t, traces["B"]["v_soma"][:, 0], spikes[spikes[:, 0] == 1, 1],
          pair.spike_times["B"][0])


def test_two_threads_equal_one_and_errors(source_dir):
    path = source_dir / "tests" / "validation" / "neuron" / "ei_net" / "ei_net.yaml"
    one, two = rtcell.load_network(path), rtcell.load_network(path)
    one.init_state(threads=1)
    two.init_state(threads=2)
    _, a = one.run(dt=0.025, duration=50)
    _, b = two.run(dt=0.025, duration=50)
    for g in ("E", "I"):
        np.testing.assert_array_equal(a[g]["v_soma"], b[g]["v_soma"])
    # On two threads E (four ball-and-sticks) is cut between its members: two parts.
    assert one.parts("E") == 1
    assert two.parts("E") == 2 and two.part_first("E", 1) > 0
    second = two.part("E", 1)
    assert second.members == 4 - two.part_first("E", 1)
    assert second.probe_names()[0] == "v_soma#%d" % two.part_first("E", 1)
    with pytest.raises(RuntimeError, match="needs a declaring network"):
        one.connect("E", "I", synapse="exc", weight=0.01, delay=1)
    fresh = rtcell.load_network(path)
    with pytest.raises(rtcell.InputError, match="has members 0 to 3"):
        fresh.connect("E:9", "I", synapse="exc", weight=0.01, delay=1)
    with pytest.raises(rtcell.InputError, match="unit"):
        fresh.connect("E", "I", synapse="exc", weight="0.01", delay=1)
