"""The README's Python section opens with an example; it runs here as it stands (in a scratch
folder that sees the repository's config/), and does what its comments say."""
import os
import re
import subprocess
import sys


def python_example(readme):
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs(source_dir, tmp_path):
    code = python_example((source_dir / "README.md").read_text(encoding="utf-8"))
    (tmp_path / "config").symlink_to(source_dir / "config")
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    out = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=600, env=dict(os.environ))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "(2000,) (2000, 3) (2000, 13, 3)"
    before = [int(n) for n in re.findall(r"\d+", lines[1])]
    after = [int(n) for n in re.findall(r"\d+", lines[2])]
    assert before[2] > 0 and after[2] == 0 and after[:2] == before[:2]
    assert (tmp_path / "grc_cv_voltage.png").stat().st_size > 1000
