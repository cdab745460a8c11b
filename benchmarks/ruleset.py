"""Benchmark 2: the whole rule set, profiles per second on one core.

One-project profiles of every kind (advice, training, improvement_trajectory, development,
research, icon, startup; an equal share of each), each evaluated against every measure of the
shipped rule set that applies to its kind, with explanations off (``explain=False``) and on
(``explain=True``: reasons and explanation lines for every result). The process is pinned to
one CPU. Loading, schema validation and completion of the profiles are not timed here (they are
part of the command start and batch benchmarks); the profiles are completed beforehand.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections import Counter
from typing import Any

from _common import Result, Row, Target, main, one_core, timed_rounds
from instructions import per_unit
from profiles import KINDS, Generator, completed, schema_errors

AS_OF = _dt.date(2026, 1, 1)
INSTRUCTION_PROFILES = 700  # 100 of each kind, counted under callgrind in full runs


def run(quick: bool = False) -> Result:
    """Benchmark 2: the whole rule set, profiles/s on one core, explanations off and on."""
    from engine.evaluate.evaluator import Evaluator
    from engine.load.ruleset import load_rules
    from engine.resources import rules_dir

    result = Result("ruleset", "2. Whole rule set: profiles per second on one core")
    count, rounds = (1_400, 5) if quick else (7_000, 11)
    raw = Generator(seed=2).mixed_profiles(count)
    problems = schema_errors(raw[:700])  # 100 of each kind go through the same checks as 'subsidie evaluate'
    if problems:
        index, message = problems[0]
        result.failed = f"a generated profile does not pass the profile checks (profile {index}): {message}"
        return result
    profiles = completed(raw)
    evaluate = Evaluator(load_rules(rules_dir())).evaluate

    outcomes: Counter[str] = Counter()
    for profile in profiles:
        for measure in evaluate(profile, AS_OF, explain=False).results:
            outcomes[measure.status] += 1
    result.notes.append(
        f"Profiles: seed 2, {count:,} one-project profiles, {count // len(KINDS):,} of each kind "
        f"({', '.join(KINDS)}); {sum(outcomes.values()):,} measure results: "
        + ", ".join(f"{n:,} {s}" for s, n in sorted(outcomes.items()))
        + "."
    )

    def loop(explain: bool) -> Any:
        def go() -> None:
            for profile in profiles:
                evaluate(profile, AS_OF, explain=explain)

        return go

    functions = {"explain=False": loop(False), "explain=True": loop(True)}
    for function in functions.values():
        function()  # warm up (parameter caches)
    with one_core() as pinned:
        times = timed_rounds(functions, rounds)
    off = Row(
        "explanations off (explain=False)",
        [count / t for t in times["explain=False"]],
        "profiles/s",
        baseline=True,
        higher_is_better=True,
    )
    on = Row(
        "explanations on (explain=True)",
        [count / t for t in times["explain=True"]],
        "profiles/s",
        higher_is_better=True,
    )
    result.rows += [off, on]
    per_kind = _per_kind(evaluate, profiles)
    result.rows += per_kind
    ratio = off.median / on.median
    result.ratios.append(("time with explanations on / off (median)", ratio))
    result.targets.append(
        Target(
            "at least 50,000 profiles/s with explanations off",
            off.median >= 50_000,
            f"{off.median:,.0f} profiles/s",
            goal="profiles-per-second",
            measured=off.median,
            limit=50_000,
            higher_is_better=True,
            unit="profiles/s",
        )
    )
    counted = None if quick else per_unit("explain", INSTRUCTION_PROFILES)
    result.targets.append(
        Target(
            "explanations on at most 3x off",
            ratio <= 3.0,
            f"{ratio:.2f}x",
            goal="explanations",
            measured=ratio,
            limit=3.0,
            instructions=(
                f"{counted['explain-on'] / 1000:,.0f}k vs {counted['explain-off'] / 1000:,.0f}k instructions a "
                f"profile ({counted['explain-on'] / counted['explain-off']:.2f}x; callgrind, "
                f"{INSTRUCTION_PROFILES} profiles)"
                if counted
                else ""
            ),
        )
    )
    result.notes.append(
        f"Each run evaluates all {count:,} profiles; {rounds} runs, off and on interleaved; "
        f"garbage collector off while timing; {pinned}. Per-kind rows (explanations off, 3 runs) "
        "show where the time goes; their ratio is to the all-kinds median."
    )
    return result


def _per_kind(evaluate: Any, profiles: list[dict[str, Any]]) -> list[Row]:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for profile in profiles:
        by_kind.setdefault(profile["projects"][0]["kind"], []).append(profile)

    def loop(items: list[dict[str, Any]]) -> Any:
        def go() -> None:
            for profile in items:
                evaluate(profile, AS_OF, explain=False)

        return go

    with one_core():
        times = timed_rounds({kind: loop(items) for kind, items in by_kind.items()}, 3)
    return [
        Row(f"  only {kind}", [len(by_kind[kind]) / t for t in samples], "profiles/s", higher_is_better=True)
        for kind, samples in times.items()
    ]


if __name__ == "__main__":
    sys.exit(main(run))
