"""Benchmark 4: batch, ``subsidie batch`` over N generated CSV rows (default 1,000,000).

Writes N rows of one-project company profiles to a temporary CSV file (streaming, from a pool
of 10,000 distinct seeded rows, repeated; the command numbers the rows), then runs
``subsidie batch FILE`` with its output in a temporary file (named with ``--output``/``-o`` or a
second argument when ``--help`` shows one, else standard output redirected) and reports wall
time, rows per second and peak RSS (the
``ru_maxrss`` that ``wait4`` returns for the command: the largest resident set of the process
or of any child it waited for; with worker processes this is the biggest one, not the sum).
A 1,000-row run first checks that the command accepts the file and shows how memory grows
with the number of rows.

When ``subsidie batch`` does not exist yet, this says so and exits 0.

The columns are the profile's field paths (``company.employees``, ``project.kind``, ...), with
``aid_received``, ``company.partner_enterprises`` and ``company.linked_enterprises`` as JSON
lists; an empty cell is an absent fact. Options for the command (e.g. the number of worker
processes) go in ``--batch-args`` (also ``SUBSIDIE_BENCH_BATCH_ARGS``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _common import ROOT, Result, Row, Target, report
from profiles import KINDS, Generator, plain
from startup import subsidie_command

COLUMNS = [
    "company.name",
    "company.legal_form",
    "company.founded",
    "company.region",
    "company.employees",
    "company.turnover",
    "company.balance_sheet_total",
    "company.previous_year.employees",
    "company.previous_year.turnover",
    "company.previous_year.balance_sheet_total",
    "company.partner_enterprises",
    "company.linked_enterprises",
    "company.public_participation",
    "company.negative_equity",
    "company.in_difficulty",
    "company.maatwerkbedrijf",
    "company.nis2_sector",
    "project.kind",
    "project.theme",
    "project.cost",
    "project.application_date",
    "project.start_date",
    "project.provider_registered",
    "project.provider_framework_contract",
    "project.package",
    "project.collaboration",
    "project.development_cost",
    "project.consortium.research_organisation",
    "project.consortium.independent_companies",
    "aid_received",
]
POOL = 10_000


def row(profile: dict[str, Any]) -> list[str]:
    """One CSV row from a raw one-project profile: lists as JSON cells, an absent fact as an empty cell.
    The project id is left out: the batch command numbers the rows."""
    data = plain(profile)
    flat: dict[str, str] = {}
    for prefix, part in (("company", data["company"]), ("project", data["projects"][0])):
        for key, value in part.items():
            if isinstance(value, dict):
                for sub, inner in value.items():
                    flat[f"{prefix}.{key}.{sub}"] = _text(inner)
            else:
                flat[f"{prefix}.{key}"] = _text(value)
    if data.get("aid_received"):
        flat["aid_received"] = _text(data["aid_received"])
    return [flat.get(column, "") for column in COLUMNS]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, separators=(",", ":")) if value else ""
    return "" if value is None else str(value)


def write_rows(path: Path, count: int) -> None:
    """Write ``count`` rows to ``path`` without holding them in memory (a pool of distinct rows, cycled)."""
    generator = Generator(seed=4)
    pool = [row(generator.profile(KINDS[i % len(KINDS)])) for i in range(min(POOL, count))]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for n in range(count):
            writer.writerow(pool[n % len(pool)])


def batch_arguments(help_text: str, csv_path: Path, out_path: Path) -> list[str]:
    """How to name the output, read from ``subsidie batch --help``: an --output/-o option, a second
    positional argument, or else standard output (redirected to the file by :func:`run_batch`)."""
    usage = next((line for line in help_text.splitlines() if "Usage:" in line), "")
    positional = re.findall(r"\b[A-Z][A-Z_]+\b", usage.split("batch", 1)[-1])
    positional = [p for p in positional if p not in ("OPTIONS",)]
    if re.search(r"--output\b", help_text):
        return [str(csv_path), "--output", str(out_path)]
    if re.search(r"(^|\s)-o\b", help_text):
        return [str(csv_path), "-o", str(out_path)]
    if len(positional) >= 2:
        return [str(csv_path), str(out_path)]
    return [str(csv_path)]


def batch_exists(command: list[str]) -> tuple[bool, str]:
    done = subprocess.run(command + ["batch", "--help"], cwd=ROOT, capture_output=True, text=True)
    text = (done.stdout + done.stderr).strip()
    return done.returncode == 0, text


def run_batch(command: list[str], stdout_path: Path) -> tuple[float, int, int, str]:
    """(wall seconds, peak memory in KiB, exit code, stderr) of one batch run; its standard output goes to a file.

    The memory is the largest sum of the resident sets of the command and all its worker processes, sampled
    every 20 ms from /proc (where there is no /proc: ``ru_maxrss``, the largest single process)."""
    with stdout_path.open("wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        peak = [0]
        sampler = threading.Thread(target=_sample_memory, args=(process.pid, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return elapsed, peak[0] or usage.ru_maxrss, process.returncode, err.read().decode(errors="replace")


def _sample_memory(pid: int, peak: list[int]) -> None:
    """Keep in ``peak[0]`` the largest sum of VmRSS (KiB) over ``pid`` and its descendants, until ``pid`` ends."""
    proc = Path("/proc")
    if not (proc / str(pid)).exists():
        return
    while True:
        parents: dict[int, int] = {}
        for entry in proc.iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry.name)] = int(fields[1])
        if pid not in parents:
            return
        family, changed = {pid}, True
        while changed:
            grown = family | {child for child, parent in parents.items() if parent in family}
            changed, family = grown != family, grown
        total = 0
        for member in family:
            try:
                status = (proc / str(member) / "status").read_text()
            except OSError:
                continue
            if "Z (zombie)" in status:
                if member == pid:
                    return
                continue
            total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        peak[0] = max(peak[0], total)
        time.sleep(0.02)


def run(quick: bool = False, rows: int | None = None, extra: list[str] | None = None) -> Result:
    """Benchmark 4: subsidie batch over generated CSV rows: wall time, rows/s and peak RSS."""
    result = Result("batch", "4. Batch: subsidie batch over generated rows")
    rows = rows or (10_000 if quick else 1_000_000)
    if extra is None:
        extra = shlex.split(os.environ.get("SUBSIDIE_BENCH_BATCH_ARGS", ""))
    base, how = subsidie_command()
    exists, help_text = batch_exists(base)
    if not exists:
        result.skipped = (
            "the `subsidie batch` command does not exist yet (`subsidie batch --help` says: "
            f"{help_text.splitlines()[-1] if help_text else 'nothing'}); nothing measured."
        )
        return result
    with tempfile.TemporaryDirectory(prefix="subsidie-bench-") as folder:
        folder_path = Path(folder)
        measured = []
        for count in sorted({min(1_000, rows), rows}):
            csv_path = folder_path / f"rows-{count}.csv"
            start = time.perf_counter()
            write_rows(csv_path, count)
            written = time.perf_counter() - start
            out_path = folder_path / f"out-{count}.csv"
            command = base + ["batch"] + batch_arguments(help_text, csv_path, out_path) + extra
            elapsed, peak, code, stderr = run_batch(command, folder_path / f"stdout-{count}")
            if code != 0:
                shown = " ".join(shlex.quote(c) for c in command[command.index("batch") :])
                result.failed = f"`{shown}` on {count:,} generated rows exited with {code}: {stderr.strip()[:800]}"
                return result
            size = csv_path.stat().st_size
            out_size = sum(p.stat().st_size for p in (out_path, folder_path / f"stdout-{count}") if p.exists())
            measured.append((count, elapsed, peak, written, size, out_size))
            csv_path.unlink()
    for count, elapsed, peak, written, size, out_size in measured:
        result.rows.append(Row(f"{count:,} rows: wall time", [elapsed], "s"))
        result.rows.append(Row(f"{count:,} rows: rows per second", [count / elapsed], "rows/s", higher_is_better=True))
        result.rows.append(Row(f"{count:,} rows: peak memory, all processes", [peak / 1024], "MiB"))
        result.notes.append(
            f"{count:,} rows: CSV {size / 2**20:,.1f} MiB written in {written:.1f} s (not timed); "
            f"output {out_size / 2**20:,.1f} MiB."
        )
    shown = " ".join(batch_arguments(help_text, Path("ROWS.csv"), Path("OUT.csv")) + extra)
    result.notes.append(
        f"Command: {how} batch {shown}; one run per size (a long run is its own "
        "average); the CSV has the " + str(len(COLUMNS)) + " columns of COLUMNS in batch.py (profile paths). "
        "Peak memory is the largest sum of the resident sets of the command and its worker processes."
    )
    count, elapsed = measured[-1][0], measured[-1][1]
    _per_row_goal(result, count, elapsed, quick)
    if "--jobs" not in extra:
        _jobs_goal(result, base, help_text, min(rows, 20_000 if quick else 100_000), 1 if quick else 3)
    return result


def _per_row_goal(result: Result, count: int, elapsed: float, quick: bool) -> None:
    """Goal: a batch row (one job) at most 1.3x the evaluation of its profile alone, in the batch's evaluator."""
    from _common import one_core, timed_rounds
    from instructions import BATCH_AS_OF, per_unit

    from engine.batch.reader import check_row, read_raw_rows
    from engine.batch.runner import BATCH_COMPLETIONS
    from engine.evaluate.evaluator import Evaluator
    from engine.load.ruleset import load_rules_cached
    from engine.resources import rules_dir

    rules, _ = load_rules_cached(rules_dir())
    assert rules is not None
    evaluate = Evaluator(rules, completions=BATCH_COMPLETIONS).evaluate
    with tempfile.TemporaryDirectory(prefix="subsidie-bench-") as folder:
        path = Path(folder) / "pool.csv"
        write_rows(path, min(POOL, count))
        profiles = [check_row(item)[2] for item in read_raw_rows(path)]

    def loop() -> None:
        for profile in profiles:
            evaluate(profile, BATCH_AS_OF, "en", explain=False)

    loop()  # warm up
    with one_core() as pinned:
        times = timed_rounds({"evaluate": loop}, 3)["evaluate"]
    per_profile = Row(
        "the same rows' profiles, evaluated alone (in process)", [t / len(profiles) * 1e6 for t in times], "us/profile"
    )
    per_row = Row(f"{count:,} rows, one job: wall time per row", [elapsed / count * 1e6], "us/row")
    result.rows += [per_profile, per_row]
    ratio = per_row.median / per_profile.median
    counted = per_unit("batch", 300) if not quick and count >= 100_000 else None  # minutes under valgrind
    instructions = (
        f"{counted['batch-row'] / 1000:,.0f}k instructions a row vs {counted['batch-profile'] / 1000:,.0f}k a "
        f"profile ({counted['batch-row'] / counted['batch-profile']:.2f}x; callgrind, 300 rows)"
        if counted
        else ""
    )
    result.targets.append(
        Target(
            "batch, one job, per row at most 1.3x the evaluation of its profile",
            ratio <= 1.3,
            f"{per_row.median:.1f} vs {per_profile.median:.1f} us: {ratio:.2f}x",
            goal="batch-row",
            measured=ratio,
            limit=1.3,
            instructions=instructions,
        )
    )
    result.notes.append(
        f"Per profile: the {len(profiles):,} profiles of the pool (every row of the CSV is one of them), checked as "
        f"the batch checks them, evaluated by the batch's evaluator (no case split), 3 runs, {pinned}; per row: "
        "the one-job run's wall time (reading, checking, evaluating, writing, the process's start) over its rows."
    )


