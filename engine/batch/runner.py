"""Batch evaluation: many companies from one CSV or JSONL file, one output row per result.

The input is read as a stream (:func:`~engine.batch.reader.read_rows`), evaluated in
order, in this process or spread over worker processes (:func:`evaluate_rows`), and
written to a temporary file that replaces the output only when every row is done
(:func:`write_output`): after an exception, Ctrl-C or SIGTERM no partial output file is
left. Memory stays flat whatever the input size: rows are never collected, and with
several processes at most a bounded number of rows are in flight. :func:`run_batch`
does all three; with several jobs, this process only cuts a plain input file into blocks
of whole records (:func:`~engine.batch.blocks.open_blocks`) and each worker reads, checks,
evaluates and writes its block (reading and checking cost more than the evaluation), and
this process joins the parts in order. Other inputs (a pipe) go to the workers as rows
unchecked (:func:`~engine.batch.reader.read_raw_rows`), a CSV row's cells joined into one
text (:func:`packed_chunks`).

Input formats, chosen by the file's suffix:

- CSV (``.csv``): one row is one company with one project. The header holds dotted
  profile paths (``company.employees``, ``company.previous_year.turnover``,
  ``project.cost``, ``project.consortium.independent_companies``); ``aid_received``,
  ``company.partner_enterprises`` and ``company.linked_enterprises`` hold a JSON list.
  An empty cell is an absent fact; a row needs a cell for every column (a row cut short
  is an error row). Cells are converted to the types of
  ``schemas/profile.schema.json``: numbers with a dot for decimals and no thousands
  separators (``10.000`` is refused as ambiguous), whole numbers, booleans
  (true/false, yes/no, 1/0), dates as ``YYYY-MM-DD``. The project id defaults to
  ``row-N``. Rows are numbered from 1 after the header (spreadsheet row N+1); a comma,
  semicolon or tab separator is recognised from the header.
- JSONL (``.jsonl``, ``.ndjson``): one JSON profile per line, checked exactly as
  ``subsidie evaluate`` checks a file; rows are numbered by line, blank lines skipped.

A bad row becomes an error row (its number and the plain message ``evaluate``
would give) and the run goes on. An unknown CSV column stops the run before any row.
Reading and checking rows is :mod:`engine.batch.reader`.
"""

from __future__ import annotations

import datetime as _dt
import io
import itertools
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, Diagnostic, EngineError, InputError, RuleLoadError, diagnostic_at, phrase
from ..evaluate.budget import MAX_COMPLETIONS
from ..evaluate.evaluator import Evaluator
from ..files import whole_output
from ..load.ruleset import load_rules, load_rules_cached
from ..model import RuleSet
from ..records import record
from ..text.messages import say
from .blocks import block_rows, open_blocks
from .output import OutputRecord, record_writer
from .reader import check_row, read_raw_rows
from .rows import JSONL_SUFFIXES, BatchInputError, RawRow, Row, packed_chunks, unpacked_rows
from .workers import chunked, ordered_map

BATCH_COMPLETIONS = MAX_COMPLETIONS
"""A batch row is settled over its absent facts as ``evaluate`` settles a profile (docs/output.md, issue 15): the
same status, amount, ``missing`` and ``amount_range``, with the same bounds on the case split."""

DEFAULT_CHUNKSIZE = 256
"""Rows (records of the input) in a chunk or block handed to a worker: a worker reads the CSV header again for each
block, and the parent pays a message for each."""


class WorkerError(EngineError):
    """A worker process could not load the rule set."""


_new = tuple.__new__


def error_text(diagnostics: Iterable[Diagnostic], lang: str = "en") -> str:
    """The plain message of an error row: each diagnostic's message (and hint) in ``lang``, joined by '; '."""
    said = [d.said(lang) for d in diagnostics]
    return "; ".join(say("batch.hinted", lang, message=d.message, hint=d.hint) if d.hint else d.message for d in said)


# --------------------------------------------------------------------------- evaluating


