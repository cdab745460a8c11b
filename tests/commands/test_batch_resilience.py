"""Batch resilience (issue 7): 1% corrupt rows among 100,000, and runs interrupted halfway.

Every run here is ``python -m engine batch`` in a process of its own, on the 100,000-row input
of :mod:`tests.batch_corpus` (1,000 corrupt rows of thirteen kinds, CSV and JSONL), and for the
interruptions on a 20,000-row input of the same kind (200 corrupt rows): stopping a run halfway
tests the same thing on a fifth of the rows, and the whole file runs in about half the time:

- corrupt rows: every good row's results are in the output, in input order, exactly as a run on
  the good rows alone gives them (row numbers and default project ids translated to the whole
  file); every bad row has one error row with its number and the generator's exact message;
- interrupted halfway by Ctrl-C (SIGINT to the process group) or ``kill`` (SIGTERM to the
  batch process), with one process and with two workers: the process ends within
  :data:`PROMPT` seconds with a non-zero exit and no traceback, leaves no output or temporary
  file and no process of its group alive, and a rerun writes the whole output, byte for byte
  that of an uninterrupted run.

Four faults this file found are checked too: a CSV row with too few cells is an error row (it
was read as if its last cells were empty); Ctrl-C exits 130 (click made it 1, "Aborted!", the
code of "some rows had errors"); with idle workers (an input that gives no rows for a while)
Ctrl-C and SIGTERM to the whole group end the run at once (``multiprocessing.Pool`` hung in
``terminate()`` on the lock an idle worker held; :mod:`engine.batch.workers` replaced it).

The uninterrupted runs are module fixtures, shared by the tests. The only time bound is
:data:`PROMPT`; the whole file takes one to two minutes on a shared two-core machine.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT
from .batch_corpus import Corpus, write_csv, write_jsonl

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")

AS_OF = "2026-01-01"
HEADER = [
    "row",
    "project",
    "measure",
    "status",
    "rate",
    "amount",
    "failed",
    "error",
    "missing",
    "amount_min",
    "amount_max",
]
# Seconds from the signal to the end of the process. It takes well under one second (0.03 to
# 0.1 s measured); the margin is for a shared, loaded two-core machine.
PROMPT = 10.0
# Seconds a run may take to get halfway before the test gives up (it takes 1 to 4 s).
HALFWAY_LIMIT = 600.0


@dataclass(frozen=True)
class Inputs:
    corpus: Corpus
    folder: Path
    csv: Path
    good_csv: Path
    jsonl: Path
    csv_messages: dict[int, str]
    jsonl_messages: dict[int, str]


@dataclass(frozen=True)
class Run:
    code: int
    stderr: str
    output: Path

    def rows(self) -> list[list[str]]:
        with self.output.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))


def batch_command(source: Path, target: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "engine",
        "batch",
        str(source),
        "-o",
        str(target),
        "--jobs",
        str(jobs),
        "--as-of",
        AS_OF,
    ]


def run_batch(source: Path, target: Path, jobs: int) -> Run:
    done = subprocess.run(
        batch_command(source, target, jobs), cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False
    )
    assert done.stdout == ""
    return Run(done.returncode, done.stderr, target)


def summary_line(rows: int, failed: int, results: int, target: Path) -> re.Pattern[str]:
    """The one line ``subsidie batch`` writes to standard error at the end (the time varies)."""
    return re.compile(
        re.escape(f"{rows} rows ({failed} with errors), {results} results in ")
        + r"\d+\.\d"
        + re.escape(f" s: {target}")
        + "\n"
    )


def first_difference(got: list[list[str]], expected: list[list[str]]) -> str | None:
    """None when the two outputs are equal, else where they first differ (a short text, not a 170,000-line diff)."""
    for index, (line, wanted) in enumerate(zip(got, expected)):
        if line != wanted:
            return f"output line {index + 1}: {line} instead of {wanted}"
    if len(got) != len(expected):
        return f"{len(got)} output lines instead of {len(expected)}"
    return None


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    folder = tmp_path_factory.mktemp("resilience")
    corpus = Corpus(100_000)
    good_csv = folder / "good.csv"
    write_csv(corpus, good_csv, good_only=True)
    return Inputs(
        corpus,
        folder,
        folder / "companies.csv",
        good_csv,
        folder / "companies.jsonl",
        write_csv(corpus, folder / "companies.csv"),
        write_jsonl(corpus, folder / "companies.jsonl"),
    )


@pytest.fixture(scope="module")
def good_run(inputs: Inputs) -> Run:
    """The good rows alone (99,000), with two worker processes."""
    return run_batch(inputs.good_csv, inputs.folder / "good-results.csv", 2)


@pytest.fixture(scope="module")
def reference(inputs: Inputs) -> Run:
    """All 100,000 rows of the CSV input, uninterrupted, with two worker processes."""
    return run_batch(inputs.csv, inputs.folder / "results.csv", 2)


INTERRUPTED_ROWS = 20_000


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """An uninterrupted run, with two worker processes, over the input the interruption tests stop halfway."""
    folder = tmp_path_factory.mktemp("interrupted")
    write_csv(Corpus(INTERRUPTED_ROWS), folder / "companies.csv")
    return run_batch(folder / "companies.csv", folder / "results.csv", 2)


def expected_output(corpus: Corpus, good_rows: list[list[str]], messages: dict[int, str]) -> list[list[str]]:
    """The output of the whole file, built from the output of the good rows alone and the generator's messages.

    Row N of the good-rows file is row ``corpus.good_numbers()[N - 1]`` of the whole file; a
    row without a project id (every tenth) gets the id ``row-<its number>``, so that changes too.
    """
    numbers = corpus.good_numbers()
    by_row: dict[int, list[list[str]]] = {}
    for line in good_rows[1:]:
        by_row.setdefault(int(line[0]), []).append(line)
    expected = [HEADER]
    good = iter(range(1, len(numbers) + 1))
    for number in range(1, corpus.count + 1):
        if number in messages:
            expected.append([str(number), "", "", "", "", "", "", messages[number], "", "", ""])
            continue
        index = next(good)
        assert numbers[index - 1] == number
        for line in by_row.get(index, []):
            project = f"row-{number}" if number % 10 == 0 else f"p{number}"
            assert line[1] == (f"row-{index}" if number % 10 == 0 else project), line
            expected.append([str(number), project, *line[2:]])
    return expected


# --------------------------------------------------------------------------- corrupt rows


def test_the_good_rows_alone_evaluate_without_an_error(good_run, inputs):
    rows = good_run.rows()
    assert rows[0] == HEADER
    assert [line for line in rows[1:] if line[7]] == []
    assert {int(line[0]) for line in rows[1:]} == set(range(1, 99_001))  # every row has results
    assert good_run.code == 0
    assert summary_line(99_000, 0, len(rows) - 1, good_run.output).fullmatch(good_run.stderr)


def test_csv_every_good_row_is_in_the_output_and_every_bad_row_is_reported(reference, good_run, inputs):
    rows = reference.rows()
    errors = [line for line in rows[1:] if line[7]]
    assert len(errors) == 1_000
    assert [int(line[0]) for line in errors] == sorted(inputs.corpus.bad)
    assert not any("Traceback" in line[7] for line in errors)
    assert first_difference(rows, expected_output(inputs.corpus, good_run.rows(), inputs.csv_messages)) is None
    assert reference.code == 1
    assert summary_line(100_000, 1_000, len(good_run.rows()) - 1, reference.output).fullmatch(reference.stderr)


def test_jsonl_every_good_row_is_in_the_output_and_every_bad_row_is_reported(good_run, inputs, tmp_path):
    done = run_batch(inputs.jsonl, tmp_path / "results.csv", 2)
    rows = done.rows()
    assert [int(line[0]) for line in rows[1:] if line[7]] == sorted(inputs.corpus.bad)
    assert first_difference(rows, expected_output(inputs.corpus, good_run.rows(), inputs.jsonl_messages)) is None
    assert done.code == 1
    assert summary_line(100_000, 1_000, len(good_run.rows()) - 1, done.output).fullmatch(done.stderr)


def test_a_row_with_too_few_cells_is_an_error_row(tmp_path):
    source = tmp_path / "companies.csv"
    source.write_text(
        "company.legal_form,company.region,company.employees,company.turnover,"
        "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
        "project.provider_registered\n"
        "bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n"
        "bv,flanders,12,1800000,900000,advice,cybersecurity\n",
        encoding="utf-8",
    )
    done = run_batch(source, tmp_path / "results.csv", 1)
    assert done.rows()[1] == ["1", "row-1", "kmo-portefeuille", "eligible", "45", "4500.00", "", "", "", "", ""]
    assert done.rows()[2][:7] == ["2", "", "", "", "", "", ""]
    assert done.rows()[2][7].startswith("the row has 7 cells but the header has 10 columns")
    assert done.code == 1


# --------------------------------------------------------------------------- interruption


def _stat(pid: int) -> tuple[str, int, str] | None:
    """(state, process group, start time) of a process, None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return fields[0], int(fields[2]), fields[19]


