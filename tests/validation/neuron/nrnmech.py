"""Compile NMODL files with NEURON's nrnivmodl into a temporary folder and load them.

Debian's packaged nrnivmodl (package neuron-dev) looks for nrnmech_makefile in <prefix>/bin,
while the package installs it next to libnrniv.so; when the first attempt does not produce the
library, a throw-away prefix with the expected layout (symlinks only) is passed as NRNHOME.
Only the shared library is needed, not the 'special' executable.
"""
import os
import shutil
import subprocess
import tempfile

from neuron import h

# tests/validation/neuron/: each scenario is a folder here, the NMODL files are in mod/.
HERE = os.path.dirname(os.path.abspath(__file__))
# Our NMODL transcriptions (and the shared ones the references use).
MODS = os.path.join(HERE, "mod")


def _shim_prefix(work):
    nocmodl = os.path.realpath(shutil.which("nocmodl"))
    prefix = os.path.dirname(os.path.dirname(nocmodl))
    found = {}
    for root, _, files in os.walk(prefix):
        for f in ("nrnmech_makefile", "libnrniv.so"):
            if f in files and f not in found:
                found[f] = os.path.join(root, f)
    shim = os.path.join(work, "nrnhome")
    for d in ("bin", "lib", "share"):
        os.makedirs(os.path.join(shim, d))
    os.symlink(nocmodl, os.path.join(shim, "bin", "nocmodl"))
    os.symlink(found["nrnmech_makefile"], os.path.join(shim, "bin", "nrnmech_makefile"))
    os.symlink(found["libnrniv.so"], os.path.join(shim, "lib", "libnrniv.so"))
    os.symlink(os.path.join(prefix, "share", "nrn"), os.path.join(shim, "share", "nrn"))
    os.symlink(os.path.join(prefix, "include"), os.path.join(shim, "include"))
    return shim


def load(mod_files):
    """Compiles the given .mod paths (NEURON registers them in this order) and loads them."""
    if shutil.which("nrnivmodl") is None:
        raise RuntimeError("nrnivmodl not found (Debian: apt-get install neuron-dev)")
    work = tempfile.mkdtemp(prefix="nrnmech_")
    names = []
    for path in mod_files:
        shutil.copy(path, work)
        names.append(os.path.basename(path))
    lib = os.path.join(work, "x86_64", ".libs", "libnrnmech.so")
    cmd = ["nrnivmodl"] + names
    subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if not os.path.exists(lib):
        shutil.rmtree(os.path.join(work, "x86_64"), ignore_errors=True)
        env = dict(os.environ, NRNHOME=_shim_prefix(work))
        r = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env=env)
        if not os.path.exists(lib):
            raise RuntimeError("nrnivmodl failed:\n" + r.stdout[-2000:] + r.stderr[-2000:])
    h.nrn_load_dll(lib)


def load_mods(names):
    """Compiles and loads MODS/<name>.mod for each name, registered in this order."""
    load([os.path.join(MODS, name + ".mod") for name in names])


def run_and_write(records, scenario):
    """Runs NEURON's fixed-step backward Euler (secondorder 0, CVODE off) as the scenario dict
    says (dt_ms, tstop_ms, v_init_mV, celsius), recording `records` (column name -> NEURON
    reference), and writes trace.csv (t_ms first) and scenario.json into
    tests/validation/neuron/<scenario name>/."""
    import json

    import numpy as np

    out_dir = os.path.join(HERE, scenario["name"])
    h.load_file("stdrun.hoc")
    h.celsius, h.dt, h.secondorder = scenario["celsius"], scenario["dt_ms"], 0
    h.cvode_active(0)
    vectors = {"t_ms": h.Vector().record(h._ref_t)}
    for name, ref in records.items():
        vectors[name] = h.Vector().record(ref)
    h.v_init = scenario["v_init_mV"]  # h.run() re-initializes with h.v_init
    h.steps_per_ms = 1.0 / scenario["dt_ms"]
    h.tstop = scenario["tstop_ms"]
    h.run()
    os.makedirs(out_dir, exist_ok=True)
    data = np.column_stack([np.array(v) for v in vectors.values()])
    np.savetxt(os.path.join(out_dir, "trace.csv"), data, delimiter=",",
               header=",".join(vectors), comments="", fmt="%.10g")
    scenario = dict(scenario, columns=list(vectors),
                    integration="fixed-step backward Euler (secondorder 0), cnexp gates",
                    neuron=h.nrnversion())
    with open(os.path.join(out_dir, "scenario.json"), "w") as f:
        json.dump(scenario, f, indent=2)
    return {k: np.array(v) for k, v in vectors.items()}


def compartment(mechanisms, scenario):
    """The one-compartment cell every reference scenario uses: a 20 um x 20 um cylinder (nseg 1,
    Ra 35.4 ohm cm, cm 1 uF/cm2) with `mechanisms` inserted and their parameters taken from
    scenario[mechanism]; scenario["ena"/"ek"] where given; an IClamp at its middle from
    scenario["IClamp"]. Returns (section, clamp)."""
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20.0
    soma.nseg, soma.Ra, soma.cm = 1, 35.4, 1.0
    for m in mechanisms:
        soma.insert(m)
    for seg in soma:
        for ion in ("ena", "ek"):
            if ion in scenario:
                setattr(seg, ion, scenario[ion])
        for m in mechanisms:
            for k, v in scenario.get(m, {}).items():
                setattr(getattr(seg, m), k, v)
    stim = h.IClamp(soma(0.5))
    for k, v in scenario["IClamp"].items():
        setattr(stim, k, v)
    return soma, stim


def hh_soma_pas_dendrite(scenario):
    """An HH soma (20 um x 20 um, nseg 1) with a passive dendrite (200 um x 2 um, nseg 5) on its
    x = 1 end, Ra 100 ohm cm, cm 1 uF/cm2; hh's parameters (and ena, ek) from scenario["hh"],
    pas's g and e from scenario["pas"]; NEURON's hh rate tables off (usetable_hh = 0), as rtcell
    computes rates exactly. Returns (soma, dend)."""
    h.usetable_hh = 0
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20.0
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 200.0, 2.0, 5
    dend.connect(soma(1), 0)
    for s in (soma, dend):
        s.Ra, s.cm = 100.0, 1.0
    soma.insert("hh")
    for k, v in scenario["hh"].items():
        setattr(soma(0.5), k if k in ("ena", "ek") else k + "_hh", v)
    dend.insert("pas")
    for seg in dend:
        seg.pas.g, seg.pas.e = scenario["pas"]["g"], scenario["pas"]["e"]
    return soma, dend