def _jobs_goal(result: Result, base: list[str], help_text: str, count: int, rounds: int) -> None:
    """Goal: --jobs 2 at least 1.7x one job; both run alternately, ``rounds`` times, on ``count`` rows."""
    with tempfile.TemporaryDirectory(prefix="subsidie-bench-") as folder:
        folder_path = Path(folder)
        csv_path = folder_path / "rows.csv"
        write_rows(csv_path, count)
        walls: dict[str, list[float]] = {"1": [], "2": []}
        peaks: dict[str, list[float]] = {"1": [], "2": []}
        loads = [os.getloadavg()[0]]
        for _ in range(rounds):
            for jobs in ("1", "2"):
                out_path = folder_path / f"out-{jobs}.csv"
                command = base + ["batch"] + batch_arguments(help_text, csv_path, out_path) + ["--jobs", jobs]
                elapsed, peak, code, stderr = run_batch(command, folder_path / "stdout")
                if code != 0:
                    result.failed = f"batch --jobs {jobs} on {count:,} rows exited with {code}: {stderr.strip()[:800]}"
                    return
                walls[jobs].append(elapsed)
                peaks[jobs].append(peak / 1024)
                loads.append(os.getloadavg()[0])
    one = Row(f"{count:,} rows, --jobs 1: wall time", walls["1"], "s")
    two = Row(f"{count:,} rows, --jobs 2: wall time", walls["2"], "s")
    result.rows += [
        one,
        two,
        Row(f"{count:,} rows, --jobs 1: peak memory, all processes", peaks["1"], "MiB"),
        Row(f"{count:,} rows, --jobs 2: peak memory, all processes", peaks["2"], "MiB"),
    ]
    speedup = one.median / two.median
    result.targets.append(
        Target(
            "--jobs 2 at least 1.7x one job",
            speedup >= 1.7,
            f"medians of {rounds}: {one.median:.2f} s vs {two.median:.2f} s",
            goal="jobs",
            measured=speedup,
            limit=1.7,
            higher_is_better=True,
        )
    )
    result.notes.append(
        f"--jobs 1 and --jobs 2 alternate, {rounds} runs each on {count:,} rows; the machine's load average "
        f"(1 minute) went {', '.join(f'{load:.1f}' for load in loads)} over these runs (2 cores: above 2 is shared)."
    )


def _main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark 4: subsidie batch over generated CSV rows.")
    parser.add_argument("--quick", action="store_true", help="10,000 rows instead of 1,000,000")
    parser.add_argument("--rows", type=int, help="how many rows to generate (default 1,000,000)")
    parser.add_argument(
        "--batch-args", default=None, help="extra options for 'subsidie batch', as one shell-quoted text"
    )
    args = parser.parse_args()
    extra = shlex.split(args.batch_args) if args.batch_args is not None else None
    result = run(args.quick, args.rows, extra)
    print("\n".join(report(result)))
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(_main())