def _records(evaluator: Evaluator, item: Row | RawRow, as_of: _dt.date, lang: str = "en") -> list[OutputRecord]:
    number, _name, data, diagnostics = check_row(item)
    if data is None:
        return [OutputRecord(number, error=error_text(diagnostics, lang) or say("batch.row-unreadable", lang))]
    try:
        outcome = evaluator.evaluate(data, as_of, lang, explain=False)
    except EngineError as exc:
        problem = "\n".join(d.text(lang) for d in exc.diagnostics) if isinstance(exc, InputError) else str(exc)
        return [OutputRecord(number, error=problem)]
    # tuple.__new__ rather than the named tuple's own __new__ (a Python function with ten defaults): a batch
    # row's records are built in the hot path
    return [
        _new(
            OutputRecord,
            (
                number,
                r.project,
                r.measure.id,
                status := r.status,
                r.rate,
                r.amount,
                ";".join(c.id for c in r.conditions if c.holds is False) if status == "not_eligible" else "",
                "",
                ";".join(r.missing) if status == "undetermined" else "",
                r.amount_range,
            ),
        )
        for r in outcome.results
    ]


def _number(item: Row | RawRow) -> int:
    return item.number if isinstance(item, RawRow) else item[0]


def _init_worker(
    root: str,
    digest: str | None,
    as_of: _dt.date,
    lang: str = "en",
    fmt: str = "csv",
    source: tuple[str, str, bytes] | None = None,
) -> dict[str, Any]:
    """A worker's state: the rule set loaded once, or why it could not be (reported by every row); the language
    of its error rows, the output format of :func:`_work_part`, and the input's name, format and CSV header, to
    read its blocks (:func:`~engine.batch.blocks.block_rows`)."""
    state: dict[str, Any] = {"as_of": as_of, "lang": lang, "fmt": fmt, "source": source}
    try:
        rules, diagnostics = load_rules_cached(root)  # the parent has just loaded them: the cache is warm
        if rules is None:
            raise RuleLoadError([d for d in diagnostics if d.severity == ERROR])
    except Exception as exc:  # noqa: BLE001 - reported by every task, as a picklable error
        state["error"] = say("batch.worker-rules", lang, root=root, problem=exc)
        return state
    if digest is not None and rules.digest != digest:
        state["error"] = say("batch.worker-changed", lang, root=root)
        return state
    state["evaluator"] = Evaluator(rules, completions=BATCH_COMPLETIONS)
    return state


def _work(state: dict[str, Any], item: Row | RawRow) -> tuple[int, list[OutputRecord]]:
    if "error" in state:
        raise WorkerError(state["error"])
    return _number(item), _records(state["evaluator"], item, state["as_of"], state["lang"])


def _work_part(state: dict[str, Any], item: Any) -> tuple[int, int, int, str]:
    """A block of the input (``("block", first row number, bytes)``, :func:`~engine.batch.blocks.open_blocks`), or a
    chunk of rows (:func:`packed_chunks`, alone or as ``("rows", chunk)``), read, evaluated and written as a part of
    the output, in the worker (the parent only joins the parts in order): ``(rows, rows that failed, results,
    text)``."""
    if "error" in state:
        raise WorkerError(state["error"])
    if type(item) is not tuple:
        rows = unpacked_rows(item)
    elif item[0] == "block":
        name, fmt, header = state["source"]
        rows = block_rows(name, fmt, header, item[1], item[2])
    else:
        rows = unpacked_rows(item[1])
    text = io.StringIO()
    return (*_write_rows(state, rows, record_writer(text, state["fmt"], header=False)), text.getvalue())


def _write_rows(
    state: dict[str, Any], rows: Iterable[Row | RawRow], put: Callable[[OutputRecord], None]
) -> tuple[int, int, int]:
    """Evaluate rows and write their records with ``put``: ``(rows, rows that failed, results)``."""
    evaluator, as_of, lang = state["evaluator"], state["as_of"], state["lang"]
    count = failed = results = 0
    for item in rows:
        count += 1
        records = _records(evaluator, item, as_of, lang)
        if records and records[0].error:  # an error row is one record, with its error
            failed += 1
        else:
            results += len(records)
        for one in records:
            put(one)
    return count, failed, results


