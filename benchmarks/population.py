"""Benchmark 7: a reform's cost over a population, ``subsidie diff --profiles FILE.csv``, against ``subsidie batch``.

Writes N generated one-project companies to a CSV file (default 100,000; ``write_rows`` of
batch.py, the rows of benchmark 4) and a copy of the shipped rules with one rate changed
(kmo-portefeuille's raised rate for micro and small firms 45% -> 50% from 2026-01-01), then runs
on that same file, for each number of worker processes (``--jobs``, default 1 and 2):

- ``subsidie batch FILE -o OUT.csv``: every row evaluated once, under the current rules;
- ``subsidie diff --base rules --rules CHANGED --profiles FILE --format json``: the one-rate change.
  A row whose project kind the change cannot touch (not advice or training, here) is evaluated once,
  so this is the speed a reform of one measure gets;
- the same ``diff`` with a facts file of the copy changed as well (a comment line added): every kind
  is touched, so every row is evaluated under both rule sets (the worst case, same figures).

Each command's wall time and rows per second, the speed of ``diff`` over that of ``batch``
(target: at least 0.5), and the peak memory summed over the command's processes: the peak
resident set (``VmHWM``) of the command and of every process it starts (the workers), read from
/proc every 0.05 s while it runs, added up (target: no process over 150 MB, the bound of issue 4
for ``batch`` on 1,000,000 rows; run with ``--rows 1000000`` to see that it does not grow). The
JSON of the one-rate ``diff`` must cover every row and give totals by measure and by size, and be
the same for every number of jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, Result, Row, Target, report
from batch import write_rows
from startup import subsidie_command

AS_OF = "2026-11-29"
ONE_RATE = (
    "  raised_themes:\n",
    """\
      - from: 2026-01-01
        value:
          standard: {micro: 30, small: 30, medium: 20}
          raised: {micro: 50, small: 50, medium: 35}
        source: https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille/hoeveel-subsidies-kan-ik-krijgen
  raised_themes:
