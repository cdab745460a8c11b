"""`subsidie ask` and the questionnaire behind it, driven with scripted answers (wrong ones too)."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest

from engine import load_rules
from engine.ask.answers import AnswerError, parse_answer
from engine.ask.profile_fields import fields, generic
from engine.ask.questionnaire import Session
from engine.ask.relevance import watched_fields
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.tips import add_tips
from engine.load.profile import load_partial, parse_profile
from engine.render.profile_yaml import dump_profile
from engine.render.report import profile_json

from ..conftest import EXAMPLES, RULES

AS_OF = dt.date(2026, 3, 1)
RULESET = load_rules(RULES)

# A 12-person IT firm asks about cybersecurity advice (the first project of examples/profiles/small-it-firm.yaml).
SMALL_IT_FIRM = [
    ("value", "projects[0].id", "cyber-audit"),
    ("value", "projects[0].kind", "advice"),
    ("value", "projects[0].application_date", ""),  # Enter: the --as-of date
    ("value", "company.legal_form", "bv"),
    ("value", "company.region", "flanders"),
    ("value", "company.public_participation", "0"),
    ("value", "company.employees", "12"),
    ("value", "company.turnover", "1800000"),
    # no balance sheet total: 12 staff and EUR 1.8 million of turnover make the firm small whatever it is
    ("add", "company.partner_enterprises", "no"),
    ("add", "company.linked_enterprises", "no"),
    ("value", "projects[0].theme", "cybersecurity"),
    ("value", "projects[0].cost", "10000"),
    ("value", "projects[0].provider_registered", "yes"),
    ("add", "company.previous_year", "no"),
    ("add", "aid_received", "yes"),
    ("value", "aid_received[0].date", "2025-04-01"),
    ("value", "aid_received[0].amount", "2000"),
    ("more", "aid_received", "no"),
    ("value", "projects[0].start_date", "2026-02-20"),
    ("more", "projects", "no"),
]

SMALL_IT_FIRM_YAML = """\
company:
  legal_form: bv
  region: flanders
  employees: 12
  turnover: 1800000
  partner_enterprises: []
  linked_enterprises: []
  public_participation: 0
aid_received:
  - date: 2025-04-01
    amount: 2000
projects:
  - id: cyber-audit
    kind: advice
    theme: cybersecurity
    cost: 10000
    application_date: 2026-03-01
    start_date: 2026-02-20
    provider_registered: true
