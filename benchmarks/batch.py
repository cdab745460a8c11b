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
import time
from pathlib import Path
from typing import Any

from _common import ROOT, Result, Row, report
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
    """(wall seconds, peak RSS in KiB, exit code, stderr) of one batch run; its standard output goes to a file."""
    with stdout_path.open("wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return elapsed, usage.ru_maxrss, process.returncode, err.read().decode(errors="replace")


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
        result.rows.append(Row(f"{count:,} rows: peak RSS", [peak / 1024], "MiB"))
        result.notes.append(
            f"{count:,} rows: CSV {size / 2**20:,.1f} MiB written in {written:.1f} s (not timed); "
            f"output {out_size / 2**20:,.1f} MiB."
        )
    shown = " ".join(batch_arguments(help_text, Path("ROWS.csv"), Path("OUT.csv")) + extra)
    result.notes.append(
        f"Command: {how} batch {shown}; one run per size (a long run is its own "
        "average); the CSV has the " + str(len(COLUMNS)) + " columns of COLUMNS in batch.py (profile paths)."
    )
    return result


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
