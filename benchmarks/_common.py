"""Shared helpers for the benchmarks: timing, statistics, results and machine facts.

Every benchmark module has ``run(quick: bool) -> Result`` and can also be run on its own
(``python benchmarks/decision.py``). A :class:`Result` holds rows of measurements; the
first row marked ``baseline`` is what the other rows' ratios are taken against, and every
number comes from the same process run, so machine noise hits all rows alike.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without 'pip install -e .'
    sys.path.insert(0, str(ROOT))


@dataclass
class Row:
    """One measured thing: several samples of one quantity."""

    label: str
    samples: list[float]
    unit: str  # 'us/decision', 'profiles/s', 's', 'MiB', ...
    baseline: bool = False
    higher_is_better: bool = False
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)


@dataclass
class Target:
    """A target from the issue and whether this run met it.

    A target that stands for one of the goals in ``run.py``'s ``GOALS`` names it in ``goal`` and gives its
    figure: ``measured`` against ``limit`` (a ratio unless ``unit`` says otherwise; ``higher_is_better`` for
    rates and speed-ups), and ``instructions``, the callgrind instruction counts beside the time, where measured.
    """

    text: str
    met: bool | None  # None: could not be measured
    detail: str = ""
    goal: str = ""
    measured: float | None = None
    limit: float | None = None
    higher_is_better: bool = False
    unit: str = "x"
    instructions: str = ""


@dataclass
class Result:
    name: str
    title: str
    rows: list[Row] = field(default_factory=list)
    ratios: list[tuple[str, float]] = field(default_factory=list)  # extra named ratios (e.g. on/off)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: str | None = None  # a check that failed (disagreement, crash): the run exits non-zero
    skipped: str | None = None  # could not run at all (e.g. the command does not exist yet)

    def baseline(self) -> Row | None:
        return next((r for r in self.rows if r.baseline), None)

    def ratio(self, row: Row) -> float | None:
        """The row's median over the baseline's median (for rates: baseline over row, so > 1 is always slower)."""
        base = self.baseline()
        if base is None or not base.median or not row.median:
            return None
        if row.higher_is_better:
            return base.median / row.median
        return row.median / base.median


def timed_rounds(functions: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[float]]:
    """Run each function ``rounds`` times, interleaved (a, b, c, a, b, c, ...), and return wall times in seconds.

    The garbage collector is collected before and switched off during each timing, as timeit does.
    """
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                function()
                times[name].append(time.perf_counter() - start)
            finally:
                gc.enable()
    return times


@contextlib.contextmanager
def one_core() -> Iterator[str]:
    """Pin this process to one CPU while the block runs (Linux); yields a description."""
    if not hasattr(os, "sched_getaffinity"):
        yield "not pinned (no sched_setaffinity on this platform)"
        return
    before = os.sched_getaffinity(0)
    cpu = max(before)
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError:
        yield "not pinned (sched_setaffinity refused)"
        return
    try:
        yield f"pinned to CPU {cpu}"
    finally:
        os.sched_setaffinity(0, before)


def callgrind(script: Path, modes: list[str], *args: str) -> dict[str, int] | None:
    """Instructions executed by ``python script MODE ARGS...`` for each mode, counted by valgrind's callgrind
    (deterministic: the machine's load does not move them), or None when valgrind is not installed.

    Each mode is its own process; a caller takes differences between modes that share their setup, so that the
    interpreter's start, the imports and the setup cancel out."""
    import shutil

    if shutil.which("valgrind") is None:
        return None
    return {mode: instructions_of([sys.executable, str(script), mode, *args]) for mode in modes}


def instructions_of(command: list[str], env: dict[str, str] | None = None) -> int:
    """Instructions executed by one whole process (valgrind must be installed): callgrind follows a script's
    ``#!`` line to its interpreter, so a console script is counted as it runs."""
    import subprocess

    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**(os.environ if env is None else env), "PYTHONHASHSEED": "0"},
    )
    found = [line for line in done.stderr.splitlines() if "Collected :" in line]
    if done.returncode != 0 or not found:
        raise RuntimeError(f"callgrind run of {' '.join(command[1:3])} failed: {done.stderr.strip()[-800:]}")
    return int(found[-1].split(":")[-1].strip())


def machine() -> dict[str, str]:
    """The facts that make numbers comparable: cores, CPU, Python, date."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = next(
            line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
        )
        memory = f"{int(memory) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    versions = {}
    for package in ("zen-engine", "simpleeval", "PyYAML", "jsonschema", "click"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - not installed
            versions[package] = "not installed"
    return {
        "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def fmt(value: float | None, unit: str = "") -> str:
    """A number with sensible digits."""
    if value is None:
        return "-"
    if value >= 1000:
        text = f"{value:,.0f}"
    elif value >= 100:
        text = f"{value:.1f}"
    elif value >= 10:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return text


def table(result: Result) -> list[str]:
    """The result as Markdown table lines (also readable as plain text)."""
    lines = ["| what | unit | median | min | max | runs | ratio to baseline |", "|---|---|---:|---:|---:|---:|---:|"]
    for row in result.rows:
        ratio = result.ratio(row)
        ratio_text = "baseline" if row.baseline else (f"{ratio:.2f}x" if ratio is not None else "-")
        label = row.label + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {label} | {row.unit} | {fmt(row.median)} | {fmt(row.low)} | {fmt(row.high)} | "
            f"{len(row.samples)} | {ratio_text} |"
        )
    return lines


def report(result: Result) -> list[str]:
    """A whole benchmark's report as Markdown lines."""
    lines = [f"### {result.title}", ""]
    if result.skipped:
        return lines + [f"Not run: {result.skipped}", ""]
    if result.rows:
        lines += table(result) + [""]
    for name, value in result.ratios:
        lines.append(f"- {name}: **{value:.2f}**")
    for target in result.targets:
        mark = {True: "met", False: "NOT met", None: "not measured"}[target.met]
        lines.append(f"- Target: {target.text}: **{mark}**" + (f" ({target.detail})" if target.detail else ""))
    for note in result.notes:
        lines.append(f"- {note}")
    if result.failed:
        lines.append(f"- **FAILED**: {result.failed}")
    lines.append("")
    return lines


def main(run: Callable[[bool], Result]) -> int:
    """Run one benchmark module from the command line: ``--quick`` for a smoke run."""
    import argparse

    parser = argparse.ArgumentParser(description=(run.__doc__ or "").strip().splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer profiles and runs (a smoke test, noisy numbers)")
    args = parser.parse_args()
    result = run(args.quick)
    print("\n".join(report(result)))
    return 1 if result.failed else 0
