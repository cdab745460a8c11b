"""``python3 -m fuzz``: fuzz the loader and/or the expression compiler for a number of minutes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .runner import run
from .targets import TARGETS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m fuzz", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0, help="minutes per target (default 10)")
    parser.add_argument(
        "--target",
        choices=[*TARGETS, "all"],
        default="all",
        help="what to fuzz: loader, expressions or all (one after the other)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(".hypothesis") / "fuzz",
        help="folder for the minimal inputs of failures (default .hypothesis/fuzz, git-ignored)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the summary as JSON to this file")
    args = parser.parse_args(argv)
    if args.minutes <= 0:
        parser.error("--minutes must be more than 0")
    names = list(TARGETS) if args.target == "all" else [args.target]
    summary = []
    for name in names:
        started = dt.datetime.now().isoformat(timespec="seconds")
        print(f"[{name}] fuzzing for {args.minutes:g} minute(s) from {started}", flush=True)
        report = run(TARGETS[name](), args.minutes * 60, args.out, log=lambda line: print(line, flush=True))
        print(
            f"[{name}] done: {report.seconds:.0f} s, {report.inputs} inputs in {report.rounds} rounds, "
            f"{len(report.findings)} distinct finding(s), {report.repeats} repeat(s)",
            flush=True,
        )
        print(f"[{name}] outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(report.stats.items())), flush=True)
        for finding in report.findings:
            print(
                f"  {finding.key}: {finding.message[:300]}\n    minimal input: {finding.input[:300]}\n"
                f"    written to {finding.file}",
                flush=True,
            )
        summary.append(
            {
                "target": name,
                "started": started,
                "seconds": round(report.seconds),
                "inputs": report.inputs,
                "rounds": report.rounds,
                "repeats": report.repeats,
                "stats": dict(report.stats),
                "findings": [
                    {"key": f.key, "message": f.message, "input": f.input, "file": f.file} for f in report.findings
                ],
            }
        )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 1 if any(s["findings"] for s in summary) else 0


if __name__ == "__main__":
    sys.exit(main())
