"""Instruction counts (callgrind) of a decision, a profile with explanations off and on, and a batch row, beside
the times of benchmarks 1, 2 and 4.

Timings on a shared 2-core machine move with its load; the number of instructions executed does
not. ``python benchmarks/instructions.py MODE N`` runs one mode in a process of its own, which
:func:`_common.callgrind` runs under valgrind; modes of one family share their setup, so the
difference of two modes over N is the cost of one unit:

- ``decision-none`` / ``decision-engine`` / ``decision-hand``: N kmo-portefeuille profiles of
  benchmark 1 (seed 1, completed), each decided once by both to warm up (the evaluator keeps its
  plans and parameters by kind and day, as benchmark 1 warms up before timing; the plan's code is
  written with its facts there, after two runs, as benchmark 1's plan is after the 20,000 runs of
  its agreement check, past lean_code.FACTS_AFTER, before any timing), then by nothing,
  by the engine (``explain=False``), or by the hand-written function, with the garbage collector
  off as benchmark 1 times it (a full collection left over from the setup moved one mode's count
  by some 35 M instructions from run to run).
- ``batch-row-warmup`` / ``batch-row-counted`` / ``batch-profile-warmup`` / ``batch-profile-counted``: the
  first N rows of benchmark 4's CSV (seed 4), read and checked in the setup, with every expression compiled
  there; then each row as ``subsidie batch`` handles it with one job (read from the file, checked,
  evaluated, written as output CSV), or each completed profile evaluated by the batch's evaluator alone, in
  :data:`WARM_PASSES` passes over the rows or one more, all by the same evaluator. A unit is the last pass:
  a row once the evaluator has its plans by kind and day and the expressions their generated code (after
  64 runs, which 300 rows of seven kinds reach only in their second pass), as in a long batch and as
  benchmark 4 times a profile. Counted over one pass from a fresh evaluator, as before 2026-12-06, those
  costs (some 380k instructions a unit over 300 rows) were in both counts and made their ratio look near
  1.3 while the timed one was over 2.
- ``explain-none`` / ``explain-off`` / ``explain-on``: N one-project profiles of benchmark 2 (seed 2,
  every kind, completed), each evaluated once both ways to warm up (every plan and expression written as code
  there, after one run instead of 64, so the count is a long run's), then by nothing, or evaluated
  against the whole rule set with explanations off or on, the collector off as benchmark 2 times it.
"""

from __future__ import annotations

import datetime as _dt
import gc
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = Path(__file__).resolve()
BATCH_AS_OF = _dt.date(2026, 6, 1)
WARM_PASSES = 2  # passes over a batch's rows before the counted one: an expression gets its code after 64 runs


def _decision(mode: str, count: int) -> None:
    from decision import completed, kmo_decision, make_engine
    from profiles import Generator

    from engine.evaluate import lean_code

    profiles = completed(Generator(seed=1).kmo_profiles(count))
    engine = make_engine()
    # warm: the evaluator's plans and parameters by kind and day, and the plan's code with its facts (written after
    # two runs instead of lean_code.FACTS_AFTER: the steady state of benchmark 1's timing and of any long run)
    thresholds = lean_code.GENERATE_AFTER, lean_code.FACTS_AFTER
    lean_code.GENERATE_AFTER, lean_code.FACTS_AFTER = 1, 2
    for profile in profiles:
        engine(profile)
        kmo_decision(profile)
    lean_code.GENERATE_AFTER, lean_code.FACTS_AFTER = thresholds
    decide: Callable[[dict[str, Any]], Any] | None = {"decision-engine": engine, "decision-hand": kmo_decision}.get(
        mode
    )
    gc.collect()  # a full collection left over from the setup would otherwise fall into one mode's loop only
    if decide is not None:
        gc.disable()  # as benchmark 1 times it: the collector off while deciding
        for profile in profiles:
            decide(profile)


