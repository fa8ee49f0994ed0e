"""`cmake --install` puts the package into the interpreter's dist-packages under the prefix,
where /usr/bin/python3 imports it (and not the build tree's copy)."""
import os
import pathlib
import subprocess
import sys


def test_installed_package_imports(tmp_path):
    build = os.environ["RTCELL_BUILD_DIR"]
    subprocess.run(["cmake", "--install", build, "--prefix", str(tmp_path)], check=True,
                   capture_output=True, timeout=600)
    site = tmp_path / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "dist-packages"
    assert (site / "rtcell" / "__init__.py").exists()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    code = ("import rtcell, sys; print(rtcell.__file__); "
            "c = rtcell.Cell(rtcell.Morphology.from_branches([{'name': 's', 'type': 'soma', "
            "'samples': [(0,0,0,10),(10,0,0,10)]}])); c.paint('(all)', rtcell.mech.hh()); "
            "c.place('(root)', rtcell.mech.Probe('v')); t, tr = c.run(dt=0.025, duration=1); "
            "print(len(t))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    where, steps = out.stdout.split()
    assert pathlib.Path(where).is_relative_to(site)
    assert steps == "40"
