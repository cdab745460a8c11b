"""Run the benchmarks and print their tables; ``--write`` also updates benchmarks/RESULTS.md.

    python benchmarks/run.py                  # all eight, full size (batch: 1,000,000 rows; population: 100,000)
    python benchmarks/run.py --quick          # a smoke run: fewer profiles, runs and rows
    python benchmarks/run.py --only serve     # any of the NAMES below, comma-separated
    python benchmarks/run.py --write          # and record the results in benchmarks/RESULTS.md

Each benchmark runs in its own fresh Python process, so one cannot warm or burden another.
The exit code is 1 when a check failed (e.g. an implementation disagreed with the
hand-written decision), else 0; missed targets are reported, not failures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import Result, Row, Target, machine, report  # noqa: E402

NAMES = ("decision", "ruleset", "startup", "batch", "serve", "history", "population", "projects")
RESULTS = HERE / "RESULTS.md"

GOALS: dict[str, str] = {
    "decision": "a decision at most 2.0x hand-written Python",
    "profiles-per-second": "at least 50,000 one-project profiles/s on one core",
    "explanations": "explanations on at most 3x off (issue 6), profiles/s of the whole rule set",
    "start": "`evaluate` start at most 0.85x the bare import of its dependencies",
    "batch-row": "batch, one job, per row at most 1.3x the per-profile cost",
    "jobs": "`--jobs 2` at least 1.7x one job",
    "linear": "cost linear in projects: per project at 1,000 at most 1.25x at 10 (explanations off)",
    "projects-command": "`evaluate` on 1,000 projects and 7,600 aid entries under 0.3 s of CPU",
    "population": "`diff` over a population at least half the speed of `batch` (one job)",
}
"""The goals of issue 18, in the order of its table, by key. A benchmark reports its figure for one by
giving a target that key (``Target(goal=..., measured=..., limit=...)``); the table at the end of the run
has a row for each goal some benchmark of the run reported, and none for the others (with ``--write``, the
row RESULTS.md had for such a goal is kept, with the date of the run that measured it). A new goal is a line
here and a ``goal=`` in the benchmark that measures it (plus its name in :data:`NAMES`)."""


def _child(name: str, quick: bool, rows: int | None) -> None:
    """Run one benchmark here and print its result as JSON on the last line."""
    module = __import__(name)
    result = module.run(quick, rows) if name in ("batch", "population") else module.run(quick)
    print("@@RESULT@@" + json.dumps(dataclasses.asdict(result)))


def _load(data: dict) -> Result:
    result = Result(**{k: v for k, v in data.items() if k not in ("rows", "targets", "ratios")})
    result.rows = [Row(**row) for row in data["rows"]]
    result.targets = [Target(**target) for target in data["targets"]]
    result.ratios = [tuple(pair) for pair in data["ratios"]]
    return result


def run_one(name: str, quick: bool, rows: int | None) -> tuple[Result, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name] + (["--quick"] if quick else [])
    if rows:
        command += ["--rows", str(rows)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent)
    elapsed = time.perf_counter() - start
    marker = [line for line in done.stdout.splitlines() if line.startswith("@@RESULT@@")]
    if done.returncode != 0 or not marker:
        result = Result(name, name)
        result.failed = f"the benchmark crashed (exit {done.returncode}):\n{done.stderr.strip()[-3000:]}"
        return result, elapsed
    return _load(json.loads(marker[-1][len("@@RESULT@@") :])), elapsed


def _section(name: str, lines: list[str], facts: dict[str, str], quick: bool, elapsed: float) -> str:
    mode = "quick (--quick: a smoke run, noisy)" if quick else "full"
    head = f"_Measured {facts['date']}, {mode} run, {elapsed:.0f} s; {facts['nproc']} cores, {facts['python']}._"
    body = "\n".join([lines[0], "", head, ""] + lines[2:]).rstrip()
    return f"<!-- bench:{name} -->\n{body}\n<!-- /bench:{name} -->"


GOALS_HEAD = [
    "### Goals of issue 18",
    "",
    "| goal | measured | limit | instructions (callgrind) | status | run |",
    "|---|---:|---:|---|---|---|",
]


def goals_table(results: list[Result], when: str, earlier: str = "") -> list[str]:
    """The goals of :data:`GOALS` as Markdown lines: figure, limit, callgrind instruction counts where measured,
    met or missed by how much, and the run that measured it. A goal no benchmark of this run reported keeps its
    row from ``earlier`` (the table a previous run wrote), if it had one; else it has no row."""
    found = {t.goal: t for r in results for t in r.targets if t.goal in GOALS}
    if not found:
        return []
    kept = {}
    for line in earlier.splitlines():
        cells = line.split(" | ")
        for key, text in GOALS.items():
            if cells[0] == f"| {text}" and len(cells) == len(GOALS_HEAD[2].split(" | ")):
                kept[key] = line
    lines = list(GOALS_HEAD)
    for key, text in GOALS.items():
        target = found.get(key)
        if target is not None:
            lines.append(
                f"| {text} | {_figure(target.measured, target.unit)} | {_figure(target.limit, target.unit)} "
                f"| {target.instructions or '-'} | {_status(target)} | {when} |"
            )
        elif key in kept:
            lines.append(kept[key])
    return lines + [""]


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:,.0f} {unit}"


def _status(target: Target) -> str:
    if target.met is None or target.measured is None or target.limit is None or not target.measured:
        return "not measured"
    if target.met:
        return "met"
    by = target.limit / target.measured if target.higher_is_better else target.measured / target.limit
    return f"**missed by {by:.2f}x**"


def write_results(sections: dict[str, str], facts: dict[str, str]) -> None:
    """Replace the sections of the benchmarks that ran in RESULTS.md, keep the others."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    kept = {m.group(1): m.group(0) for m in re.finditer(r"<!-- bench:(\w+) -->.*?<!-- /bench:\1 -->", old, re.S)}
    kept.update(sections)
    summary = re.search(r"<!-- summary -->.*?<!-- /summary -->", old, re.S)  # written by hand; kept
    header = [
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py --write` (see [README.md](README.md) for what each number means).",
        "Ratios are medians over the baseline's median in the same run; above 1 is slower than the baseline.",
        "",
        "Machine of the latest write:",
        "",
        *(f"- {key}: {value}" for key, value in facts.items()),
        "",
    ]
    ordered = (
        ([summary.group(0)] if summary else [])
        + ([kept["goals"]] if "goals" in kept else [])
        + [kept[name] for name in NAMES if name in kept]
    )
    RESULTS.write_text("\n".join(header) + "\n" + "\n\n".join(ordered) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the subsidie benchmarks.")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (fewer profiles, runs and rows)")
    parser.add_argument("--only", help=f"comma-separated benchmarks to run: {', '.join(NAMES)}")
    parser.add_argument("--skip", help="comma-separated benchmarks not to run")
    parser.add_argument(
        "--rows",
        type=int,
        help="rows for the batch benchmark (default 1,000,000; quick 10,000) and the population one (100,000)",
    )
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.quick, args.rows)
        return 0
    chosen = [n.strip() for n in args.only.split(",")] if args.only else list(NAMES)
    skipped = {n.strip() for n in args.skip.split(",")} if args.skip else set()
    unknown = [n for n in chosen + sorted(skipped) if n not in NAMES]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(NAMES)}")
    facts = machine()
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in facts.items()) + "\n", flush=True)
    sections: dict[str, str] = {}
    failed = False
    results = []
    started = time.perf_counter()
    for name in chosen:
        if name in skipped:
            continue
        before = os.getloadavg()[0]
        result, elapsed = run_one(name, args.quick, args.rows)
        result.notes.append(
            f"Load average (1 minute) {before:.1f} before and {os.getloadavg()[0]:.1f} after (2 cores)."
        )
        results.append(result)
        lines = report(result)
        print("\n".join(lines) + f"({elapsed:.0f} s)\n", flush=True)
        failed = failed or bool(result.failed)
        sections[name] = _section(name, lines, facts, args.quick, elapsed)
    when = facts["date"] + (" (quick)" if args.quick else "")
    goals = goals_table(results, when)
    if goals:
        print("\n".join(goals), flush=True)
        if args.write:  # a partial run replaces the rows of the goals it measured and keeps the others
            earlier = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
            section = re.search(r"<!-- bench:goals -->.*?<!-- /bench:goals -->", earlier, re.S)
            merged = goals_table(results, when, section.group(0) if section else "")
            sections["goals"] = _section("goals", merged, facts, args.quick, time.perf_counter() - started)
    if args.write:
        write_results(sections, facts)
        print(f"Updated {RESULTS.relative_to(HERE.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