def _explain(mode: str, count: int) -> None:
    from profiles import Generator, completed
    from ruleset import AS_OF

    from engine.evaluate import lean_code
    from engine.evaluate.evaluator import Evaluator
    from engine.language import compiler
    from engine.load.ruleset import load_rules
    from engine.resources import rules_dir

    profiles = completed(Generator(seed=2).mixed_profiles(count))
    evaluate = Evaluator(load_rules(rules_dir())).evaluate
    # Warm: plans, parameters and generated code, as benchmark 2 warms up before timing. A plan or an expression
    # is written as code after 64 runs; one warm pass over profiles of every kind leaves some of them short of
    # it, and writing one in the counted pass cost some 30k instructions a profile. The warm pass writes them
    # after one run, so the count is a long run's steady state.
    thresholds = lean_code.GENERATE_AFTER, compiler.GENERATE_AFTER
    lean_code.GENERATE_AFTER = compiler.GENERATE_AFTER = 1
    for profile in profiles:
        evaluate(profile, AS_OF, explain=False)
        evaluate(profile, AS_OF, explain=True)
    lean_code.GENERATE_AFTER, compiler.GENERATE_AFTER = thresholds
    gc.collect()
    if mode != "explain-none":
        explain = mode == "explain-on"
        gc.disable()
        for profile in profiles:
            evaluate(profile, AS_OF, explain=explain)


def _batch(mode: str, count: int) -> None:
    from itertools import chain

    from batch import write_rows

    from engine.batch.output import record_writer
    from engine.batch.reader import check_row, read_raw_rows
    from engine.batch.runner import BATCH_COMPLETIONS, evaluate_rows
    from engine.evaluate.evaluator import Evaluator
    from engine.load.ruleset import load_rules
    from engine.resources import rules_dir

    rules = load_rules(rules_dir())  # every expression compiled here, not on its first use in the counted loop
    evaluator = Evaluator(rules, completions=BATCH_COMPLETIONS)
    passes = 3 if mode.endswith("-counted") else WARM_PASSES
    with tempfile.TemporaryDirectory(prefix="subsidie-instructions-") as folder:
        path = Path(folder) / "rows.csv"
        write_rows(path, count)
        profiles = [check_row(item)[2] for item in read_raw_rows(path)]
        gc.collect()  # start each mode with the setup's garbage gone (the collector stays on, as in a batch)
        if mode.startswith("batch-row"):
            put = record_writer(io.StringIO(), "csv")
            rows = chain.from_iterable(read_raw_rows(path) for _ in range(passes))  # one evaluator for every pass
            for record in evaluate_rows(rules, rows, BATCH_AS_OF):
                put(record)
        elif mode.startswith("batch-profile"):
            for _ in range(passes):
                for profile in profiles:
                    evaluator.evaluate(profile, BATCH_AS_OF, "en", explain=False)


def per_unit(family: str, count: int) -> dict[str, float] | None:
    """Instructions per unit of each mode of ``family`` ('decision', 'batch' or 'explain') over its '-none' mode,
    or None without valgrind."""
    from _common import callgrind

    if family == "batch":  # the last pass over the rows less the passes before it: what a row costs once warm
        names = [f"{m}-{n}" for m in ("batch-row", "batch-profile") for n in ("warmup", "counted")]
        counts = callgrind(SCRIPT, names, str(count))
        if counts is None:
            return None
        return {m: (counts[f"{m}-counted"] - counts[f"{m}-warmup"]) / count for m in ("batch-row", "batch-profile")}
    modes = {"decision": ["decision-engine", "decision-hand"], "explain": ["explain-off", "explain-on"]}[family]
    counts = callgrind(SCRIPT, [f"{family}-none", *modes], str(count))
    if counts is None:
        return None
    return {mode: (counts[mode] - counts[f"{family}-none"]) / count for mode in modes}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.path.insert(1, str(HERE.parent))
    name, number = sys.argv[1], int(sys.argv[2])
    {"decision": _decision, "batch": _batch, "explain": _explain}[name.split("-")[0]](name, number)
