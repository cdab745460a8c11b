"""Run the real ``subsidie`` command line in a child process and measure what it costs.

Each run is ``python -c CHILD ARGS``, where ``CHILD`` runs the package exactly as
``python -m engine`` does (:func:`runpy.run_module`) and, when the interpreter exits,
writes its own peak resident set size (``VmHWM`` of ``/proc/self/status``) to a file.
The child measures itself because the parent's figures are wrong for a child:
``os.wait4`` and ``RUSAGE_CHILDREN`` report a ``ru_maxrss`` that includes the parent's
memory copied at ``fork``/``vfork`` before ``exec`` (a pytest process of 100 MB makes
every child look 100 MB large). Standard output and error go to files, never pipes, so a
huge message cannot block the child. Wall time is measured from start to reaping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import engine

#: The bounds of issue 7: every hostile input ends within these, whatever the command. The time is that of the
#: machine the bounds were set on; see :func:`machine_factor` for a slower one.
MAX_SECONDS = 2.0
MAX_PEAK_BYTES = 200 * 1024 * 1024

#: The CPU seconds :data:`_CALIBRATION` takes on the machine the time bound was set on (the 2-core machine of the
#: benchmarks, quiet; the least of the runs measured there).
REFERENCE_CALIBRATION = 0.14

# Interpreter work of the kind the commands do (dictionaries, tuples, texts, small objects made and dropped),
# independent of the engine's code: its fastest of five runs in a fresh interpreter.
_CALIBRATION = r"""
import time

def work():
    table, rows = {}, []
    for i in range(120_000):
        key = ("k", i & 1023)
        table[key] = table.get(key, 0) + len(str(i))
        rows.append({"id": i, "path": (key, i)})
    return len(rows) + len(table)

best = None
for _ in range(5):
    started = time.process_time()
    work()
    spent = time.process_time() - started
    best = spent if best is None else min(best, spent)
print(best)
"""

ROOT = Path(__file__).resolve().parents[2]
#: The folder holding the ``engine`` package the tests import: the child runs the same code.
ENGINE_HOME = Path(engine.__file__).resolve().parent.parent

_CHILD = r"""
import atexit, os, sys

