"""With explanations off, the evaluator keeps only ids and outcomes of checks; it must decide as with them on."""

from __future__ import annotations

import copy

from engine.evaluate.evaluator import Evaluator
from engine.load.ruleset import load_rules

from ...conftest import RULES
from .shipped import shipped_inputs


def _decisions(outcome):
    return (
        [
            (
                r.project,
                r.measure.id,
                r.status,
                r.rate,
                r.base,
                r.amount,
                r.recommended,
                r.version,
                r.source,
                r.title,
                [(c.id, c.holds, c.missing) for c in r.conditions],
                r.missing,
                r.reminders,
            )
            for r in outcome.results
        ],
        outcome.total,
        outcome.size,
        outcome.nis2,
        outcome.de_minimis,
    )


def test_lean_and_full_paths_agree_on_every_case_and_example():
    rules = load_rules(RULES)
    evaluator = Evaluator(rules)
    inputs = shipped_inputs(rules)
    assert len(inputs) > 400
    statuses = set()
    for profile, as_of in inputs:
        for lang in ("nl", "en"):
            # twice each way: the generated code takes over from the closures after some evaluations
            lean = [
                _decisions(evaluator.evaluate(copy.deepcopy(profile), as_of, lang, explain=False)) for _ in range(2)
            ]
            full = [_decisions(evaluator.evaluate(copy.deepcopy(profile), as_of, lang, explain=True)) for _ in range(2)]
            assert lean[0] == lean[1] == full[0] == full[1]
            statuses |= {r[2] for r in full[0][0]}
    assert statuses == {"eligible", "not_eligible", "undetermined", "info"}


def test_scanned_and_bisected_aid_histories_decide_alike_on_every_case_and_example(monkeypatch):
    """A short aid history is scanned, a long one read by bisection (evaluator.BISECT_FROM): both ways must give
    the same results, amounts to the cent, on everything the repository holds."""
    from engine.evaluate import evaluator as module

    rules = load_rules(RULES)
    with_history = [(p, d) for p, d in shipped_inputs(rules) if p.get("aid_received") or len(p["projects"]) > 1]
    assert len(with_history) >= 70  # 74 today: the test means nothing without them
    ways = {}
    for bisect_from in (0, 10**6):
        monkeypatch.setattr(module, "BISECT_FROM", bisect_from)
        evaluator = Evaluator(rules)
        ways[bisect_from] = [
            _decisions(evaluator.evaluate(copy.deepcopy(profile), as_of, "en", explain=False))
            for profile, as_of in with_history
        ]
    assert ways[0] == ways[10**6]
