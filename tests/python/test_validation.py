"""Every shipped NEURON validation and both Rallpacks, run through the Python module, with the
tolerances of tests/validation/test_validation.cpp: voltages max |dV| <= 0.05 mV, mean <= 0.005
mV, the same spikes each within 0.01 ms; gates and synaptic quantities max |d| <= 1e-4;
calcium within 1e-4 relative; each scenario's own checks (reversal potentials, ion currents one
row apart, concentrations, the VClamp's current, the detector on CV boundaries) as the C++ test
makes them; Rallpacks 100 rms/(max - min) <= 0.02 %. And the traces equal
the C++ command's (`rtcell sim`) to the digits it prints."""
import subprocess

import numpy as np
import pytest
import rtcell

from comparison import crossings, interpolated_difference, read_csv

NEURON = {  # scenario: (voltage columns, other columns within 1e-4)
    "hh_soma": (["v_soma"], ["m", "h", "n"]),
    "hh1952_soma": (["v_soma"], ["na_m", "na_h", "k_n"]),
    "tm_soma": (["v_soma"], ["na_p", "na_q", "k_p", "ka_p", "ka_q"]),
    "k_soma": (["v_soma"], ["kdr_p", "k2a_p", "k2a_q", "kni_p"]),
    "k2_soma": (["v_soma"], ["ka2_p", "ka2_q", "k2b_p", "k2b_q"]),
    "syn_soma": (["v_soma"], ["ampa_g", "ampa_i", "gaba_g", "gaba_i", "nmda_g", "nmda_i",
                              "nmda_x", "nmda0_g", "nmda0_i"]),
    "ih_soma": (["v_soma"], ["hcn_p"]),
    "passive_cable": (["v_x0", "v_x1"], []),
    "cv_boundaries": (["v_soma", "v_axon_25", "v_axon_50", "v_axon_75", "v_dend_50",
                       "v_side_33", "v_side_67", "v_side_100"], ["syn_i"]),
    "seclamp_soma": (["v_soma", "v_dend"], ["clamp_i"]),
    "vclamp_soma": (["v_soma", "v_dend"], []),
    "density_currents": (["v_soma"], []),
    "ball_and_stick": (["v_soma", "v_dend"], ["syn_i"]),
    "ca_soma": (["v_soma"], ["cat_p", "cat_q", "ahp_p"]),
    "ca_family": (["v_soma"], ["cat_p", "cat_q", "cal_p", "cal_q", "caht_p", "caht_q"]),
    "ghk_soma": (["v_soma"], ["ghk_p", "ahp_p"]),
    "nak_shells": (["v_soma"], ["hh_m", "hh_h", "hh_n"]),
    "sk_soma": (["v_soma"], ["sk_o1", "sk_o2", "sk_c1", "can_p"]),
}
CALCIUM = ["ca_soma", "ca_family", "ghk_soma", "sk_soma"]


def same_row(traces, ref, name):
    """Largest relative difference row by row (the candidate has no t = 0 row: its k - 1 is the
    reference's k)."""
    return np.max(np.abs(traces[name] - ref[name][1:]) / np.abs(ref[name][1:]))


def one_row_apart(traces, ref, name):
    """Largest absolute difference one row apart: NEURON records at t what the step ending at t
    used, rtcell's probe at t what it takes for the next step (C++: out[k - 1] vs ref[k])."""
    return np.max(np.abs(traces[name][:-1] - ref[name][2:]))


# The checks test_validation.cpp adds to the common ones, scenario by scenario.
def extra_checks(scenario, t, traces, t_ref, ref, cell):
    if scenario == "ca_soma":
        assert interpolated_difference(t_ref, ref["eca"], t, traces["eca"]).max() <= 0.05
        assert interpolated_difference(t_ref, ref["ica"], t, traces["ica"]).max() <= 1e-6
    if scenario in ("ca_family", "ghk_soma"):
        assert one_row_apart(traces, ref, "ica") <= 1e-6
    if scenario == "nak_shells":
        for name in ("nai", "ki"):
            assert same_row(traces, ref, name) <= 1e-6, name
        for name in ("ena", "ek", "ina", "ik"):
            assert one_row_apart(traces, ref, name) <= 1e-5, name
    if scenario == "density_currents":
        for name in ("hh_ina", "hh_ik", "hh_i", "pas_i"):
            assert one_row_apart(traces, ref, name) <= 1e-6, name
    if scenario == "vclamp_soma":
        i, i_ref = traces["clamp_i"], ref["clamp_i"][1:]
        assert np.all(np.abs(i - i_ref) <= 1e-4 + 1e-8 * np.abs(i_ref))
    if scenario == "cv_boundaries":
        # The detector: each rtcell time in the step before NEURON's NetCon time (its step end).
        detector = np.loadtxt(scenario_dir_of(scenario) / "detector_spikes.csv", delimiter=",",
                              skiprows=1, ndmin=2)[:, 0]
        spikes = np.asarray(cell.spike_times[0])
        assert len(spikes) == len(detector)
        assert np.all(spikes > detector - 0.025) and np.all(spikes <= detector + 1e-9)


