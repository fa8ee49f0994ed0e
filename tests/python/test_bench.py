"""`python3 -m rtcell.bench` runs every model on both sides and reports the ratio (its numbers
are the benchmark's, not asserted here: tests never depend on timing)."""
import json

from rtcell import bench


def test_bench_reports_every_model(capsys):
    assert bench.main(["--quick", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in out["models"]] == [m[0] for m in bench.MODELS]
    for r in out["models"]:
        assert r["cpp_s"] > 0 and r["python_s"] > 0
    assert "callable_input_us_per_step" in out