def group_members(group: int) -> dict[int, tuple[str, str, str]]:
    """The live processes of a process group: pid -> (state, start time, command line); zombies count as dead."""
    found = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        info = _stat(int(entry))
        if info is not None and info[1] == group and info[0] not in "ZX":
            try:
                command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            found[int(entry)] = (info[0], info[2], command.strip())
    return found


def still_alive(pid: int, started: str) -> bool:
    """True when the process is alive and is the same one (same start time), not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    info = _stat(pid)
    return info is not None and info[0] not in "ZX" and info[2] == started


@dataclass(frozen=True)
class Interrupted:
    code: int | None  # None: still running PROMPT seconds after the signal (then killed)
    stderr: str
    seconds: float  # from the signal to the end of the process
    written: int  # bytes in the temporary output when the signal went
    workers: int  # worker processes running when the signal went
    left: list[str]  # the output folder's files afterwards
    alive: list[str]  # processes of the run's group still alive afterwards
    signum: int  # the signal sent


class Batch:
    """A ``subsidie batch`` process in a process group of its own, so that a signal can reach all of it as Ctrl-C
    does."""

    def __init__(self, source: Path, target: Path, jobs: int):
        self.target = target
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - kept open while the process runs, closed in close()
        self.process = subprocess.Popen(
            batch_command(source, target, jobs),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
            start_new_session=True,
        )

    def written(self) -> int:
        """Bytes in the temporary output file so far."""
        folder = self.target.parent
        for name in os.listdir(folder):
            if name.startswith(f".{self.target.name}."):
                with contextlib.suppress(FileNotFoundError):
                    return (folder / name).stat().st_size
        return 0

    def wait_until(self, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + HALFWAY_LIMIT
        while not ready():
            assert self.process.poll() is None, f"the run ended before {what}"
            assert time.monotonic() < deadline, f"the run did not get {what}"
            time.sleep(0.02)

    def interrupt(self, signum: int, whole_group: bool) -> Interrupted:
        """Send ``signum`` to the batch process or its whole group; wait for the end, kill what is left after
        :data:`PROMPT` seconds, and see what is left."""
        written = self.written()
        members = group_members(self.process.pid)
        (os.killpg if whole_group else os.kill)(self.process.pid, signum)
        sent = time.monotonic()
        try:
            code: int | None = self.process.wait(timeout=PROMPT)
        except subprocess.TimeoutExpired:
            code = None
        seconds = time.monotonic() - sent
        self.kill()
        self.stderr.seek(0)
        stderr = self.stderr.read().decode("utf-8", errors="replace")
        workers = sum("spawn_main" in command for _, _, command in members.values())
        deadline = time.monotonic() + PROMPT  # workers end with the batch; the resource tracker just after
        while True:
            alive = {pid: command for pid, (_, started, command) in members.items() if still_alive(pid, started)}
            alive.update((pid, command) for pid, (_, _, command) in group_members(self.process.pid).items())
            if not alive or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return Interrupted(
            code,
            stderr,
            seconds,
            written,
            workers,
            sorted(os.listdir(self.target.parent)),
            sorted(alive.values()),
            signum,
        )

    def kill(self) -> None:
        """Kill the process group if the batch still runs."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def close(self) -> None:
        self.kill()
        self.stderr.close()


