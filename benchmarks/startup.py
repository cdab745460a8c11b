"""Benchmark 3: command start, ``subsidie evaluate`` on one example profile.

Wall time of a whole process, ``subsidie evaluate examples/profiles/small-it-firm.yaml``
(the console script beside this Python when it is installed, else ``python -m engine``),
against ``python -c "import yaml, click, jsonschema, simpleeval"`` -- the imports any
Python tool built on these libraries pays -- measured alternately in the same run. Each
command runs once untimed first (to warm the page cache and write bytecode), then N times. In a
full run both are also counted once under callgrind (instructions do not move with the load).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, Result, Row, Target, instructions_of, main

PROFILE = ROOT / "examples" / "profiles" / "small-it-firm.yaml"


def subsidie_command() -> tuple[list[str], str]:
    """The command to time and how it was found: the console script of this Python's environment, else -m."""
    script = Path(sys.executable).parent / "subsidie"
    if script.exists():
        return [str(script)], str(script)
    found = shutil.which("subsidie")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [found], found
    return [sys.executable, "-m", "engine"], f"{Path(sys.executable).name} -m engine (no console script installed)"


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited with {completed.returncode}: "
            f"{completed.stderr.decode(errors='replace').strip()[:500]}"
        )
    return elapsed


def _instructions(baseline: list[str], command: list[str], env: dict[str, str]) -> str:
    """The two commands' instructions under callgrind, as a target's text; called after the timed runs, so both
    count warm (bytecode written, the rule cache filled), as they are timed."""
    base, own = instructions_of(baseline, env), instructions_of(command, env)
    return f"{own / 1e6:,.1f} M vs {base / 1e6:,.1f} M instructions ({own / base:.2f}x; callgrind, one run each)"


def run(quick: bool = False) -> Result:
    """Benchmark 3: the wall time of 'subsidie evaluate' on one example against importing its libraries."""
    result = Result("startup", "3. Command start: subsidie evaluate on one example profile")
    runs = 5 if quick else 15
    command, how = subsidie_command()
    command = command + ["evaluate", str(PROFILE.relative_to(ROOT))]
    baseline = [sys.executable, "-c", "import yaml, click, jsonschema, simpleeval"]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}
    env.setdefault("LANG", "C.UTF-8")
    try:
        _time(baseline, env)
    except RuntimeError as exc:
        result.skipped = f"the baseline command failed (is simpleeval installed? pip install -e '.[bench]'): {exc}"
        return result
    try:
        _time(command, env)
    except RuntimeError as exc:
        result.failed = str(exc)
        return result
    base_times, times = [], []
    for _ in range(runs):  # alternate, so both see the same machine state
        base_times.append(_time(baseline, env))
        times.append(_time(command, env))
    base = Row(
        'python -c "import yaml, click, jsonschema, simpleeval"', [t * 1000 for t in base_times], "ms", baseline=True
    )
    row = Row(f"subsidie evaluate {PROFILE.relative_to(ROOT)}", [t * 1000 for t in times], "ms")
    result.rows += [base, row]
    ratio = statistics.median(times) / statistics.median(base_times)
    counted = "" if quick or shutil.which("valgrind") is None else _instructions(baseline, command, env)
    result.targets.append(
        Target(
            "ratio at most 0.85 (issue 18; 1.0 before)",
            ratio <= 0.85,
            f"{ratio:.2f}x",
            goal="start",
            measured=ratio,
            limit=0.85,
            instructions=counted,
        )
    )
    result.notes.append(
        f"Command: {how}; {runs} timed runs each after one untimed run, alternating; "
        "output to /dev/null; the working directory is the repository."
    )
    return result


if __name__ == "__main__":
    sys.exit(main(run))
