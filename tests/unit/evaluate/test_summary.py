"""The company summary (engine.evaluate.summary.summarise) on the shipped rules, called directly:
size, NIS2 class and the de minimis figures at the latest application date, and when it is worked out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from engine.evaluate.evaluator import Evaluator
from engine.evaluate.results import NO_SUMMARY, MeasureResult, ProfileResult, Summary
from engine.evaluate.scope import Scope
from engine.evaluate.summary import summarise
from engine.language.functions import AidEntry
from engine.load.profile import parse_profile
from engine.load.ruleset import load_rules
from engine.model import RuleSet

from ...conftest import RULES

DAY = dt.date(2026, 3, 1)
PROFILE = (
    "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000,"
    " nis2_sector: transport}\n"
    "aid_received: [{date: 2025-04-01, amount: 161.695}, {date: 2022-12-31, amount: 5000}]\n"
    "projects:\n  - {id: p1, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01,"
    " provider_registered: true}\n"
)
RECEIVED = [AidEntry(dt.date(2025, 4, 1), Decimal("161.695"), None, True)]


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(RULES)


def _scope(rules: RuleSet, ledger: list[AidEntry]) -> Scope:
    data, problems = parse_profile(PROFILE, "p.yaml")
    assert problems == []
    assert data is not None
    return Scope(rules, data["company"], data["projects"][0], 0, DAY, ledger)


def _result(rules: RuleSet, measure: str, amount: str, recommended: bool) -> MeasureResult:
    result = MeasureResult(
        "p1", 0, rules.measures[measure], DAY, "eligible", None, None, Decimal(amount), [], [], [], [], None, "s"
    )
    result.recommended = recommended
    return result


def test_no_project_gives_no_summary(rules):
    assert summarise(rules, None, Evaluator(rules).params, [], []) == Summary(None, None, None) == NO_SUMMARY


def test_size_nis2_and_de_minimis_count_only_recommended_de_minimis_amounts(rules):
    results = [
        _result(rules, "kmo-portefeuille", "4500.00", recommended=True),  # de minimis, recommended: counts
        _result(rules, "onderzoeksproject", "70000.00", recommended=True),  # not de minimis
        _result(rules, "cybersecurity-verbetertraject", "9000.00", recommended=False),  # not recommended
    ]
    summary = summarise(rules, _scope(rules, RECEIVED), Evaluator(rules).params, RECEIVED, results)
    assert summary == Summary(
        "small",
        "none",
        {
            "ceiling": Decimal("300000"),
            "used": Decimal("161.70"),
            "granted_now": Decimal("4500.00"),
            "remaining": Decimal("295338.30"),
        },
    )
    assert [str(v) for v in summary.de_minimis.values()] == ["300000", "161.70", "4500.00", "295338.30"]


def test_aid_recommended_for_earlier_projects_is_not_counted_as_used(rules):
    """The latest project's ledger also holds an earlier project's recommended amount: 'used' is the aid
    received before only, that amount is in 'granted_now'."""
    earlier = AidEntry(dt.date(2026, 1, 10), Decimal("20000.00"), "kmo-portefeuille", True, "project p0")
    scope = _scope(rules, [*RECEIVED, earlier])
    results = [_result(rules, "kmo-portefeuille", "20000.00", True), _result(rules, "kmo-portefeuille", "0.00", True)]
    summary = summarise(rules, scope, Evaluator(rules).params, RECEIVED, results)
    assert summary.de_minimis == {
        "ceiling": Decimal("300000"),
        "used": Decimal("161.70"),
        "granted_now": Decimal("20000.00"),
        "remaining": Decimal("279838.30"),
    }
    assert (summary.size, summary.nis2) == ("small", "none")


def test_no_aid_and_nothing_recommended(rules):
    summary = summarise(rules, _scope(rules, []), Evaluator(rules).params, [], [])
    assert summary == Summary(
        "small",
        "none",
        {
            "ceiling": Decimal("300000"),
            "used": Decimal("0.00"),
            "granted_now": Decimal("0.00"),
            "remaining": Decimal("300000.00"),
        },
    )


def test_profile_result_works_the_summary_out_once_when_first_read():
    calls = []

    def summary() -> Summary:
        calls.append(1)
        return Summary("medium", "important", None)

    outcome = ProfileResult([], Decimal("0.00"), {}, summary)
    assert calls == []
    assert (outcome.size, outcome.nis2, outcome.de_minimis) == ("medium", "important", None)
    assert calls == [1]
    assert ProfileResult([], Decimal("0.00"), {}).size is None


def test_evaluator_summary_matches_the_plain_function(rules):
    data, problems = parse_profile(PROFILE, "p.yaml")
    assert problems == [] and data is not None
    for explain in (False, True):
        outcome = Evaluator(rules).evaluate(data, DAY, "en", explain=explain)
        assert (outcome.size, outcome.nis2, outcome.de_minimis) == (
            "small",
            "none",
            {
                "ceiling": Decimal("300000"),
                "used": Decimal("161.70"),
                "granted_now": Decimal("4500.00"),
                "remaining": Decimal("295338.30"),
            },
        )


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the summaries the evaluator works out."""
    import engine.evaluate.evaluator as evaluator_module

    calls: list[int] = []

    def counting(*args: object) -> Summary:
        calls.append(1)
        return summarise(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(evaluator_module, "summarise", counting)
    return calls


def test_with_explanations_the_summary_waits_until_read_and_the_tips_read_it(rules, monkeypatch):
    from engine.evaluate.tips import add_tips

    calls = _counted(monkeypatch)
    data, problems = parse_profile(PROFILE, "p.yaml")
    assert problems == [] and data is not None
    evaluator = Evaluator(rules)
    outcome = evaluator.evaluate(data, DAY, "en", explain=True)
    assert calls == []
    add_tips(evaluator, data, outcome, "en")
    assert calls == [1]
    assert (outcome.size, outcome.de_minimis and outcome.de_minimis["used"]) == ("small", Decimal("161.70"))
    assert calls == [1]


def test_the_summary_is_worked_out_at_once_with_a_trace_or_when_it_takes_steps(rules, monkeypatch):
    calls = _counted(monkeypatch)
    data, problems = parse_profile(PROFILE, "p.yaml")
    assert problems == [] and data is not None
    Evaluator(rules).evaluate(data, DAY, "en", trace=True)
    assert calls == [1]
    # 16 grants in the history: reading them is a scan that costs a step, taken from the profile's budget at once
    many = "aid_received: [" + ", ".join(f"{{date: 2025-01-{day:02d}, amount: 100}}" for day in range(1, 17)) + "]"
    data, problems = parse_profile(PROFILE.replace(PROFILE.splitlines()[1], many), "p.yaml")
    assert problems == [] and data is not None
    Evaluator(rules).evaluate(data, DAY, "en", explain=True)
    assert calls == [1, 1]
    Evaluator(rules).evaluate(data, DAY, "en", explain=False)
    assert calls == [1, 1]
