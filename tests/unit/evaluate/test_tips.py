"""When to apply (engine/evaluate/tips.py): the first later date that pays more, from the rules' own dates."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from engine import Evaluator, load_rules, parse_profile
from engine.evaluate import tips
from engine.evaluate.results import Tip
from engine.evaluate.tips import add_tips, months_later, redated
from engine.language.functions import years_before

from ...conftest import EXAMPLES, RULES
from .test_evaluator import COMPANY, project, write

D = dt.date
AS_OF = D(2026, 12, 5)
SMALL = "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}\n"


def tipped(profile: str, rules_path=RULES, as_of: dt.date = AS_OF, lang: str = "en"):
    data, diagnostics = parse_profile(profile, "p.yaml")
    assert diagnostics == []
    evaluator = Evaluator(load_rules(rules_path))
    outcome = evaluator.evaluate(data, as_of, lang)
    add_tips(evaluator, data, outcome, lang)
    return {(r.project, r.measure.id): r for r in outcome.results}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Applied on 1 January 2027, the same project would get EUR 3,600.00 instead of EUR 3,000.00."),
        ("nl", "Met een aanvraag op 1 januari 2027 krijgt hetzelfde project EUR 3.600,00 in plaats van EUR 3.000,00."),
    ],
)
def test_the_small_it_firms_training_is_worth_more_next_year(run_cli, lang, text):
    """Applied on 2026-05-10 the training gets EUR 3,000 (the advice took 4,500 of the year's 7,500); on
    2027-01-01, a new year's cap, 45% of 8,000 = 3,600. Its start date moves with it, so it is still in time."""
    code, out, err = run_cli(
        "evaluate", str(EXAMPLES / "small-it-firm.yaml"), "--format", "json", "--as-of", "2026-12-05", "--lang", lang
    )
    assert code == 0, err
    results = {r["project"]: r for r in json.loads(out, parse_float=Decimal)["results"]}
    assert results["security-training"]["amount"] == Decimal("3000")
    assert results["security-training"]["tips"] == [{"date": "2027-01-01", "amount": 3600, "text": text}]
    assert results["cyber-audit"]["tips"] == []  # 4,500 is all its 45%: no later date pays more
    assert results["marketing-advice"]["tips"] == []  # advice on theme 'other' is never paid again
    code, out, err = run_cli(
        "evaluate", str(EXAMPLES / "small-it-firm.yaml"), "--as-of", "2026-12-05", "--lang", lang, "--format", "text"
    )
    assert code == 0, err
    helps = {
        "en": "From 1 January 2027 you can get EUR 3,600.00.",
        "nl": "Vanaf 1 januari 2027 kan je EUR 3.600,00 krijgen.",
    }[lang]  # the report says the tip as what would help, under the training's line
    training = {
        "en": "SME wallet (kmo-portefeuille): EUR 3,000.00, eligible",
        "nl": "Kmo-portefeuille: EUR 3.000,00, komt in aanmerking",
    }[lang]
    assert f"  {training}\n    {helps}\n" in out
    code, out, err = run_cli(
        "evaluate",
        str(EXAMPLES / "small-it-firm.yaml"),
        "--as-of",
        "2026-12-05",
        "--lang",
        lang,
        "--format",
        "markdown",
    )
    assert f"- **{training}**\n  - {helps}\n" in out


def test_a_cap_used_up_fails_and_the_next_year_pays_the_whole_amount():
    """EUR 7,500 received on 2026-02-01 uses up the 2026 cap: not eligible, the cap's check false (D14);
    on 2027-01-01 the new cap pays 45% of 10,000."""
    results = tipped(
        SMALL + "aid_received: [{date: 2026-02-01, amount: 7500, measure: kmo-portefeuille}]\n"
        "projects:\n  - {id: p, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01,"
        " start_date: 2026-02-25, provider_registered: true}\n"
    )
    result = results[("p", "kmo-portefeuille")]
    assert (result.status, result.amount, result.recommended) == ("not_eligible", Decimal("0.00"), False)
    assert [(c.id, c.holds) for c in result.conditions if c.holds is not True] == [("yearly-cap-reached", False)]
    assert result.tips == [
        Tip(
            D(2027, 1, 1),
            Decimal("4500.00"),
            "Applied on 1 January 2027, the same project would get EUR 4,500.00 instead of EUR 0.00.",
        )
    ]


def test_aid_leaving_the_de_minimis_window_is_the_first_date_that_pays(run_cli):
    """examples/profiles/near-de-minimis-ceiling.yaml: the training of 2026-04-13 breaks the ceiling (all or
    nothing); on 2026-05-10, three years after the EUR 120,000 of 2023-05-10, that aid has left the window and
    the training gets 45% of 10,000 capped at what the year's cap leaves: 3,000."""
    code, out, err = run_cli(
        "evaluate", str(EXAMPLES / "near-de-minimis-ceiling.yaml"), "--format", "json", "--as-of", "2026-12-05"
    )
    assert code == 0, err
    tipped_results = {
        (r["project"], r["measure"]): [(t["date"], t["amount"]) for t in r["tips"]]
        for r in json.loads(out, parse_float=Decimal)["results"]
        if r["tips"]
    }
    assert tipped_results == {
        ("security-training", "kmo-portefeuille"): [("2026-05-10", 3000)],
        ("improvement-may", "cybersecurity-verbetertraject"): [("2026-05-10", 10000)],
    }


RISING = """\
parameters:
  rate:
    description: the rate
    unit: percent
    values:
      - {{from: 2020-01-01, value: 25, source: https://example.org/a}}
{more}
amount:
  rate: rate
  base: project.cost
"""


def rising(*values: tuple[str, int]) -> str:
    return RISING.format(
        more="\n".join(
            f"      - {{from: {day}, value: {rate}, source: https://example.org/{day}}}" for day, rate in values
        )
    )


@pytest.mark.parametrize(
    "values, expected",
    [
        ([("2025-12-01", 30)], [(D(2025, 12, 1), Decimal("60000.00"))]),  # 18 months after 2024-06-01: the last day
        ([("2025-12-02", 30)], []),  # one day beyond the horizon
        ([("2025-12-01", 25)], []),  # the same amount is not more
        ([("2024-09-01", 20)], []),  # less
        ([("2024-09-01", 20), ("2025-01-01", 26)], [(D(2025, 1, 1), Decimal("52000.00"))]),  # more than now
        ([("2024-09-01", 30), ("2024-12-01", 35)], [(D(2024, 9, 1), Decimal("60000.00"))]),  # the first that pays more
    ],
)
def test_a_dated_value_within_eighteen_months_that_raises_the_amount(rule_dir, values, expected):
    """A parameter's new value is a candidate date; only dates within the horizon, and only a higher amount,
    make a tip, and the first such date is kept."""
    write(rule_dir, "rising", rising(*values))
    results = tipped(COMPANY.format(projects=project("p")), rule_dir, D(2024, 6, 1))
    assert results[("p", "rising")].amount == Decimal("50000.00")
    assert [(t.date, t.amount) for t in results[("p", "rising")].tips] == expected


def test_a_call_that_opens_later_is_a_date(rule_dir):
    write(
        rule_dir,
        "called",
        """\
calls:
  condition:
    id: no-open-call
    text: {nl: open oproep, en: an open call}
  windows:
    - {name: first call, open: 2024-01-01, close: 2024-03-31, source: https://example.org/c1}
    - {name: second call, open: 2025-02-01, close: 2025-04-30, source: https://example.org/c2}
amount:
  fixed: "50000"
""",
    )
    results = tipped(COMPANY.format(projects=project("p")), rule_dir, D(2024, 6, 1))
    result = results[("p", "called")]
    assert (result.status, result.amount) == ("not_eligible", Decimal("0.00"))
    assert [(t.date, t.amount) for t in result.tips] == [(D(2025, 2, 1), Decimal("50000.00"))]


def test_undetermined_results_get_no_tip():
    results = tipped(
        SMALL + "aid_received: [{date: 2026-02-01, amount: 7000, measure: kmo-portefeuille}]\n"
        "projects:\n  - {id: p, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-01}\n"
    )
    result = results[("p", "kmo-portefeuille")]
    assert (result.status, result.tips) == ("undetermined", [])  # provider_registered is not given


def test_when_the_budget_of_the_tips_is_spent_the_rest_get_none(monkeypatch):
    monkeypatch.setattr(tips, "PROFILE_STEPS", 1)
    results = tipped((EXAMPLES / "small-it-firm.yaml").read_text(encoding="utf-8"))
    assert [r.tips for r in results.values()] == [[], [], []]
    assert results[("security-training", "kmo-portefeuille")].amount == Decimal("3000.00")  # the evaluation stands


def test_the_project_moves_with_its_dates():
    moved = redated(
        {"id": "p", "application_date": D(2026, 5, 10), "start_date": D(2026, 5, 1)}, D(2026, 5, 10), D(2027, 1, 1)
    )
    assert moved == {"id": "p", "application_date": D(2027, 1, 1), "start_date": D(2026, 12, 23)}
    assert redated({"id": "p"}, D(2026, 5, 10), D(2027, 1, 1)) == {"id": "p", "application_date": D(2027, 1, 1)}


@pytest.mark.parametrize(
    "day, later",
    [
        (D(2024, 6, 1), D(2025, 12, 1)),
        (D(2025, 8, 31), D(2027, 2, 28)),
        (D(2026, 8, 31), D(2028, 2, 29)),
        (D(2026, 7, 15), D(2028, 1, 15)),
        (D(2025, 3, 31), D(2026, 9, 30)),
        (D(2024, 6, 30), D(2025, 12, 30)),
        (D(2024, 7, 31), D(2026, 1, 31)),
        (D(9999, 1, 1), D(9999, 12, 31)),
    ],
)
def test_eighteen_months_later(day, later):
    assert months_later(day, 18) == later


def _long_history(projects: int, aid: int, seed: int) -> str:
    """A profile whose projects (advice and training, 2025 to 2026) share yearly caps and the de minimis ceiling
    with a long aid history (kmo-portefeuille aid, large de minimis grants, aid on 29 February and on the
    application dates), so that many results have a tip and the history is read by bisection."""
    import random

    pick = random.Random(seed)
    days = [D(2020, 2, 29), D(2024, 2, 29), D(2025, 3, 1), D(2026, 3, 1), D(2025, 12, 31), D(2026, 1, 1)]
    lines = [SMALL, "aid_received:\n"]
    for i in range(aid):
        day = pick.choice(days) if i % 7 == 0 else D(2019, 1, 1) + dt.timedelta(days=pick.randrange(2800))
        measure = ", measure: kmo-portefeuille" if i % 9 == 0 else ""
        amount = pick.choice(["1", "2.50", "250", "900"] if i % 17 else ["30000"])
        lines.append(f"  - {{date: {day}, amount: {amount}{measure}, de_minimis: {str(i % 5 != 4).lower()}}}\n")
    lines.append("projects:\n")
    for i in range(projects):
        day = D(2025, 1, 1) + dt.timedelta(days=pick.randrange(700))
        kind = pick.choice(["advice", "training"])
        lines.append(
            f"  - {{id: p{i}, kind: {kind}, theme: cybersecurity, cost: {pick.randrange(200, 20000)},"
            f" application_date: {day}, start_date: {day}, provider_registered: true}}\n"
        )
    return "".join(lines)


@pytest.mark.parametrize("projects, aid, seed", [(12, 40, 1), (30, 120, 2), (60, 300, 3)])
def test_a_long_history_read_by_bisection_gives_the_tips_of_the_lists(monkeypatch, projects, aid, seed):
    """The tips read a long history by bisection (tips.Ledgers): the same tips, and the budget runs out on the same
    result, as with the lists of grants the aid functions scan; the anniversaries of the earliest grant of each month
    and day are those of all grants."""
    profile = _long_history(projects, aid, seed)
    counts = []
    for steps in (tips.PROFILE_STEPS, 1_500):
        monkeypatch.setattr(tips, "PROFILE_STEPS", steps)
        by_bisection = tipped(profile, as_of=D(2026, 6, 1))
        monkeypatch.setattr(tips, "BISECT_FROM", 10**9)
        by_lists = tipped(profile, as_of=D(2026, 6, 1))
        monkeypatch.undo()
        assert {key: r.tips for key, r in by_bisection.items()} == {key: r.tips for key, r in by_lists.items()}
        counts.append(sum(bool(r.tips) for r in by_lists.values()))
    assert counts[0] > counts[1]  # the small budget ran out before the last tip
    data, _ = parse_profile(profile, "p.yaml")
    evaluator = Evaluator(load_rules(RULES))
    outcome = evaluator.evaluate(data, D(2026, 6, 1), "en")
    ledgers = tips.Ledgers(tips.aid_entries(data), outcome)
    for result in outcome.results:
        day, index = result.application_date, result.project_index
        every = tips.ledger(ledgers.received, outcome, index, day)
        earliest = ledgers.earliest(index, day)
        assert tips.measure_dates(evaluator, result.measure, day, earliest) == tips.measure_dates(
            evaluator, result.measure, day, every
        )
        assert len(earliest) < len(every) or len(every) < 40
        for date in (day + dt.timedelta(days=1), D(day.year + 1, 1, 1), D(day.year + 1, 6, 30)):
            seen = tips.ledger(ledgers.received, outcome, index, date)
            view = ledgers.at(index, date)
            assert len(view) == len(seen)
            for first, measure, de_minimis in [
                (D(2000, 1, 1), None, None),
                (D(day.year, 1, 1), "kmo-portefeuille", None),
                (years_before(date, 3), None, True),
            ]:
                scanned = [
                    e
                    for e in seen
                    if first <= e.date <= date and measure in (None, e.measure) and de_minimis in (None, e.de_minimis)
                ]
                assert view.read(first, date, measure, de_minimis) == (sum(e.amount for e in scanned), len(scanned))


@pytest.mark.parametrize(
    "projects, aid, seed, added, steps, tipped",
    [(5, 40, 4, 1, None, 1), (12, 40, 1, 0, None, 6), (12, 40, 1, 0, 7_000, 2)],
)
def test_the_tips_read_on_the_evaluators_history_as_on_one_of_their_own(
    monkeypatch, projects, aid, seed, added, steps, tipped
):
    """The tips read the aid history the evaluator built (its running sums), with the last project's recommended
    amount added when it has one (``added``): the same tips (``tipped`` results get one), and a small budget runs
    out on the same result, as on a history built for them."""
    if steps is not None:
        monkeypatch.setattr(tips, "PROFILE_STEPS", steps)
    data, _ = parse_profile(_long_history(projects, aid, seed), "p.yaml")
    evaluator = Evaluator(load_rules(RULES))
    found = []
    for reuse in (True, False):
        outcome = evaluator.evaluate(data, D(2026, 6, 1), "en")
        history = outcome.history
        assert history is not None
        grants = sum(r.recommended for r in outcome.results)
        assert len(history.granted) == grants - added  # the last project's is left to the tips
        if not reuse:
            outcome.history = None
        add_tips(evaluator, data, outcome, "en")
        assert len(history.granted) == (grants if reuse else grants - added)
        found.append([(r.project, r.measure.id, r.tips) for r in outcome.results])
    assert found[0] == found[1]
    assert sum(bool(tips) for *_, tips in found[0]) == tipped


def test_an_outcome_recommended_otherwise_since_gets_a_history_of_its_own():
    """When the outcome's recommendations are no longer those the evaluator's history holds, the tips build a
    history of their own."""
    data, _ = parse_profile(_long_history(30, 120, 2), "p.yaml")
    outcome = Evaluator(load_rules(RULES)).evaluate(data, D(2026, 6, 1), "en")
    history = outcome.history
    assert history is not None
    assert tips.Ledgers(history.received, outcome).history is history
    changed = next(r for r in outcome.results if r.recommended)
    changed.amount = changed.amount + 1  # as a settled outcome may recommend another amount
    ledgers = tips.Ledgers(history.received, outcome)
    assert ledgers.history is not history and ledgers.history is not None
    assert changed.amount in [e.amount for e in ledgers.history.granted]
    assert changed.amount not in [e.amount for e in history.granted]
    assert tips.Ledgers(tips.aid_entries(data), outcome).history is not history  # other entries: not reused