def _local_parts(
    state: dict[str, Any], rows: Iterable[Row | RawRow], put: Callable[[OutputRecord], None]
) -> Generator[tuple[int, int, int, str], None, None]:
    """With one job: each row evaluated and written in this process, as a part of one row with no text of its own
    (its records went to ``put``)."""
    evaluator, as_of, lang = state["evaluator"], state["as_of"], state["lang"]
    for item in rows:
        records = _records(evaluator, item, as_of, lang)
        for one in records:
            put(one)
        if records and records[0].error:  # an error row is one record, with its error (as in _write_rows)
            yield 1, 1, 0, ""
        else:
            yield 1, 0, len(records), ""


def evaluate_row_batches(
    rules: str | Path | RuleSet,
    rows: Iterable[Row | RawRow],
    as_of: _dt.date,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    lang: str = "en",
) -> Iterator[tuple[int, list[OutputRecord]]]:
    """Like :func:`evaluate_rows`, but one ``(row number, records)`` per input row, in input order (the messages of
    error rows in ``lang``)."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1:
        rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
        evaluator = Evaluator(rule_set, completions=BATCH_COMPLETIONS)
        for item in rows:
            yield _number(item), _records(evaluator, item, as_of, lang)
        return
    root, digest = (rules.root, rules.digest) if isinstance(rules, RuleSet) else (str(rules), None)
    yield from ordered_map(rows, jobs, chunksize, _init_worker, (str(root), digest, as_of, lang), _work)


def evaluate_rows(
    rules: str | Path | RuleSet,
    rows: Iterable[Row | RawRow],
    as_of: _dt.date,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[OutputRecord]:
    """Evaluate rows from :func:`~engine.batch.reader.read_rows`, yielding output records in input order.

    Args:
        rules: a rule-set folder, or a loaded rule set (workers reload it from its folder
            and check its digest).
        rows: ``(row number, name, data or None, diagnostics)`` tuples from
            :func:`~engine.batch.reader.read_rows`, or :class:`RawRow` items from
            :func:`~engine.batch.reader.read_raw_rows` (then checked where they are evaluated).
        as_of: the application date of projects that give none.
        jobs: 1 evaluates in this process; more spreads rows over that many processes
            (:func:`engine.batch.workers.ordered_map`: chunks of ``chunksize`` rows, at most two
            chunks per worker in flight).

    Yields:
        One record per (row, project, measure); one error record per bad row.
    """
    if jobs == 1:  # one generator rather than two, for a row's records
        rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
        evaluator = Evaluator(rule_set, completions=BATCH_COMPLETIONS)
        for item in rows:
            yield from _records(evaluator, item, as_of)
        return
    for _number, records in evaluate_row_batches(rules, rows, as_of, jobs, chunksize):
        yield from records


# --------------------------------------------------------------------------- writing


def output_format(path: str | Path) -> str:
    """'jsonl' for a ``.jsonl``/``.ndjson`` output, else 'csv'."""
    return "jsonl" if Path(path).suffix.lower() in JSONL_SUFFIXES else "csv"


class Interrupted(KeyboardInterrupt):
    """A stop asked for by a signal (SIGTERM, SIGHUP) while the output was written; ``signum`` says which."""

    def __init__(self, signum: int):
        super().__init__(f"signal {signum}")
        self.signum = signum


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


def write_output(records: Iterable[OutputRecord], out_path: str | Path, fmt: str = "csv") -> int:
    """Write records to ``out_path`` whole or not at all (:func:`~engine.files.whole_output`).

    On any exception, KeyboardInterrupt included (and SIGTERM or SIGHUP, turned into
    :class:`Interrupted` while writing from the main thread), the temporary file is removed
    and the output is left as it was. An existing output keeps its mode; a link keeps pointing
    at the file it names; a device or FIFO (``-o /dev/stdout``) is written to as the rows come.

    Returns:
        The number of records written.
    """
    count = 0

    def body(stream: Any) -> None:
        nonlocal count
        put = record_writer(stream, fmt)
        for one in records:
            put(one)
            count += 1

    _write_whole(out_path, fmt, body)
    return count


def _write_whole(out_path: str | Path, fmt: str, body: Callable[[Any], None]) -> None:
    """Run ``body`` on the output stream, whole or not at all, with SIGTERM and SIGHUP raising :class:`Interrupted`."""
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"unknown output format '{fmt}'")
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        previous = {signum: signal.signal(signum, _raise_interrupt) for signum in _STOP_SIGNALS}
    try:
        with whole_output(out_path) as stream:
            body(stream)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# --------------------------------------------------------------------------- the whole run


@record
class BatchSummary:
    """What a batch run did: input rows, rows that became error rows, result rows, and the time taken."""

    rows: int
    failed_rows: int
    results: int
    seconds: float


def run_batch(
    input_path: str | Path,
    output_path: str | Path,
    rules: str | Path | RuleSet,
    as_of: _dt.date,
    *,
    jobs: int = 1,
    fmt: str | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    progress: Callable[[int], None] | None = None,
    lang: str = "en",
) -> BatchSummary:
    """Read, evaluate and write a whole batch.

    Args:
        fmt: 'csv' or 'jsonl' (default: from the output's suffix).
        lang: the language of the messages of error rows ('nl' or 'en').
        progress: called with the number of rows done after each row (keep it cheap).

    Returns:
        The summary; the exit status is 1 when ``failed_rows`` is not 0.

    Raises:
        BatchInputError: the input cannot be read, its CSV header is bad, or the output is the input (no output
            is written).
        WorkerError, WorkerFailure: with ``jobs`` > 1, a worker could not load the rules, or died.
    """
    started = time.monotonic()
    if Path(output_path).exists() and Path(input_path).exists() and os.path.samefile(input_path, output_path):
        raise BatchInputError([diagnostic_at(str(output_path), 1, 1, ERROR, "same-file", phrase("batch.same-file"))])
    # with jobs > 1, the workers read blocks of the input themselves when it is a plain file (a bad header raises here)
    source = open_blocks(input_path, chunksize) if jobs > 1 else None
    rows: Generator[Any, None, None] = read_raw_rows(input_path) if source is None else source.items
    first = None
    if source is None:
        try:
            first = next(rows)  # the header's problems surface here, before any output
        except StopIteration:
            pass
    stream: Iterator[Row | RawRow] = itertools.chain([first], rows) if first is not None else iter(())
    counts = {"rows": 0, "failed": 0, "results": 0}
    out_fmt = fmt or output_format(output_path)

    def body(out: Any) -> None:
        put = record_writer(out, out_fmt)  # the header line first, for CSV
        parts: Generator[tuple[int, int, int, str], None, None]
        if jobs > 1:  # the workers evaluate and write the parts; this process joins them in order
            root, digest = (rules.root, rules.digest) if isinstance(rules, RuleSet) else (str(rules), None)
            if source is None:
                setup: tuple[Any, ...] = (str(root), digest, as_of, lang, out_fmt)
                parts = ordered_map(packed_chunks(chunked(stream, chunksize)), jobs, 1, _init_worker, setup, _work_part)
            else:
                setup = (str(root), digest, as_of, lang, out_fmt, (source.name, source.fmt, source.header))
                parts = ordered_map(source.items, jobs, 1, _init_worker, setup, _work_part)
        else:
            rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
            state = {"evaluator": Evaluator(rule_set, completions=BATCH_COMPLETIONS), "as_of": as_of, "lang": lang}
            parts = _local_parts(state, stream, put)
        try:
            for done, failed, results, text in parts:
                if text:
                    out.write(text)
                counts["failed"] += failed
                counts["results"] += results
                if progress is None:
                    counts["rows"] += done
                    continue
                for _ in range(done):  # called after each row: the rows of a worker's part end together
                    counts["rows"] += 1
                    progress(counts["rows"])
        finally:
            parts.close()  # stops the worker processes before the reader is closed

    try:
        _write_whole(output_path, out_fmt, body)
    finally:
        rows.close()
    return BatchSummary(counts["rows"], counts["failed"], counts["results"], time.monotonic() - started)
