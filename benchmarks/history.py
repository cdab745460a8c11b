"""Benchmark 6: a long aid history, read by bisection or by scanning, as projects and aid entries grow.

The largest profile of this shape the file limits allow (50,000 values): 1,000 projects and
7,600 aid entries, every project reading the aid history through the de minimis window and the
yearly cap of kmo-portefeuille. Before issue 14 each aid function scanned the whole history at
every call, so the work grew with projects x aid entries (1,000 projects and 7,900 aid entries took 2.8 s of
CPU in ``subsidie evaluate``).
The engine now reads it through :class:`engine.evaluate.history.History` (the grants sorted by
date with running sums: two bisections per read).

- **scan** (the baseline): the same evaluator with each project's history handed to the aid
  functions as a plain list, which they scan (what the engine did before; the evaluation budget,
  which charges scans, is lifted for both ways).
- **sorted history**: the engine as it is.

Both run on the full profile and on one a tenth of its size in both directions (100 projects, 760
aid entries). Linear work makes the full profile about 10 times the small one; scanning makes it
about 100 times. Both ways must give the same results (checked on every profile before timing).
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable
from typing import Any

from _common import Result, Row, Target, main, one_core, timed_rounds
from profiles import completed, schema_errors

AS_OF = _dt.date(2026, 3, 1)


def profile(projects: int, aid: int) -> dict[str, Any]:
    """A raw profile with ``projects`` training projects (applying on the day of the evaluation) and ``aid`` grants
    spread over the seven years before, every twentieth one of kmo-portefeuille."""
    first = _dt.date(2019, 1, 1)
    return {
        "company": {
            "legal_form": "bv",
            "region": "flanders",
            "founded": "2010-01-01",
            "employees": 12,
            "turnover": 1_800_000,
            "balance_sheet_total": 900_000,
        },
        "aid_received": [
            {"date": (first + _dt.timedelta(days=i * 7 % 2600)).isoformat(), "amount": 1 + i % 20}
            | ({"measure": "kmo-portefeuille"} if i % 20 == 0 else {})
            for i in range(aid)
        ],
        "projects": [
            {
                "id": f"p{i}",
                "kind": "training",
                "theme": "cybersecurity",
                "cost": 1_000 + i,
                "provider_registered": True,
            }
            for i in range(projects)
        ],
    }


def _scanning(history_class: type) -> type:
    """The engine's History, but each project sees a plain list, which the aid functions scan."""

    class Scanning(history_class):  # type: ignore[misc,valid-type]
        def upto(self, day: _dt.date) -> Any:
            return list(super().upto(day))

    return Scanning


def run(quick: bool = False) -> Result:
    """Benchmark 6: the aid history by bisection against scanning, 100 x 760 and 1,000 x 7,600."""
    from engine.evaluate import evaluator as module
    from engine.load.ruleset import load_rules
    from engine.resources import rules_dir

    result = Result("history", "6. A long aid history: sorted with running sums against scanning")
    rounds = 2 if quick else 5
    sizes = {"small": (100, 760), "full": (1_000, 7_600)}
    raw = {name: profile(*size) for name, size in sizes.items()}
    problems = schema_errors(list(raw.values()))
    if problems:
        result.failed = f"a generated profile does not pass the profile checks: {problems[0][1]}"
        return result
    profiles = dict(zip(raw, completed(list(raw.values())), strict=True))
    evaluator = module.Evaluator(load_rules(rules_dir()))
    sorted_history, scanning = module.History, _scanning(module.History)

    steps = module.PROFILE_STEPS

    def evaluate(name: str, history: type) -> Any:
        module.History = history  # type: ignore[misc]  # the evaluator reads it at each profile
        module.PROFILE_STEPS = 10**12  # the scan would pass the evaluation budget, which charges scans
        try:
            return evaluator.evaluate(profiles[name], AS_OF, explain=False)
        finally:
            module.History = sorted_history  # type: ignore[misc]
            module.PROFILE_STEPS = steps

    for name in profiles:
        fast, slow = evaluate(name, sorted_history), evaluate(name, scanning)
        seen = [(r.project, r.measure.id, r.status, r.amount, r.recommended) for r in fast.results]
        if seen != [(r.project, r.measure.id, r.status, r.amount, r.recommended) for r in slow.results]:
            result.failed = f"the sorted history and the scan disagree on the {name} profile"
            return result

    def timing(name: str, history: type) -> Callable[[], None]:
        return lambda: evaluate(name, history)

    functions = {
        "scan, full": timing("full", scanning),
        "sorted, full": timing("full", sorted_history),
        "scan, small": timing("small", scanning),
        "sorted, small": timing("small", sorted_history),
    }
    with one_core() as pinned:
        times = timed_rounds(functions, rounds)
    labels = {"full": "1,000 projects x 7,600 aid entries", "small": "100 projects x 760 aid entries"}
    rows = {}
    for key, samples in times.items():
        way, size = key.split(", ")
        rows[key] = Row(
            f"{labels[size]}: {'scanning (before)' if way == 'scan' else 'sorted history'}",
            samples,
            "s",
            baseline=key == "scan, full",
        )
    result.rows += [rows["scan, full"], rows["sorted, full"], rows["scan, small"], rows["sorted, small"]]
    growth_scan = rows["scan, full"].median / rows["scan, small"].median
    growth_sorted = rows["sorted, full"].median / rows["sorted, small"].median
    result.ratios.append(("scanning: full / small (10x projects, 10x aid entries)", growth_scan))
    result.ratios.append(("sorted history: full / small", growth_sorted))
    full = rows["sorted, full"].median
    result.targets.append(Target("the full profile grows about linearly: full / small at most 15", growth_sorted <= 15))
    result.targets.append(Target("the full profile in under 1 s on one core", full < 1.0, f"{full:.3f} s"))
    result.notes.append(
        f"Evaluator.evaluate(profile, {AS_OF}, explain=False), the rules already loaded; {rounds} runs of each, "
        f"interleaved; garbage collector off while timing; {pinned}. Both ways give the same results on both "
        "profiles (checked before timing)."
    )
    return result


if __name__ == "__main__":
    sys.exit(main(run))
