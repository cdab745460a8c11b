"""What a rule change costs over a population: ``subsidie diff`` over a batch input (CSV or JSONL), streamed.

The input is what ``subsidie batch`` reads (:mod:`engine.batch.reader`): one company a row. Each row
is read and checked once, evaluated under the base and the current rules in the same process (one of
the workers with ``--jobs``), and what changed goes at once into a :class:`~.tally.Tally`: counts
and totals per measure and per company size, the first bad rows, and a heap of the largest changes.
Nothing else is kept, so memory stays flat whatever the number of rows. With workers, each chunk of
rows makes a tally of its own, which the parent merges in input order: the report is the same for
any number of jobs.

A row whose projects are all of kinds that the change does not touch (:func:`untouched_kinds`) is
evaluated once, and its results stand for both sides. Rows are compared on their own application
dates (``--as-of`` for a project that gives none); they are not re-dated to the change's effect
dates as a corpus is (:mod:`.impact`): those dates are reported, so that a reader sees when rows
dated before them cannot show the change.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from ..batch.reader import check_row, read_raw_rows
from ..batch.rows import CSV_SUFFIXES, JSONL_SUFFIXES, RawRow, Row
from ..batch.runner import BATCH_COMPLETIONS, WorkerError, error_text
from ..batch.workers import ordered_map
from ..diagnostics import EngineError
from ..evaluate.evaluator import Evaluator
from ..load.ruleset import digest, load_rules_cached, rule_files
from ..model import RuleSet
from ..records import record
from ..text.messages import say
from .effects import effect_dates
from .impact import base_rules_dir
from .tally import Tally

DEFAULT_TOP = 20
"""How many of the largest changes the report lists (``--top``)."""

CHUNK_ROWS = 256
"""Rows per chunk sent to a worker: each chunk comes back as one tally."""


def is_population(path: Path) -> bool:
    """Whether ``path`` is a batch input (``.csv``, ``.jsonl``, ``.ndjson``), read as a population."""
    return path.suffix.lower() in CSV_SUFFIXES + JSONL_SUFFIXES


@record
class Population:
    """The comparison over a population: the rule sets, the input, and the tally of every row."""

    base: str
    base_digest: str
    current_digest: str
    as_of: _dt.date
    input: str
    tally: Tally
    effect_dates: tuple[_dt.date, ...] = ()
    left_out: tuple[_dt.date, ...] = ()


def _same_bytes(first: Path, second: Path) -> bool:
    try:
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def untouched_kinds(base: RuleSet, current: RuleSet) -> frozenset[str]:
    """The project kinds whose results cannot differ between ``base`` and ``current``.

    A kind is untouched when the facts files (shared facts, parameters and conditions) of the two rule
    folders hold the same bytes, and so does the file of every measure that applies to the kind in either
    (a measure in one of them only touches its kinds). A project's results depend on nothing else than
    those files and the profile, so a profile whose projects are all of untouched kinds gets the same
    results, recommended amounts and company size from both. Anything that cannot be read counts as
    changed; so does a folder whose files changed since it was loaded (its digest differs)."""
    base_root, current_root = Path(base.root), Path(current.root)
    if digest(base_root) != base.digest or digest(current_root) != current.digest:
        return frozenset()
    base_facts, current_facts = rule_files(base_root)[1], rule_files(current_root)[1]
    if [p.name for p in base_facts] != [p.name for p in current_facts] or not all(
        _same_bytes(a, b) for a, b in zip(base_facts, current_facts)
    ):
        return frozenset()
    kinds: set[str] = set()
    touched: set[str] = set()
    for measure_id in set(base.measures) | set(current.measures):
        was, now = base.measures.get(measure_id), current.measures.get(measure_id)
        applies = (was.applies_to if was else frozenset()) | (now.applies_to if now else frozenset())
        kinds |= applies
        name = f"{measure_id}.yaml"
        if was is None or now is None or not _same_bytes(base_root / name, current_root / name):
            touched |= applies
    return frozenset(kinds - touched)


class Comparer:
    """Evaluates rows under both rule sets into a tally (in the parent with one job, in each worker with more)."""

    def __init__(self, base: RuleSet, current: RuleSet, as_of: _dt.date, lang: str, untouched: frozenset[str]):
        self.base = Evaluator(base, completions=BATCH_COMPLETIONS)
        self.current = Evaluator(current, completions=BATCH_COMPLETIONS)
        self.as_of = as_of
        self.lang = lang
        self.untouched = untouched

    def add(self, tally: Tally, item: Row | RawRow) -> None:
        """Read, check and evaluate one row of the input, and count it into ``tally``."""
        number, name, data, diagnostics = check_row(item)
        tally.rows += 1
        if data is None:
            message = error_text(d.said(self.lang) for d in diagnostics)
            tally.add_error(number, message or say("population.row-unreadable", self.lang))
            return
        projects = data["projects"]
        try:
            before = self.base.evaluate(data, self.as_of, "en", explain=False)
            if self.untouched and all(project["kind"] in self.untouched for project in projects):
                after = before
            else:
                after = self.current.evaluate(data, self.as_of, "en", explain=False)
            size = after.size
        except EngineError as exc:
            tally.add_error(number, str(exc))
            return
        tally.add(number, name, len(projects), size, before, after)


def _init_worker(
    roots: tuple[str, str],
    digests: tuple[str, str],
    as_of: _dt.date,
    lang: str,
    top: int,
    untouched: frozenset[str],
) -> dict[str, Any]:
    """A worker's state: both rule sets loaded once (from the rules cache), or why they could not be."""
    loaded = []
    for root, expected in zip(roots, digests):
        try:
            rules, diagnostics = load_rules_cached(root)
        except Exception as exc:  # noqa: BLE001 - reported by every chunk, as a picklable error
            return {"error": f"the worker could not load the rules in {root}: {exc}"}
        if rules is None:
            return {"error": f"the worker could not load the rules in {root}: {diagnostics[0] if diagnostics else ''}"}
        if rules.digest != expected:
            return {"error": f"the rules in {root} changed while the comparison ran"}
        loaded.append(rules)
    return {"comparer": Comparer(loaded[0], loaded[1], as_of, lang, untouched), "top": top}


