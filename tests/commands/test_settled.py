"""`evaluate` on incomplete profiles (issue 15): what the absent facts cannot change is settled, `missing` is
exact and in leaf paths, and an undetermined result carries its `amount_range`."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine import Evaluator, load_rules
from engine.evaluate import completion, factored, groups
from engine.load.profile import parse_profile

from ..conftest import EXAMPLES, RULES

AS_OF = "2026-03-01"
ADVICE = {"id": "p", "kind": "advice", "provider_registered": True}
SMALL = {"legal_form": "bv", "region": "flanders", "employees": 12, "turnover": 1800000, "balance_sheet_total": 900000}


def _evaluate(run_cli: Any, tmp_path: Path, profile: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(profile), encoding="utf-8")
    code, out, err = run_cli("evaluate", str(path), "--format", "json", "--as-of", AS_OF)
    assert code == 0, err
    return json.loads(out, parse_float=Decimal)


def _only(document: dict[str, Any], measure: str) -> dict[str, Any]:
    (found,) = [r for r in document["results"] if r["measure"] == measure]
    return found


def test_a_linked_enterprise_of_300_makes_the_company_large_whatever_its_own_staff(run_cli, tmp_path):
    company = {k: v for k, v in SMALL.items() if k != "employees"}
    company["linked_enterprises"] = [{"employees": 300, "turnover": 1000000, "balance_sheet_total": 1000000}]
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": company,
            "projects": [ADVICE | {"theme": "cybersecurity", "cost": 10000}],
        },
    )
    assert document["company"] == {"size": "large", "nis2": "none"}
    result = _only(document, "kmo-portefeuille")
    assert (result["status"], result["amount"], result["missing"]) == ("not_eligible", 0, [])
    assert [c["id"] for c in result["conditions"] if c["holds"] is False] == ["sme"]
    assert "amount_range" not in result


def test_de_minimis_aid_over_the_ceiling_fails_for_any_cost(run_cli, tmp_path):
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": SMALL,
            "aid_received": [{"date": "2025-06-01", "amount": 310000, "measure": "other"}],
            "projects": [{"id": "t", "kind": "improvement_trajectory", "provider_framework_contract": True}],
        },
    )
    result = _only(document, "cybersecurity-verbetertraject")
    assert (result["status"], result["amount"], result["missing"]) == ("not_eligible", 0, [])
    assert {c["id"]: c["holds"] for c in result["conditions"]}["de-minimis-ceiling"] is False


def test_a_theme_that_changes_nothing_before_the_raised_rate_is_not_missing(run_cli, tmp_path):
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": SMALL,
            "projects": [ADVICE | {"cost": 5000, "application_date": "2020-06-01"}],
        },
    )
    result = _only(document, "kmo-portefeuille")
    assert (result["status"], result["rate"], result["amount"], result["missing"]) == ("eligible", 30, 1500, [])
    assert result["recommended"] is True and document["totals"]["amount"] == 1500


def test_missing_lists_every_fact_that_can_change_the_result(run_cli, tmp_path):
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": {"legal_form": "bv", "region": "flanders", "turnover": 20000000},
            "projects": [{"id": "a", "kind": "advice", "theme": "cybersecurity", "provider_registered": True}],
        },
    )
    assert document["company"]["size"] is None
    result = _only(document, "kmo-portefeuille")
    assert result["status"] == "undetermined"
    assert result["missing"] == ["company.balance_sheet_total", "company.employees", "projects[0].cost"]
    assert result["amount_range"] == {"min": 0, "max": 7500}


def test_missing_names_the_facts_inside_an_absent_consortium(run_cli, tmp_path):
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": SMALL,
            "projects": [
                {"id": "i", "kind": "icon", "theme": "cybersecurity", "cost": 1000000, "application_date": "2022-06-01"}
            ],
        },
    )
    result = _only(document, "cs-icon")
    assert result["status"] == "undetermined"
    assert result["missing"] == [
        "projects[0].consortium.independent_companies",
        "projects[0].consortium.research_organisation",
    ]
    assert result["amount_range"] == {"min": 0, "max": 600000}


def test_the_small_it_firms_audit_without_its_cost_lies_between_0_and_the_yearly_cap(run_cli, tmp_path):
    profile = yaml.safe_load((EXAMPLES / "small-it-firm.yaml").read_text(encoding="utf-8"))
    del profile["projects"][0]["cost"]
    profile["projects"] = profile["projects"][:1]
    result = _only(_evaluate(run_cli, tmp_path, profile), "kmo-portefeuille")
    assert (result["status"], result["amount"], result["missing"]) == ("undetermined", None, ["projects[0].cost"])
    assert result["amount_range"] == {"min": 0, "max": 7500}


def test_the_amount_range_ends_where_the_de_minimis_ceiling_turns_the_cost_away(run_cli, tmp_path):
    """290,000 of earlier de minimis aid leave 10,000: 50% of a cost of 20,000 (found by bisection)."""
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": SMALL,
            "aid_received": [{"date": "2025-06-01", "amount": 290000, "measure": "other"}],
            "projects": [{"id": "t", "kind": "improvement_trajectory", "provider_framework_contract": True}],
        },
    )
    result = _only(document, "cybersecurity-verbetertraject")
    assert result["status"] == "undetermined" and result["missing"] == ["projects[0].cost"]
    assert result["amount_range"] == {"min": 0, "max": 10000}


def test_an_amount_without_an_upper_bound_has_max_null(run_cli, tmp_path):
    """The 2021 CS-ICON call has no cap: 60% of a cost that may be any size."""
    consortium = {"research_organisation": True, "independent_companies": 3}
    document = _evaluate(
        run_cli,
        tmp_path,
        {
            "company": SMALL,
            "projects": [
                {
                    "id": "i",
                    "kind": "icon",
                    "theme": "cybersecurity",
                    "application_date": "2021-06-01",
                    "consortium": consortium,
                }
            ],
        },
    )
    result = _only(document, "cs-icon")
    assert result["status"] == "undetermined" and result["missing"] == ["projects[0].cost"]
    assert result["amount_range"] == {"min": 0, "max": None}


def test_beyond_the_bound_on_completions_the_result_stays_plainly_undetermined(monkeypatch: pytest.MonkeyPatch):
    text = yaml.safe_dump(
        {
            "company": {"legal_form": "bv", "region": "flanders", "turnover": 20000000},
            "projects": [{"id": "a", "kind": "advice", "theme": "cybersecurity", "provider_registered": True}],
        }
    )
    profile, diagnostics = parse_profile(text, "p.yaml")
    assert diagnostics == []
    monkeypatch.setattr(completion, "MAX_COMPLETIONS", 10)
    monkeypatch.setattr(groups, "MAX_COMPLETIONS", 10)
    outcome = Evaluator(load_rules(RULES)).evaluate(profile, dt.date(2026, 3, 1), "en")
    (result,) = outcome.results
    assert (result.status, result.missing, result.amount_range) == (
        "undetermined",
        ["company.employees"],
        (Decimal("0.00"), None),
    )
    assert outcome.size is None


def test_a_complete_profile_is_not_split(monkeypatch: pytest.MonkeyPatch):
    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the split ran for a complete profile")

    monkeypatch.setattr("engine.evaluate.completion.settle", fail)
    profile, diagnostics = parse_profile((EXAMPLES / "small-it-firm.yaml").read_text(encoding="utf-8"), "x.yaml")
    assert diagnostics == []
    outcome = Evaluator(load_rules(RULES)).evaluate(profile, dt.date(2026, 3, 1), "en")
    assert [r.status for r in outcome.results] == ["eligible", "eligible", "not_eligible"]


def test_a_settled_result_keeps_its_own_explanation_when_the_split_has_no_steps_left_to_explain_it(monkeypatch):
    """The explained completion runs on what is left of the split's budget; when that is spent, the result is
    still settled, with the partial evaluation's explanation after the line that says so."""
    from engine.evaluate.budget import WorkLimit
    from engine.evaluate.evaluator import Evaluator as Plain

    profile = {
        "company": SMALL,
        "aid_received": [{"date": "2025-06-01", "amount": 310000, "measure": "other"}],
        "projects": [{"id": "t", "kind": "improvement_trajectory", "provider_framework_contract": True}],
    }
    data, diagnostics = parse_profile(json.dumps(profile), "p")
    assert diagnostics == []
    evaluator = Evaluator(load_rules(RULES))
    partial = Plain(evaluator.rules, completions=0).evaluate(data, dt.date(2026, 3, 1), "en")
    (before,) = [r for r in partial.results if r.measure.id == "cybersecurity-verbetertraject"]
    assert before.status == "undetermined"
    evaluate_once = factored._evaluate

    def spent(split, measure, params, scope, explain):
        if explain:
            raise WorkLimit("no steps left")
        return evaluate_once(split, measure, params, scope, explain)

    monkeypatch.setattr(factored, "_evaluate", spent)
    outcome = evaluator.evaluate(data, dt.date(2026, 3, 1), "en")
    (result,) = [r for r in outcome.results if r.measure.id == "cybersecurity-verbetertraject"]
    assert (result.status, result.amount) == ("not_eligible", Decimal("0.00"))
    assert result.explanation[1:] == before.explanation
    assert result.explanation[0] == (
        "The missing facts (projects[0].cost) cannot change this result: every possible value of them gives the "
        "same result: not eligible. The steps below are those of the facts as given."
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "The missing facts (company.employees) cannot change this result: every possible value of them gives "
            "the same result: not eligible. The steps below are those of one such value: company.employees = 0.",
        ),
        (
            "nl",
            "De ontbrekende gegevens (company.employees) kunnen dit resultaat niet veranderen: elke mogelijke "
            "waarde ervan geeft hetzelfde resultaat: niet in aanmerking. De stappen hieronder zijn die van één "
            "zo'n waarde: company.employees = 0.",
        ),
    ],
)
def test_a_settled_explanation_names_the_absent_facts_and_the_value_whose_steps_it_shows(run_cli, tmp_path, lang, line):
    """Honest about the split: which absent facts were considered, that every value of them gives this outcome,
    and which value the steps shown are those of (issue 15)."""
    company = {k: v for k, v in SMALL.items() if k != "employees"}
    company["linked_enterprises"] = [{"employees": 300, "turnover": 1000000, "balance_sheet_total": 1000000}]
    path = tmp_path / "profile.yaml"
    path.write_text(
        yaml.safe_dump({"company": company, "projects": [ADVICE | {"theme": "cybersecurity", "cost": 10000}]}),
        encoding="utf-8",
    )
    code, out, err = run_cli("evaluate", str(path), "--format", "json", "--as-of", AS_OF, "--lang", lang)
    assert code == 0, err
    (result,) = json.loads(out)["results"]
    assert result["status"] == "not_eligible"
    assert result["explanation"][0] == line
    assert "sme" in result["explanation"][-1]


def test_the_whole_split_names_only_the_absent_facts_the_measure_reads(monkeypatch):
    """Profiles with several projects get the whole split; its settled line names the absent facts that
    result's measure reads, not every absent fact of the profile."""
    profile = {
        "company": SMALL,
        "aid_received": [{"date": "2025-06-01", "amount": 310000, "measure": "other"}],
        "projects": [
            {"id": "t", "kind": "improvement_trajectory", "provider_framework_contract": True},
            {"id": "a", "kind": "advice", "theme": "cybersecurity", "provider_registered": True},
        ],
    }
    data, diagnostics = parse_profile(json.dumps(profile), "p")
    assert diagnostics == []
    outcome = Evaluator(load_rules(RULES)).evaluate(data, dt.date(2026, 3, 1), "en")
    (result,) = [r for r in outcome.results if r.measure.id == "cybersecurity-verbetertraject"]
    assert result.status == "not_eligible"
    assert result.explanation[0].startswith("The missing facts (projects[0].cost) cannot change this result")