""",
)


def changed_rules(target: Path, every_kind: bool) -> Path:
    """A copy of the shipped rules with the one rate changed; ``every_kind``: a facts file changed too."""
    shutil.copytree(ROOT / "rules", target)
    path = target / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ONE_RATE[0]) == 1
    path.write_text(text.replace(*ONE_RATE), encoding="utf-8")
    if every_kind:
        facts = target / "facts" / "common.yaml"
        facts.write_text(facts.read_text(encoding="utf-8") + "# changed: every kind is touched\n", encoding="utf-8")
    return target


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _peak_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_measured(command: list[str], stdout_path: Path) -> tuple[float, int, int, int, str]:
    """(wall seconds, peak KiB summed over the command's processes, the largest process's peak KiB, exit code,
    stderr) of one run."""
    with stdout_path.open("wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        peaks: dict[int, int] = {}
        while True:
            waiting = [process.pid]
            while waiting:  # the command and every process it started, still running
                pid = waiting.pop()
                peak = _peak_kib(pid)
                if peak is not None:
                    peaks[pid] = max(peak, peaks.get(pid, 0))
                waiting += _children(pid)
            done, status, usage = os.wait4(process.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        peaks[process.pid] = max(peaks.get(process.pid, 0), usage.ru_maxrss)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return elapsed, sum(peaks.values()), max(peaks.values()), code, err.read().decode(errors="replace")


def run(quick: bool = False, rows: int | None = None, jobs: list[int] | None = None) -> Result:
    """Benchmark 7: diff over a population (a one-rate change) against batch on the same rows."""
    result = Result("population", "7. A reform's cost over a population: subsidie diff --profiles FILE.csv")
    rows = rows or (10_000 if quick else 100_000)
    jobs = jobs or [1, 2]
    base, how = subsidie_command()
    with tempfile.TemporaryDirectory(prefix="subsidie-bench-") as folder:
        work = Path(folder)
        one_rate = changed_rules(work / "one-rate", every_kind=False)
        every_kind = changed_rules(work / "every-kind", every_kind=True)
        source = work / "companies.csv"
        write_rows(source, rows)

        def measure(label: str, command: list[str]) -> tuple[float, int, Path] | None:
            """(rows per second, the largest process's peak KiB, standard output) of one command."""
            out = work / "out.json"
            elapsed, peak, largest, code, stderr = run_measured(base + command, out)
            expected = (0, 2) if command[0] == "diff" else (0, 1)  # bad rows are not a failure here
            if code not in expected:
                result.failed = f"`{' '.join(command)}` exited with {code}: {stderr.strip()[:800]}"
                return None
            result.rows.append(Row(f"{label}: wall time", [elapsed], "s"))
            result.rows.append(Row(f"{label}: rows per second", [rows / elapsed], "rows/s", higher_is_better=True))
            result.rows.append(Row(f"{label}: peak memory, all processes", [peak / 1024], "MiB"))
            return rows / elapsed, largest, out

        def diff_command(rules: Path, job: int) -> list[str]:
            return ["diff", "--base", str(ROOT / "rules"), "--rules", str(rules), "--profiles", str(source)] + [
                "--format",
                "json",
                "--as-of",
                AS_OF,
                "--jobs",
                str(job),
                "--no-progress",
            ]

        reports: list[dict] = []
        for job in jobs:
            batch = measure(
                f"batch, {rows:,} rows, --jobs {job}",
                ["batch", str(source), "-o", str(work / "out.csv"), "--as-of", AS_OF, "--jobs", str(job)],
            )
            diff = measure(f"diff one rate, {rows:,} rows, --jobs {job}", diff_command(one_rate, job))
            if diff is not None:
                reports.append(json.loads(diff[2].read_text(encoding="utf-8")))
            twice = measure(f"diff every row twice, {rows:,} rows, --jobs {job}", diff_command(every_kind, job))
            if batch is None or diff is None or twice is None:
                return result
            for name, speed in (("one rate", diff[0]), ("every row twice", twice[0])):
                ratio = speed / batch[0]
                result.ratios.append((f"--jobs {job}: diff ({name}) rows/s over batch rows/s", ratio))
                target = f"--jobs {job}: diff ({name}) at least half the speed of batch"
                first = name == "one rate" and job == jobs[0]
                result.targets.append(
                    Target(
                        target,
                        ratio >= 0.5,
                        f"{ratio:.2f}",
                        goal="population" if first else "",
                        measured=ratio,
                        limit=0.5,
                        higher_is_better=True,
                    )
                )
            largest = max(diff[1], twice[1]) / 1024
            result.targets.append(
                Target(
                    f"--jobs {job}: no process of diff over 150 MB on {rows:,} rows",
                    largest * 2**20 <= 150e6,
                    f"the largest {largest:.1f} MiB",
                )
            )
    if any(other != reports[0] for other in reports[1:]):
        result.failed = "the one-rate report differs between numbers of jobs"
    elif reports:
        _check_report(result, reports[0], rows, jobs)
    result.notes.append(
        f"Command: {how}; the rows are those of benchmark 4 (batch.py); --as-of {AS_OF}; each command runs once "
        "(a long run is its own average), one after the other on the same file. Peak memory: each process's "
        "VmHWM, read every 0.05 s, summed over the command and its workers."
    )
    return result


def _check_report(result: Result, report: dict, rows: int, jobs: list[int]) -> None:
    """The one-rate report covers every row and gives the totals by measure and by size: noted."""
    if report["rows"] != rows or not report["by_measure"] or not report["by_size"]:
        result.failed = f"the report covers {report['rows']} rows of {rows}, or lacks its breakdowns"
        return
    kmo = next(m for m in report["by_measure"] if m["measure"] == "kmo-portefeuille")
    sizes = ", ".join(f"{s['size']} {s['totals']['difference']:+,.2f}" for s in report["by_size"])
    totals = report["totals"]
    result.notes.append(
        f"The one-rate change over {rows:,} companies (the same report with --jobs {', '.join(map(str, jobs))}): "
        f"{report['affected']['companies']:,} companies affected, {report['counts']['changed']:,} results changed, "
        f"recommended EUR {totals['before']:,.2f} -> {totals['after']:,.2f} ({totals['difference']:+,.2f}); "
        f"kmo-portefeuille {kmo['totals']['difference']:+,.2f}; by size: {sizes}."
    )


def _main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark 7: subsidie diff over a population against batch.")
    parser.add_argument("--quick", action="store_true", help="10,000 rows instead of 100,000")
    parser.add_argument("--rows", type=int, help="how many rows to generate (default 100,000)")
    parser.add_argument("--jobs", default="1,2", help="the numbers of worker processes to run with (default 1,2)")
    args = parser.parse_args()
    result = run(args.quick, args.rows, [int(j) for j in args.jobs.split(",")])
    print("\n".join(report(result)))
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(_main())