def _work(state: dict[str, Any], chunk: list[Row | RawRow]) -> Tally:
    """One chunk of rows, as a tally of its own."""
    if "error" in state:
        raise WorkerError(state["error"])
    tally = Tally(state["top"])
    comparer: Comparer = state["comparer"]
    for item in chunk:
        comparer.add(tally, item)
    return tally


def _chunks(items: Iterable[Row | RawRow], size: int) -> Iterator[list[Row | RawRow]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def compare_population(
    base: RuleSet,
    current: RuleSet,
    path: Path,
    as_of: _dt.date,
    *,
    lang: str = "en",
    jobs: int = 1,
    top: int = DEFAULT_TOP,
    progress: Callable[[int], None] | None = None,
    skip_untouched: bool = True,
) -> Tally:
    """Stream the rows of ``path`` through both rule sets into one tally.

    Args:
        jobs: 1 evaluates here; more spreads chunks of :data:`CHUNK_ROWS` rows over that many worker
            processes (:func:`engine.batch.workers.ordered_map`), whose tallies are merged in input order.
        top: how many of the largest changes to keep.
        progress: called with the number of rows done, after each chunk.
        skip_untouched: evaluate a row whose project kinds the change does not touch once
            (:func:`untouched_kinds`); False evaluates every row twice (the tests compare both ways).

    Raises:
        BatchInputError: the input cannot be read, or its CSV header is bad (before any row).
        WorkerError, WorkerFailure: with ``jobs`` > 1, a worker could not load the rules, or died.
    """
    untouched = untouched_kinds(base, current) if skip_untouched else frozenset()
    rows = read_raw_rows(path)
    total = Tally(top)
    try:
        first = next(rows, None)  # the header's problems surface here, before any worker starts
        stream = itertools.chain([first], rows) if first is not None else iter(())
        if jobs == 1:
            comparer = Comparer(base, current, as_of, lang, untouched)
            for chunk in _chunks(stream, CHUNK_ROWS):
                for item in chunk:
                    comparer.add(total, item)
                if progress is not None:
                    progress(total.rows)
        else:
            arguments = ((base.root, current.root), (base.digest, current.digest), as_of, lang, top, untouched)
            parts = cast(  # a generator: closing it stops the workers
                Generator[Tally, None, None],
                ordered_map(_chunks(stream, CHUNK_ROWS), jobs, 1, _init_worker, arguments, _work),
            )
            try:
                for part in parts:
                    total.merge(part)
                    if progress is not None:
                        progress(total.rows)
            finally:
                parts.close()  # stops the workers before the reader is closed
    finally:
        rows.close()
    return total


def run_population_diff(
    base: str,
    rules_dir: Path,
    current: RuleSet,
    path: Path,
    as_of: _dt.date,
    load: Callable[[Path], RuleSet],
    **options: Any,
) -> Population:
    """Load the base rules (with ``load``, which reports their problems) and compare on the population in
    ``path``; ``options`` are those of :func:`compare_population`."""
    with tempfile.TemporaryDirectory(prefix="subsidie-base-") as workdir:
        base_rules = load(base_rules_dir(base, rules_dir, Path(workdir)))
        tally = compare_population(base_rules, current, path, as_of, **options)
        found = effect_dates(base_rules, current, as_of)
        return Population(base, base_rules.digest, current.digest, as_of, str(path), tally, found.dates, found.left_out)
