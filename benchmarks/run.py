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
    ordered = ([summary.group(0)] if summary else []) + [kept[name] for name in NAMES if name in kept]
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
    for name in chosen:
        if name in skipped:
            continue
        result, elapsed = run_one(name, args.quick, args.rows)
        lines = report(result)
        print("\n".join(lines) + f"({elapsed:.0f} s)\n", flush=True)
        failed = failed or bool(result.failed)
        sections[name] = _section(name, lines, facts, args.quick, elapsed)
    if args.write:
        write_results(sections, facts)
        print(f"Updated {RESULTS.relative_to(HERE.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
