"""The real-time loop from Python: started on C++ threads, waited for or stopped, its report a
dict. Conditions are waited for with generous time-outs; nothing depends on timing."""
import rtcell


def test_a_run_ends_by_itself_with_its_report():
    run = rtcell.start_realtime(duration="0.2 s")
    assert run.wait(timeout=120)
    r = run.report
    assert r["exit_code"] == 0, r["log"]
    assert r["report"]["rtcell"]["steps"] > 0
    assert r["report"]["interrupted"] is False


def test_a_run_is_stopped_from_python(source_dir):
    run = rtcell.start_realtime(source_dir / "config/examples/ball_and_stick.yaml",
                                duration="10 min")
    assert not run.done
    r = run.stop(timeout=120)
    assert r["exit_code"] == 0, r["log"]
    assert r["report"]["interrupted"] is True
    # A second run may start once the first has ended.
    with rtcell.start_realtime(duration="50 ms") as again:
        assert again.wait(timeout=120)
        assert again.report["exit_code"] == 0


def test_one_run_at_a_time():
    first = rtcell.start_realtime(duration="10 min")
    try:
        try:
            rtcell.start_realtime(duration="1 s")
            assert False, "a second run started"
        except rtcell.InputError as e:
            assert "already going" in str(e)
    finally:
        first.stop(timeout=120)
