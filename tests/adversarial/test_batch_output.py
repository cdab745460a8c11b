"""``subsidie batch -o`` never turns what the output names into something else, and a changing input
is an error (docs/security.md, "Files the engine writes").

Before: the output was always written to a temporary file renamed over ``-o``, so a FIFO, a device
(as root, ``-o /dev/full`` replaced the device) or a link became a plain file, and an existing
output lost its mode; an input file written to while the batch read it gave a silent short run.
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
import threading
from pathlib import Path

import pytest

from engine.batch.rows import BatchInputError
from engine.batch.runner import run_batch

from .conftest import RULES, Engine
from .harness import assert_contained

AS_OF = _dt.date(2026, 3, 1)
HEADER = "company.legal_form,company.region,company.employees,project.kind,project.theme,project.cost"
ROW = "bv,flanders,12,advice,cybersecurity,10000\n"
#: Three rows without turnover, balance sheet or provider registration: the kmo-portefeuille cannot be decided,
#: and the facts that can change it are listed with the range of its amount (up to 45% of the cost).
OUTPUT = "row,project,measure,status,rate,amount,failed,error,missing,amount_min,amount_max\n" + "".join(
    f"{n},row-{n},kmo-portefeuille,undetermined,,,,,"
    "company.balance_sheet_total;company.turnover;projects[0].provider_registered,0.00,4500.00\n"
    for n in (1, 2, 3)
)


@pytest.fixture
def batch_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "\n" + ROW * 3, encoding="utf-8")
    return path


def test_a_fifo_as_output_gets_the_rows_and_stays_a_fifo(engine: Engine, batch_input: Path, tmp_path: Path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = engine("batch", str(batch_input), "-o", str(fifo), "--as-of", "2026-03-01", cwd=tmp_path)
    reader.join(timeout=30)
    assert_contained(run, 0)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [OUTPUT.encode("utf-8")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv", "run-1"]  # no temporary file left


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7), made in ``tmp_path`` when
    allowed (as root), so that a fault replaces a copy, never the machine's own device; without the
    right to make one, the machine's own, which a user without that right cannot replace either."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        if os.geteuid() == 0:
            pytest.skip("cannot make a device node here")
        return Path("/dev") / name
    return path


def test_a_device_that_refuses_the_rows_is_an_error_and_stays_a_device(engine: Engine, batch_input: Path, tmp_path):
    full = _device(tmp_path, "full", 7)
    run = engine("batch", str(batch_input), "-o", str(full), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 2)
    assert run.stderr == f"error: {full}: No space left on device\n", run.describe()
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_device_that_takes_the_rows(engine: Engine, batch_input: Path, tmp_path: Path):
    null = _device(tmp_path, "null", 3)
    run = engine("batch", str(batch_input), "-o", str(null), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0)
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_link_as_output_keeps_pointing_at_the_file_it_names(engine: Engine, batch_input: Path, tmp_path: Path):
    (tmp_path / "results").mkdir()
    real = tmp_path / "results" / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(real)
    run = engine("batch", str(batch_input), "-o", str(link), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == OUTPUT
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == ["real.csv"]


def test_an_existing_output_keeps_its_mode(engine: Engine, batch_input: Path, tmp_path: Path):
    output = tmp_path / "out.csv"
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o640)
    run = engine("batch", str(batch_input), "-o", str(output), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0)
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o640
    assert output.read_text(encoding="utf-8") == OUTPUT


@pytest.mark.parametrize("change", ["grows", "shrinks"])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_an_input_written_to_while_it_is_read_is_an_error(change: str, suffix: str, tmp_path: Path):
    """The file is changed after the first row is evaluated; 20,000 rows are more than the reader
    has read ahead by then. No output is written."""
    source = tmp_path / f"in{suffix}"
    if suffix == ".csv":
        row = ROW
        source.write_text(HEADER + "\n" + row * 20_000, encoding="utf-8")
    else:
        row = (
            '{"company": {"legal_form": "bv", "region": "flanders", "employees": 12}, '
            '"projects": [{"id": "p", "kind": "advice", "theme": "cybersecurity", "cost": 10000}]}\n'
        )
        source.write_text(row * 20_000, encoding="utf-8")
    output = tmp_path / "out.csv"

    def progress(rows: int) -> None:
        if rows == 1:
            if change == "grows":
                with source.open("a", encoding="utf-8") as stream:
                    stream.write(row * 10)
            else:
                os.truncate(source, source.stat().st_size // 2)

    with pytest.raises(BatchInputError) as caught:
        run_batch(source, output, RULES, AS_OF, progress=progress)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("input-changed", 1, 1)
    assert diagnostic.message == (
        "the file changed while it was read; no output was written: run the batch again once the file is complete"
    )
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_an_input_that_is_not_changed_is_read_whole(tmp_path: Path):
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "\n" + ROW * 20_000, encoding="utf-8")
    summary = run_batch(source, tmp_path / "out.csv", RULES, AS_OF)
    assert (summary.rows, summary.failed_rows) == (20_000, 0)