def _report_peak():
    peak = None
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak *= 1 if sys.platform == "darwin" else 1024
    with open(os.environ["SUBSIDIE_TEST_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(str(peak))

atexit.register(_report_peak)
sys.argv[0] = "subsidie"
import runpy
runpy.run_module("engine", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Run:
    """One finished child: its exit code, output, wall time (seconds) and peak memory (bytes)."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float
    cpu: float
    peak: int

    def describe(self) -> str:
        """A short account for assertion messages."""
        tail = self.stderr[-1500:]
        return (
            f"subsidie {' '.join(a[:80] for a in self.args)}\n  exit {self.code}, {self.seconds:.2f} s "
            f"({self.cpu:.2f} s CPU), {self.peak / 2**20:.1f} MiB\n  stderr (end): {tail}"
        )


def run_engine(
    args: list[str],
    *,
    work: Path,
    stdin: bytes | Path | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``subsidie ARGS`` in a child process and wait for it (at most 60 s, then it is killed).

    Args:
        args: the command line after ``subsidie``.
        work: a private folder for the child's output files.
        stdin: bytes, or a file, to feed to standard input (default: nothing).
        cwd: the working folder of the child.
        env: extra environment variables (the rules cache folder, above all).
    """
    work.mkdir(parents=True, exist_ok=True)
    peak_file = work / "peak"
    peak_file.unlink(missing_ok=True)
    if isinstance(stdin, bytes):
        (work / "stdin").write_bytes(stdin)
        stdin = work / "stdin"
    environment = {**os.environ, **(env or {}), "SUBSIDIE_TEST_PEAK_FILE": str(peak_file)}
    environment["PYTHONPATH"] = os.pathsep.join([str(ENGINE_HOME), *filter(None, [os.environ.get("PYTHONPATH")])])
    environment.pop("GITHUB_ACTIONS", None)  # validate's default format would change
    with (
        open(work / "stdout", "wb+") as out,
        open(work / "stderr", "wb+") as err,
        open(stdin, "rb") if stdin is not None else open(os.devnull, "rb") as source,
    ):
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, *args], stdin=source, stdout=out, stderr=err, cwd=cwd, env=environment
        )
        deadline = started + 60
        while True:  # os.wait4, not Popen.wait: it also gives the child's CPU time
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
            time.sleep(0.005)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    peak = int(peak_file.read_text(encoding="ascii")) if peak_file.exists() else -1
    return Run(tuple(args), child.returncode, stdout, stderr, seconds, usage.ru_utime + usage.ru_stime, peak)


def log_run(run: Run, attempt: int) -> None:
    """Append the measurement to the file named by ``SUBSIDIE_ADVERSARIAL_LOG``, if set (for reports)."""
    target = os.environ.get("SUBSIDIE_ADVERSARIAL_LOG")
    if target:
        record = {
            "args": [a[:60] for a in run.args],
            "code": run.code,
            "seconds": round(run.seconds, 3),
            "cpu": round(run.cpu, 3),
            "peak_mib": round(run.peak / 2**20, 1),
            "attempt": attempt,
        }
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def assert_contained(run: Run, code: int, *, wall: bool = True) -> None:
    """The run ended with exit ``code``, within the time and memory bounds, without a traceback.

    ``wall=False`` judges time by CPU time alone. It is for the inputs that sit at the limits
    (the largest file the limits allow), which take about a second of CPU by design: on a machine
    shared with other work their wall time measures the machine's load, not the engine.
    """
    assert run.code == code, run.describe()
    for stream in (run.stdout, run.stderr):
        assert "Traceback" not in stream, run.describe()
        assert "internal error" not in stream, run.describe()
    assert run.peak > 0, "the child did not report its peak memory: " + run.describe()
    assert run.peak < MAX_PEAK_BYTES, run.describe()
    if max(run.cpu, run.seconds if wall else 0.0) >= MAX_SECONDS:
        # over the bound here: is this machine slower, now, than the one it was set on, or busy with other work?
        factor = machine_factor()
        bound = MAX_SECONDS * factor
        assert run.cpu < bound, f"{run.describe()}\n  bound {bound:.2f} s of CPU (x{factor:.2f})"
        if wall:
            share = machine_share()
            scaled = f"{bound * share:.2f} s of wall time (x{factor:.2f}, x{share:.2f} for the load)"
            assert run.seconds < bound * share, f"{run.describe()}\n  bound {scaled}"


def machine_share() -> float:
    """How many processes want each processor now (the load average of the last minute over the processors), at
    least 1: a run's wall time beyond its CPU time is the time it waited, for the processor or for anything else,
    and on a machine this busy it waits that many times as long for the processor alone."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def machine_factor() -> float:
    """How many times slower than the machine :data:`MAX_SECONDS` was set on this one runs now, at least 1.

    Shared machines change speed by the minute (docs/security.md, "How the tests measure"),
    so a run over the bound is judged against the bound scaled by the interpreter work of :data:`_CALIBRATION`,
    measured right after it in a fresh interpreter, against :data:`REFERENCE_CALIBRATION`. A machine as fast or
    faster keeps the bound as it is; work that grows with the input (quadratic, or unbounded) outgrows any factor a
    machine's speed gives.
    """
    measured = subprocess.run(
        [sys.executable, "-c", _CALIBRATION], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return max(1.0, float(measured) / REFERENCE_CALIBRATION)


def position(text: str, needle: str, *, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) where ``needle`` starts in ``text`` (its n-th occurrence).

    The oracle for expected diagnostic positions: plain string search in the input, done
    independently of the YAML parser whose marks the engine reports.
    """
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