def interrupt_halfway(
    source: Path, target: Path, jobs: int, signum: int, whole_group: bool, full_size: int
) -> Interrupted:
    """Interrupt a batch when its temporary output holds half of ``full_size`` bytes."""
    batch = Batch(source, target, jobs)
    try:
        batch.wait_until(lambda: batch.written() >= full_size // 2, "halfway")
        return batch.interrupt(signum, whole_group)
    finally:
        batch.close()


def check_interrupted(stopped: Interrupted, jobs: int, how: str) -> None:
    where = f"{how}: {stopped}"
    assert stopped.workers == (jobs if jobs > 1 else 0), where
    assert stopped.code is not None and stopped.seconds < PROMPT, f"the batch did not end promptly after {where}"
    assert stopped.code == 128 + stopped.signum, where  # 130 for Ctrl-C, 143 for SIGTERM
    assert "Traceback" not in stopped.stderr and len(stopped.stderr.strip().splitlines()) == 1, where
    assert stopped.left == [], where
    assert stopped.alive == [], where


# Ctrl-C in a terminal, kill PID, and SIGTERM to the whole group (a service manager's stop).
INTERRUPTIONS = [(signal.SIGINT, True), (signal.SIGTERM, False), (signal.SIGTERM, True)]


@pytest.mark.parametrize("jobs", [1, 2], ids=["one process", "two workers"])
def test_an_interrupted_run_leaves_nothing_and_a_rerun_writes_the_whole_output(jobs, small, tmp_path):
    source = small.output.parent / "companies.csv"
    full_size = small.output.stat().st_size
    target = tmp_path / "results.csv"
    for signum, whole_group in INTERRUPTIONS:
        how = f"{signal.Signals(signum).name} to the {'process group' if whole_group else 'batch process'}"
        stopped = interrupt_halfway(source, target, jobs, signum, whole_group, full_size)
        assert full_size // 2 <= stopped.written < full_size, f"{how}: {stopped}"
        check_interrupted(stopped, jobs, how)
    rerun = run_batch(source, target, jobs)
    assert rerun.code == 1
    assert summary_line(INTERRUPTED_ROWS, 200, len(small.rows()) - 1 - 200, rerun.output).fullmatch(rerun.stderr)
    assert sorted(os.listdir(tmp_path)) == ["results.csv"]
    assert rerun.output.read_bytes() == small.output.read_bytes()


def test_an_interrupted_run_exits_130(inputs, reference, tmp_path):
    stopped = interrupt_halfway(
        inputs.csv, tmp_path / "results.csv", 1, signal.SIGINT, True, reference.output.stat().st_size // 10
    )  # "halfway" through a tenth: 5% done
    assert (stopped.code, stopped.left) == (130, [])


@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [(signal.SIGINT, True), (signal.SIGTERM, True)],
    ids=["SIGINT to the group", "SIGTERM to the group"],
)
def test_an_interrupted_run_with_idle_workers_ends_promptly(inputs, tmp_path, signum, whole_group):
    """A batch reading a pipe that gives no more rows for now: Ctrl-C, or SIGTERM to its process group."""
    (tmp_path / "out").mkdir()
    source = tmp_path / "companies.csv"
    os.mkfifo(source)
    writer = os.open(source, os.O_RDWR)  # never blocks; the input stays open (no end) while the test runs
    try:
        with inputs.csv.open("rb") as handle:
            os.write(writer, handle.readline() + handle.readline())  # the header and one row
        batch = Batch(source, tmp_path / "out" / "results.csv", 2)
        try:
            idle = [0]

            def workers_idle() -> bool:  # both workers asleep (waiting for rows) for a second on end
                states = [
                    state for state, _, command in group_members(batch.process.pid).values() if "spawn_main" in command
                ]
                idle[0] = idle[0] + 1 if states == ["S", "S"] else 0
                return idle[0] >= 50

            batch.wait_until(workers_idle, "idle workers")
            check_interrupted(batch.interrupt(signum, whole_group), 2, signal.Signals(signum).name)
        finally:
            batch.close()
    finally:
        os.close(writer)
