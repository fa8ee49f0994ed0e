"""`rtcell run`'s real-time loop, started from Python (README "Python").

The loop runs in C++ on its own threads (the command's rtcell-rt and IO threads); Python is
never on the real-time thread. The report is the command's JSON report as a dict. One run at a
time per process; while one runs, Ctrl-C, SIGTERM, SIGHUP and SIGQUIT stop it (as they stop
`rtcell run`) instead of reaching Python.
"""
import json

from . import _rtcell


def _duration(d):
    return d if isinstance(d, str) else f"{float(d)} ms"


class RealtimeRun:
    """start_realtime(...)'s handle: wait() for the end, or stop() it; then report."""

    def __init__(self, args):
        self._run = _rtcell.RealtimeRun(list(args))
        self._result = None

    @property
    def done(self):
        return self._run.done

    def wait(self, timeout=None):
        """Waits for the run to end by itself (its duration); True if it has."""
        return self._run.wait(1e9 if timeout is None else float(timeout))

    def stop(self, timeout=60.0):
        """Stops the run (as Ctrl-C would) and returns the report."""
        if not self._run.stop(float(timeout)):
            raise TimeoutError(f"the real-time run did not stop within {timeout} s")
        return self.report

    @property
    def report(self):
        """{"exit_code", "report" (the JSON report as a dict, None if the run failed early),
        "log" (what the command wrote to stderr)} once the run has ended."""
        if self._result is None:
            r = self._run.result()
            try:
                parsed = json.loads(r["report"]) if r["report"].strip() else None
            except json.JSONDecodeError:
                parsed = None
            self._result = {"exit_code": r["exit_code"], "report": parsed, "log": r["log"]}
        return self._result

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not self.done:
            self.stop()


def start_realtime(config=None, *, duration=None, floor="0 s", priority=None, cpu=None,
                   busy_wait=None, overrun=None, record=None, lock=False, extra=()):
    """Starts `rtcell run [config]` in this process and returns at once.

    config: a YAML file (None: the built-in default); duration: a number [ms] or a string with
    a unit (default: the configuration's); floor: how long to measure the empty loop after the
    run; lock=True locks the process's memory (mlockall) as `rtcell run` does by default."""
    args = [str(config)] if config is not None else []
    if duration is not None:
        args += ["--duration", _duration(duration)]
    args += ["--floor", _duration(floor), "--report", "json"]
    for flag, value in (("--priority", priority), ("--cpu", cpu), ("--overrun", overrun),
                        ("--record", record)):
        if value is not None:
            args += [flag, str(value)]
    if busy_wait is not None:
        args += ["--busy-wait", _duration(busy_wait)]
    if not lock:
        args.append("--no-lock")
    return RealtimeRun(args + list(extra))