def scenario_dir(source_dir, name):
    return source_dir / "tests" / "validation" / "neuron" / name


def simulate(path, keep_cell=False):
    config = rtcell.load_config(path)
    cell = config.cell()
    t, traces = cell.run(dt=config.dt, duration=config.duration, record_every=config.record_every)
    return (t, traces, cell) if keep_cell else (t, traces)


_SOURCE = None


def scenario_dir_of(name):
    return _SOURCE / "tests" / "validation" / "neuron" / name


@pytest.mark.parametrize("scenario", sorted(NEURON))
def test_matches_neuron(source_dir, scenario):
    global _SOURCE
    _SOURCE = source_dir
    folder = scenario_dir(source_dir, scenario)
    t, traces, cell = simulate(folder / f"{scenario}.yaml", keep_cell=True)
    t_ref, ref = read_csv(folder / "trace.csv")
    assert len(t) == len(t_ref) - 1  # braincell's rows: after each step, none at t = 0
    voltages, others = NEURON[scenario]
    for name in voltages:
        d = interpolated_difference(t_ref, ref[name], t, traces[name])
        assert d.max() <= 0.05, name
        assert d.mean() <= 0.005, name
        spikes_ref, spikes = crossings(t_ref, ref[name]), crossings(t, traces[name])
        assert len(spikes) == len(spikes_ref), name
        assert np.all(np.abs(spikes - spikes_ref) <= 0.01), name
    for name in others:
        assert interpolated_difference(t_ref, ref[name], t, traces[name]).max() <= 1e-4, name
    if scenario in CALCIUM:
        # Same row: the candidate has no t = 0 row, so its row k - 1 is the reference's row k.
        assert same_row(traces, ref, "cai") <= 1e-4
    extra_checks(scenario, t, traces, t_ref, ref, cell)


@pytest.mark.parametrize("scenario,files", [
    ("rallpack1", [("ref_cable.0", "v_x0"), ("ref_cable.x", "v_x1")]),
    ("rallpack2", [("ref_branch.0", "v_x0"), ("ref_branch.x", "v_x1")]),
])
def test_rallpack(source_dir, scenario, files):
    folder = source_dir / "tests" / "validation" / "rallpack"
    t, traces = simulate(folder / f"{scenario}.yaml")
    for ref_file, column in files:
        ref = np.loadtxt(folder / "reference" / ref_file)
        t_ref, v_ref = ref[:, 0] * 1e3, ref[:, 1] * 1e3
        d = interpolated_difference(t_ref, v_ref, t, traces[column])
        assert len(d) >= 5000
        assert 100 * np.sqrt(np.mean(d ** 2)) / (v_ref.max() - v_ref.min()) <= 0.02


@pytest.mark.parametrize("scenario", ["hh_soma", "ball_and_stick", "ca_soma"])
def test_same_traces_as_the_command(source_dir, rtcell_binary, tmp_path, scenario):
    config = scenario_dir(source_dir, scenario) / f"{scenario}.yaml"
    out = tmp_path / "traces.csv"
    subprocess.run([rtcell_binary, "sim", str(config), "--out", str(out)], check=True,
                   capture_output=True, timeout=600)
    t_cpp, cpp = read_csv(out)
    t, traces = simulate(config)
    np.testing.assert_allclose(t, t_cpp[1:], rtol=1e-9)
    for name, values in traces.items():
        # `rtcell sim` prints 10 significant digits.
        np.testing.assert_allclose(values, cpp[name][1:], rtol=1e-9, atol=1e-12, err_msg=name)