"""


def drive(session: Session, script: list[tuple[str, str, str]]) -> None:
    """Answer exactly the scripted questions, in order, and check that nothing more is asked."""
    for kind, path, answer in script:
        question = session.next_question()
        assert question is not None, f"finished before {kind} {path}"
        assert (question.kind, question.path) == (kind, path), [(q.kind, q.path) for q in session.asked]
        session.answer(answer)
    left = session.next_question()
    assert left is None, f"one more question: {left.kind} {left.path}"


def asked(session: Session) -> list[tuple[str, str]]:
    return [(q.kind, q.path) for q in session.asked]


def text_of(kind: str, path: str, lang: str = "en") -> str:
    node = fields()[generic(path)]
    return node["x-question-another" if kind == "more" else "x-question"][lang]


def answers(script: list[tuple[str, str, str]]) -> str:
    return "".join(answer + "\n" for _, _, answer in script)


def evaluate_json(run_cli, path: Path, lang: str = "en") -> dict:
    code, out, err = run_cli("evaluate", str(path), "--format", "json", "--lang", lang, "--as-of", AS_OF.isoformat())
    assert (code, err) == (0, "")
    return json.loads(out)


# -- the order of the questions ------------------------------------------------------------------


def test_the_small_it_firm_gets_exactly_these_questions_in_this_order():
    session = Session(RULESET, "en", AS_OF)
    drive(session, SMALL_IT_FIRM)
    assert dump_profile(session.data) == SMALL_IT_FIRM_YAML
    outcome = session.outcome()
    assert [(r.project, r.measure.id, r.status, r.rate, r.amount, r.recommended) for r in outcome.results] == [
        ("cyber-audit", "kmo-portefeuille", "eligible", 45, 4500, True)
    ]
    assert str(outcome.results[0].amount) == "4500.00"
    assert outcome.de_minimis == {"ceiling": 300000, "used": 2000, "granted_now": 4500, "remaining": 293500}


def test_a_fact_that_can_no_longer_change_a_result_is_not_asked():
    # in Wallonia the kmo-portefeuille is out: no size, theme, cost, provider, aid or start date is asked
    session = Session(RULESET, "en", AS_OF)
    drive(
        session,
        [
            ("value", "projects[0].id", ""),
            ("value", "projects[0].kind", "1"),
            ("value", "projects[0].application_date", ""),
            ("value", "company.legal_form", "bv"),
            ("value", "company.region", "wallonia"),
            ("more", "projects", "no"),
        ],
    )
    assert [(r.measure.id, r.status) for r in session.outcome().results] == [("kmo-portefeuille", "not_eligible")]


def test_facts_only_a_failed_measure_reads_are_not_asked_for_the_other_project():
    # from 2026-02-01 the kmo-portefeuille pays advice on cybersecurity only: the marketing advice fails on
    # its theme, so its provider, cost and start date are never asked; the trajectory's facts are
    session = Session(RULESET, "en", AS_OF)
    drive(
        session,
        [
            ("value", "projects[0].id", "marketing"),
            ("value", "projects[0].kind", "advice"),
            ("value", "projects[0].application_date", ""),
            ("value", "company.legal_form", "bv"),
            ("value", "company.region", "flanders"),
            ("value", "company.public_participation", "0"),
            ("value", "company.employees", "12"),
            ("value", "company.turnover", "1800000"),
            ("add", "company.partner_enterprises", "no"),
            ("add", "company.linked_enterprises", "no"),
            ("value", "projects[0].theme", "other"),
            ("more", "projects", "yes"),
            ("value", "projects[1].id", "trajectory"),
            ("value", "projects[1].kind", "improvement_trajectory"),
            ("value", "projects[1].application_date", "2026-04-01"),
            ("value", "company.negative_equity", "no"),
            ("value", "projects[1].cost", "20000"),
            ("value", "projects[1].provider_framework_contract", "yes"),
            ("add", "company.previous_year", "no"),
            ("add", "aid_received", "no"),
            ("more", "projects", "no"),
        ],
    )
    results = [(r.project, r.measure.id, r.status, r.amount) for r in session.outcome().results]
    assert results == [
        ("marketing", "kmo-portefeuille", "not_eligible", 0),
        ("trajectory", "cybersecurity-verbetertraject", "eligible", 10000),
    ]
    never = {"projects[0].provider_registered", "projects[0].cost", "projects[0].start_date"}
    assert never & {path for _, path in asked(session)} == set()


def test_partners_are_not_asked_when_the_company_is_large_whatever_they_are():
    session = Session(RULESET, "en", AS_OF)
    drive(
        session,
        [
            ("value", "projects[0].id", ""),
            ("value", "projects[0].kind", "improvement_trajectory"),
            ("value", "projects[0].application_date", ""),
            ("value", "company.legal_form", "nv"),
            ("value", "company.region", "flanders"),
            ("value", "company.public_participation", ""),
            ("value", "company.employees", "300"),
            # 300 staff make the company large whatever its turnover and balance sheet: neither is asked
            ("value", "company.maatwerkbedrijf", "no"),
            # a large company: only as an NIS2 entity (35%), which the sector or the class given decides
            ("add", "company.previous_year", "no"),
            ("value", "company.nis2", "important"),
            ("value", "company.negative_equity", "no"),
            ("value", "projects[0].cost", "20000"),
            ("value", "projects[0].provider_framework_contract", "yes"),
            ("add", "aid_received", "no"),
            ("more", "projects", "no"),
        ],
    )
    assert [(r.status, r.rate, r.amount) for r in session.outcome().results] == [("eligible", 35, 7000)]
    assert session.outcome().size == "large"
    assert {"company.partner_enterprises", "company.linked_enterprises"} & {p for _, p in asked(session)} == set()
    assert {"company.turnover", "company.balance_sheet_total"} & {p for _, p in asked(session)} == set()


def test_a_figure_every_value_of_which_gives_the_same_results_is_not_asked():
    """Issue 15: with the settled analysis, a fact whose every possible value gives the same outcome for every
    result it can touch is skipped. 12 staff and EUR 1.8 million of turnover make the firm small whatever its
    balance sheet total (a small company is one of the two money figures within EUR 10 million), so the
    question the questionnaire asked before (the balance sheet, right after the turnover) is not asked, and
    the results are those of the whole example, balance sheet and all."""
    session = Session(RULESET, "en", AS_OF)
    drive(session, SMALL_IT_FIRM)
    assert "company.balance_sheet_total" not in {path for _, path in asked(session)}
    assert asked(session)[7:9] == [("value", "company.turnover"), ("add", "company.partner_enterprises")]
    complete = parse_profile(
        SMALL_IT_FIRM_YAML.replace("  turnover: 1800000\n", "  turnover: 1800000\n  balance_sheet_total: 1\n"), "x"
    )[0]
    assert complete is not None
    expected = Evaluator(RULESET).evaluate(complete, AS_OF, "en")
    outcome = session.outcome()
    assert [(r.status, r.amount, r.missing) for r in outcome.results] == [
        (r.status, r.amount, r.missing) for r in expected.results
    ]
    assert outcome.size == expected.size == "small"


def test_the_measure_of_earlier_aid_is_asked_only_when_it_matters():
    start = {
        "company": {
            "legal_form": "bv",
            "region": "flanders",
            "employees": 12,
            "turnover": 1800000,
            "balance_sheet_total": 900000,
            "public_participation": 0,
            "partner_enterprises": [],
            "linked_enterprises": [],
        },
        "projects": [
            {
                "id": "audit",
                "kind": "advice",
                "theme": "cybersecurity",
                "cost": 10000,
                "application_date": AS_OF,
                "start_date": AS_OF,
                "provider_registered": True,
            }
        ],
    }
    session = Session(RULESET, "en", AS_OF, start)
    # 5,000 euro this year: if it came from the kmo-portefeuille, only 2,500 of the 7,500 cap is left
    drive(
        session,
        [
            ("add", "company.previous_year", "no"),
            ("add", "aid_received", "yes"),
            ("value", "aid_received[0].date", "2026-01-15"),
            ("value", "aid_received[0].amount", "5000"),
            ("value", "aid_received[0].measure", "kmo-portefeuille"),
            ("more", "aid_received", "yes"),
            ("value", "aid_received[1].date", "2019-05-01"),
            ("value", "aid_received[1].amount", "1000"),
            ("more", "aid_received", "no"),
            ("more", "projects", "no"),
        ],
    )
    assert [(r.status, r.amount) for r in session.outcome().results] == [("eligible", 2500)]
    question = Session(RULESET, "nl", AS_OF, session.data)._question("value", "aid_received[0].measure")
    assert question.open_ended and ("innovatieve-starterssteun", "Innovatieve starterssteun (ISS)") in question.options


def test_the_theme_is_asked_when_it_decides_which_programmes_are_shown():
    # no VLAIO aid in Wallonia; whether Digital Europe and Horizon Europe are pointed to depends on the theme
    session = Session(RULESET, "en", AS_OF)
    drive(
        session,
        [
            ("value", "projects[0].id", "r"),
            ("value", "projects[0].kind", "research"),
            ("value", "projects[0].application_date", ""),
            ("value", "company.legal_form", "bv"),
            ("value", "company.region", "wallonia"),
            ("value", "projects[0].theme", "other"),
            ("more", "projects", "no"),
        ],
    )
    assert [(r.measure.id, r.status) for r in session.outcome().results] == [("onderzoeksproject", "not_eligible")]
    assert watched_fields(RULESET) == {
        "company.nis2",
        "company.nis2_sector",
        "company.previous_year",
        "projects[].start_date",
        "projects[].theme",
    }


def test_i_do_not_know_leaves_the_fact_out_and_the_result_undetermined(run_cli, tmp_path):
    session = Session(RULESET, "en", AS_OF)
    drive(
        session,
        [
            ("value", "projects[0].id", "audit"),
            ("value", "projects[0].kind", "advice"),
            ("value", "projects[0].application_date", ""),
            ("value", "company.legal_form", "bv"),
            ("value", "company.region", "flanders"),
            ("value", "company.public_participation", "0"),
            ("value", "company.employees", "?"),
            ("value", "company.turnover", "?"),
            ("value", "company.balance_sheet_total", "?"),  # the size stays unknown: partners could not change it
            ("value", "projects[0].theme", "cybersecurity"),
            ("value", "projects[0].provider_registered", "?"),
            ("add", "company.previous_year", "?"),
            ("value", "projects[0].start_date", "?"),
            # the cost still changes the amount (whatever the size, within the yearly cap): asked, not known
            ("value", "projects[0].cost", "?"),
            ("more", "projects", ""),
        ],
    )
    assert session.data["company"] == {"legal_form": "bv", "region": "flanders", "public_participation": 0}
    (result,) = session.outcome().results
    assert (result.status, result.missing) == (
        "undetermined",
        [
            "company.balance_sheet_total",
            "company.employees",
            "company.turnover",
            "projects[0].cost",
            "projects[0].provider_registered",
        ],
    )
    saved = tmp_path / "p.yaml"
    saved.write_text(dump_profile(session.data), encoding="utf-8")
    assert evaluate_json(run_cli, saved)["results"] == profile_json("x", session.outcome(), "d")["results"]


def test_lists_take_several_items_and_nested_figures():
    session = Session(RULESET, "nl", AS_OF)
    drive(
        session,
        [
            ("value", "projects[0].id", "opleiding"),
            ("value", "projects[0].kind", "2"),
            ("value", "projects[0].application_date", "2026-05-04"),
            ("value", "company.legal_form", "2"),
            ("value", "company.region", "1"),
            ("value", "company.public_participation", "0"),
            ("value", "company.employees", "40"),
            ("value", "company.turnover", "8.000.000"),
            # no balance sheet total: EUR 8 million of turnover, and 9.3 with the partners, keep the firm small
            ("add", "company.partner_enterprises", "ja"),
            ("value", "company.partner_enterprises[0].share", "30"),
            ("value", "company.partner_enterprises[0].employees", "20"),
            ("value", "company.partner_enterprises[0].turnover", "1000000"),
            ("value", "company.partner_enterprises[0].balance_sheet_total", "1000000"),
            ("more", "company.partner_enterprises", "ja"),
            ("value", "company.partner_enterprises[1].share", "50"),
            ("value", "company.partner_enterprises[1].employees", "14,5"),
            ("value", "company.partner_enterprises[1].turnover", "2000000"),
            ("value", "company.partner_enterprises[1].balance_sheet_total", "2000000"),
            ("more", "company.partner_enterprises", "nee"),
            ("add", "company.linked_enterprises", "nee"),
            ("value", "projects[0].theme", "cybersecurity"),
            ("value", "projects[0].cost", "8000"),
            ("value", "projects[0].provider_registered", "ja"),
            ("add", "company.previous_year", "ja"),
            ("value", "company.previous_year.employees", "45"),
            ("value", "company.previous_year.turnover", "9000000"),
            ("value", "company.previous_year.balance_sheet_total", "8000000"),
            ("add", "aid_received", "nee"),
            ("value", "projects[0].start_date", "2026-05-01"),
            ("more", "projects", "nee"),
        ],
    )
    # 40 + 30% of 20 + 50% of 14.5 = 53.25 AWU this year (medium), but 45 the year before: still small (D12)
    assert session.data["company"]["partner_enterprises"][1]["employees"] == pytest.approx(14.5)
    outcome = session.outcome()
    assert (outcome.size, [(r.status, r.rate, r.amount) for r in outcome.results]) == (
        "small",
        [("eligible", 45, 3600)],
    )
    assert {tuple(q.context) for q in session.asked if q.path.startswith("company.partner_enterprises[1]")} == {
        ("Partneronderneming 2",)
    }
    assert session.asked[-5].context == ["Het boekjaar daarvoor, samen met partner- en verbonden ondernemingen"]


# -- wrong answers -------------------------------------------------------------------------------

WRONG = {  # the step of SMALL_IT_FIRM -> wrong answers typed first, and the exact reason and hint each gets
    "projects[0].kind": [
        (
            "advise",
            "the text 'advise' is not allowed here; expected one of: advice, training, "
            "improvement_trajectory, development, research, icon, startup",
            "did you mean 'advice'?",
        )
    ],
    "projects[0].application_date": [
        (
            "2026-02-30",
            "'2026-02-30' is not a valid date: day is out of range for month",
            "write dates as YYYY-MM-DD with a day that exists in that month",
        ),
        (
            "13/09/2021",
            "the text '13/09/2021' is not a valid date",
            "write dates as YYYY-MM-DD, for example 2021-09-13",
        ),
    ],
    "company.region": [
        (
            "flandres",
            "the text 'flandres' is not allowed here; expected one of: flanders, brussels, wallonia, abroad",
            "did you mean 'flanders'?",
        )
    ],
    "company.employees": [
        (
            "twelve",
            "expected a number but found the text 'twelve'",
            "write a number with at most one decimal mark, for example 12500 or 2.5",
        )
    ],
    "company.turnover": [
        (
            "1.800",
            "'1.800' is ambiguous: 1800 written with a thousands separator, or 1.8 with three decimals",
            "write 1800 or 1.8, without thousands separators",
        )
    ],
    "projects[0].cost": [("-500", "must be at least 0, found -500", None)],
    "projects[0].provider_registered": [("maybe", "expected true or false but found the text 'maybe'", None)],
}


def _with_wrong_answers() -> str:
    lines = []
    for _, path, answer in SMALL_IT_FIRM:
        lines += [typed for typed, _, _ in WRONG.get(path, [])]
        lines.append(answer)
    return "".join(line + "\n" for line in lines)


def test_ask_saves_a_profile_that_evaluate_reproduces_exactly(run_cli, tmp_path):
    saved = tmp_path / "firm.yaml"
    code, out, err = run_cli(
        "ask",
        "--lang",
        "en",
        "--as-of",
        "2026-03-01",
        "--save",
        str(saved),
        "--format",
        "json",
        input=answers(SMALL_IT_FIRM),
    )
    assert code == 0, err
    assert saved.read_text(encoding="utf-8") == SMALL_IT_FIRM_YAML
    assert json.loads(out) == evaluate_json(run_cli, saved)
    assert err.endswith(f"Profile saved to {saved}\n")
    assert [p.name for p in tmp_path.iterdir()] == ["firm.yaml"]  # no temporary file left behind
    # the text output is evaluate's, word for word
    code, text, _ = run_cli(
        "ask", "--lang", "en", "--as-of", "2026-03-01", "--save", str(saved), input=answers(SMALL_IT_FIRM)
    )
    assert code == 0
    assert text == run_cli("evaluate", str(saved), "--lang", "en", "--as-of", "2026-03-01")[1]
    assert text.startswith(
        "Subsidies for your company\nApplication date: 1 March 2026\nAid to expect: EUR 4,500.00\n"
        "This is an estimate from the facts given; VLAIO decides on every application.\n\n"
        "cyber-audit (advice, applied 1 March 2026)\n  SME wallet (kmo-portefeuille): EUR 4,500.00, eligible\n"
    )


def test_markdown_output_is_evaluates_too(run_cli, tmp_path):
    saved = tmp_path / "firm.yaml"
    code, out, _ = run_cli(
        "ask",
        "--lang",
        "nl",
        "--as-of",
        "2026-03-01",
        "--save",
        str(saved),
        "--format",
        "markdown",
        input=answers(SMALL_IT_FIRM).replace("yes\n", "ja\n").replace("no\n", "nee\n"),
    )
    assert code == 0
    assert out == run_cli("evaluate", str(saved), "--lang", "nl", "--as-of", "2026-03-01", "--format", "markdown")[1]
    assert saved.read_text(encoding="utf-8") == SMALL_IT_FIRM_YAML


def test_the_command_shows_the_schema_questions_in_order(run_cli):
    code, _, err = run_cli("ask", "--lang", "en", "--as-of", "2026-03-01", input=answers(SMALL_IT_FIRM))
    assert code == 0
    position = 0
    for kind, path, _ in SMALL_IT_FIRM:
        found = err.find("\n" + text_of(kind, path) + "\n", position)
        assert found >= position, f"{kind} {path}"
        position = found + 1
    assert err.startswith(
        "\n[Project 1]\nWhat do you call this project? A short name, for example cyber-advice-2026.\n"
        "  (Enter: project-1)\n> cyber-audit\n\n[Project 1 (cyber-audit)]\nWhat kind of project is it?\n"
        "  1. advice from an external service provider\n"
    )
    assert (
        "\nIs the service provider registered for the kmo-portefeuille (SME wallet)?\n"
        "  (yes/no; ? or empty: I don't know)\n" in err
    )
    assert (
        "\nWhat was the company's own annual turnover in the latest closed financial year, in euro excluding VAT?\n"
        "  (? or empty: I don't know)\n" in err
    )


def test_a_wrong_answer_is_refused_with_the_reason_and_asked_again(run_cli, tmp_path):
    saved = tmp_path / "firm.yaml"
    code, _, err = run_cli(
        "ask", "--lang", "en", "--as-of", "2026-03-01", "--save", str(saved), input=_with_wrong_answers()
    )
    assert code == 0, err
    assert saved.read_text(encoding="utf-8") == SMALL_IT_FIRM_YAML
    answer_of = {path: answer for _, path, answer in SMALL_IT_FIRM}
    for path, wrongs in WRONG.items():
        for index, (typed, reason, hint) in enumerate(wrongs):
            after = wrongs[index + 1][0] if index + 1 < len(wrongs) else answer_of[path]
            block = (
                f"> {typed}\nInvalid answer: {reason}\n"
                + (f"  hint: {hint}\n" if hint else "")
                + f"{text_of('value', path)}\n> {after}\n"
            )
            assert block in err
    assert err.count("Invalid answer: ") == 8


def test_the_reasons_are_the_messages_evaluate_gives_for_the_same_values(run_cli, tmp_path):
    cases = [  # (profile text, path answered, typed)
        ("company: {}\nprojects: [{id: a, kind: advise}]\n", "projects[0].kind", "advise"),
        ("company: {}\nprojects: [{id: a, kind: advice, cost: -500}]\n", "projects[0].cost", "-500"),
        ("company: {employees: ten}\nprojects: [{id: a, kind: advice}]\n", "company.employees", "ten"),
        (
            "company: {}\nprojects: [{id: a, kind: advice, application_date: 2026-02-30}]\n",
            "projects[0].application_date",
            "2026-02-30",
        ),
        (
            "company: {enterprise_number: '0801.234.594'}\nprojects: [{id: a, kind: advice}]\n",
            "company.enterprise_number",
            "0801.234.594",
        ),
        ("company: {nace: '6201'}\nprojects: [{id: a, kind: advice}]\n", "company.nace", "6201"),
        (
            "company: {partner_enterprises: [{share: 60, employees: 1, turnover: 1, balance_sheet_total: 1}]}\n"
            "projects: [{id: a, kind: advice}]\n",
            "company.partner_enterprises[0].share",
            "60",
        ),
        (
            "company: {}\nprojects: [{id: a, kind: advice, provider_registered: maybe}]\n",
            "projects[0].provider_registered",
            "maybe",
        ),
        ("company: {}\nprojects: [{id: a, kind: advice}, {id: a, kind: training}]\n", "projects[1].id", "a"),
        (
            "company: {founded: 2021-01-01}\nprojects: [{id: a, kind: advice, application_date: 2020-01-01}]\n",
            "company.founded",
            "2021-01-01",
        ),
    ]
    for text, path, typed in cases:
        profile = tmp_path / "bad.yaml"
        profile.write_text(text, encoding="utf-8")
        code, _, err = run_cli("evaluate", str(profile))
        assert code == 2
        first, *rest = err.splitlines()
        message = re.fullmatch(r".*?:\d+:\d+: error: (.*) \[[a-z-]+\]", first).group(1)
        hint = rest[0].removeprefix("  hint: ") if rest else None
        partial = {"company": {}, "projects": [{"id": "a", "kind": "advice"}, {"kind": "training"}]}
        if path == "company.founded":
            partial["projects"] = [{"id": "a", "kind": "advice", "application_date": dt.date(2020, 1, 1)}]
        with pytest.raises(AnswerError) as caught:
            Session(RULESET, "en", AS_OF, partial).check(path, typed)
        assert caught.value.reason == message, path
        if hint is not None:
            assert caught.value.hint == hint, path


def test_wrong_answers_in_dutch(run_cli):
    script = "".join(f"{a}\n" for a in ["", "advies", "1", "2026-02-30", "30/02/2026", "", "bv", "Waals Gewest", ""])
    code, out, err = run_cli("ask", "--lang", "nl", "--as-of", "2026-03-01", input=script)
    assert code == 0, err
    assert (
        "> advies\nOngeldig antwoord: de tekst 'advies' is hier niet toegelaten; verwacht een van: advice, training, "
        "improvement_trajectory, development, research, icon, startup\n  tip: bedoel je 'advice'?\n"
        "Wat voor project is het?\n> 1\n"
    ) in err
    assert (
        "> 2026-02-30\nOngeldig antwoord: '2026-02-30' is geen bestaande datum\n"
        "  tip: schrijf datums als JJJJ-MM-DD, met een dag die in die maand bestaat\n"
    ) in err
    assert (
        "> 30/02/2026\nOngeldig antwoord: de tekst '30/02/2026' is geen geldige datum\n"
        "  tip: schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-09-13\n"
    ) in err
    assert (
        "  Kmo-portefeuille: niet mogelijk\n"
        "    Niet mogelijk: de onderneming heeft geen vestiging in het Vlaams Gewest die het project uitvoert.\n"
    ) in out


def test_a_required_fact_cannot_be_skipped():
    session = Session(RULESET, "en", AS_OF)
    session.answer("?")  # the project's name: '?' takes the name offered
    with pytest.raises(AnswerError) as caught:
        session.answer("?")  # its kind: needed
    assert caught.value.reason == "an answer is needed here; give your best estimate"
    assert session.next_question().path == "projects[0].kind"
    assert session.data["projects"] == [{"id": "project-1"}]


def test_application_date_before_the_company_started_is_refused_on_the_spot():
    session = Session(RULESET, "en", AS_OF, {"company": {"founded": dt.date(2026, 6, 1)}, "projects": []})
    session.answer("start")
    session.answer("advice")
    with pytest.raises(AnswerError) as caught:
        session.answer("")  # the default, 2026-03-01, is before the company started
    assert caught.value.reason == "the application date 2026-03-01 is before the company was founded (2026-06-01)"
    session.answer("2026-06-01")
    assert session.data["projects"][0]["application_date"] == dt.date(2026, 6, 1)


# -- starting from a partial profile ------------------------------------------------------------


def test_ask_starts_from_a_partial_profile(run_cli, tmp_path):
    partial = tmp_path / "company.yaml"
    partial.write_text(
        "company:\n  name: Bitwerk BV\n  enterprise_number: '0566.988.259'\n  legal_form: bv\n  founded: 2015-06-01\n"
        "  region: flanders\n  nace: '62.020'\n  employees: 12\n  turnover: 1800000\n  balance_sheet_total: 900000\n"
        "aid_received:\n  - {date: 2025-04-01, amount: 2000, measure: kmo-portefeuille}\n",
        encoding="utf-8",
    )
    start, problems = load_partial(partial)
    assert problems == [] and start["projects"] == [] and "partner_enterprises" not in start["company"]
    script = [
        step
        for step in SMALL_IT_FIRM
        if not step[1].startswith(
            (
                "company.legal_form",
                "company.region",
                "company.employees",
                "company.turnover",
                "company.balance",
                "aid_received",
            )
        )
    ]
    # with the size figures given, the partners, the linked enterprises and the public share each decide the size
    # (they are asked in the order of the schema, one result each)
    public = script.pop(3)
    assert public[1] == "company.public_participation"
    script.insert(5, public)
    session = Session(RULESET, "en", AS_OF, start)
    drive(session, script)
    saved = tmp_path / "firm.yaml"
    code, out, err = run_cli(
        "ask",
        str(partial),
        "--lang",
        "en",
        "--as-of",
        "2026-03-01",
        "--save",
        str(saved),
        "--format",
        "json",
        input=answers(script),
    )
    assert code == 0, err
    document = json.loads(out)
    assert document == evaluate_json(run_cli, saved)
    assert [(r["measure"], r["status"], r["amount"]) for r in document["results"]] == [
        ("kmo-portefeuille", "eligible", 4500)
    ]
    text = saved.read_text(encoding="utf-8")
    assert 'name: "Bitwerk BV"\n  enterprise_number: "0566.988.259"\n' in text and "measure: kmo-portefeuille" in text


def test_ask_from_a_complete_example_asks_only_the_defaults_that_could_matter(run_cli):
    start, _ = load_partial(EXAMPLES / "small-it-firm.yaml")
    session = Session(RULESET, "en", dt.date(2026, 1, 1), start)
    drive(
        session,
        [
            ("value", "company.public_participation", ""),
            ("add", "company.partner_enterprises", ""),
            ("add", "company.linked_enterprises", ""),
            ("add", "company.previous_year", ""),
            ("more", "projects", ""),
        ],
    )
    expected = json.loads((EXAMPLES / "small-it-firm.expected.json").read_text(encoding="utf-8"))
    outcome = session.outcome()
    add_tips(session.evaluator, session.complete(), outcome, "en")  # as the command does
    assert profile_json("x", outcome, RULESET.digest)["results"] == expected["results"]


def test_a_bad_partial_profile_is_refused_as_evaluate_refuses_it(run_cli, tmp_path):
    partial = tmp_path / "bad.yaml"
    partial.write_text("company:\n  enterprise_number: '0801.234.594'\n", encoding="utf-8")
    code, out, err = run_cli("ask", str(partial), "--as-of", "2026-03-01", input="")
    assert (code, out) == (2, "")
    assert err == (
        f"{partial}:2:22: error: the enterprise number '0801.234.594' has the wrong check digits: "
        "expected 49, found 94 [kbo-check]\n  hint: copy the number from the KBO (Crossroads Bank for "
        "Enterprises); the last two digits are 97 minus the first eight modulo 97\n"
    )


# -- the command's edges -------------------------------------------------------------------------


def test_input_that_ends_early_saves_nothing(run_cli, tmp_path):
    saved = tmp_path / "p.yaml"
    code, out, err = run_cli(
        "ask", "--lang", "en", "--as-of", "2026-03-01", "--save", str(saved), input="audit\nadvice\n"
    )
    assert (code, out) == (1, "")
    assert err.endswith("\nerror: the input ended before the questionnaire was finished; nothing was saved\n")
    assert not saved.exists()


def test_a_save_path_in_a_missing_folder_is_refused_before_any_question(run_cli, tmp_path):
    target = tmp_path / "nowhere" / "p.yaml"
    code, out, err = run_cli("ask", "--save", str(target), input="")
    assert (code, out) == (2, "")
    assert err == f"error: cannot save to {target}: there is no folder {target.parent}\n"


def test_random_sessions_end_and_agree_with_evaluate():
    """Seeded random answers (wrong ones too) always end, and the profile built evaluates to the same results."""

    def typed(question, rng):
        roll = rng.random()
        if roll < 0.08:
            return "?"
        if roll < 0.12:
            return rng.choice(["", "-1", "x", "2026-02-30", "99"])
        if question.kind != "value" or question.type == "boolean":
            return rng.choice(["yes", "no", "no"])
        if question.options:
            return str(1 if rng.random() < 0.6 else rng.randint(1, len(question.options)))
        if question.type == "date":
            return (AS_OF - dt.timedelta(days=rng.randint(0, 4000))).isoformat()
        if question.type in ("number", "integer"):
            return str(rng.choice([0, 3, 12, 30, 45, 60, 300, 5000, 20000, 150000, 2000000, 60000000]))
        return rng.choice(["p", "q", "r"])

    for seed in range(12):
        rng = random.Random(seed)
        session = Session(RULESET, rng.choice(["nl", "en"]), AS_OF)
        for _ in range(2000):
            question = session.next_question()
            if question is None:
                break
            try:
                session.answer(typed(question, rng))
            except AnswerError:
                pass
        assert session.next_question() is None, seed
        data, problems = parse_profile(dump_profile(session.data), "x")
        assert problems == [], seed
        again = Evaluator(RULESET).evaluate(data, AS_OF, session.lang)
        assert profile_json("x", session.outcome(), "d") == profile_json("x", again, "d"), seed


def test_the_enterprise_number_is_checked_when_typed():
    # no rule reads the enterprise number, so ask never asks it; a front end that does gets the same check
    node = fields()["company.enterprise_number"]
    assert parse_answer("BE 0566.988.259", node, "en") == "BE 0566.988.259"
    with pytest.raises(AnswerError) as caught:
        parse_answer("0566.988.258", node, "nl")
    assert caught.value.reason == (
        "het ondernemingsnummer '0566.988.258' heeft de verkeerde controlecijfers: verwacht 59, gevonden 58"
    )
    assert caught.value.hint.startswith("neem het nummer over uit de KBO")


def test_ctrl_c_is_an_interruption_not_the_end_of_the_input(run_cli, tmp_path, monkeypatch):
    import click

    def interrupted(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise click.Abort() from None

    monkeypatch.setattr(click, "prompt", interrupted)
    saved = tmp_path / "p.yaml"
    code, out, err = run_cli("ask", "--save", str(saved), input="")
    assert (code, out) == (1, "")
    assert "Aborted!" in err and "input ended" not in err
    assert not saved.exists()
