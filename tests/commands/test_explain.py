"""`subsidie explain`: the trace of every result, in text and JSON."""

from __future__ import annotations

import json

from engine.load.ruleset import digest

from ..conftest import EXAMPLES, RULES

EXAMPLE = str(EXAMPLES / "small-it-firm.yaml")


def test_explain_text_shows_values_steps_and_aid_history(run_cli):
    code, out, err = run_cli(
        "explain", EXAMPLE, "--project", "security-training", "--as-of", "2026-11-29", "--lang", "en"
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (f"Explanation: {EXAMPLE} (subsidie 0.1.0, {digest(RULES)[:19]}…, as of 2026-11-29)")
    assert lines[2] == "Project security-training, measure kmo-portefeuille (applied 2026-05-10)"
    assert (
        "    yearly_cap = {micro: 7500, small: 7500, medium: 7500}  (from 2020-01-01, "
        "https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille/hoeveel-subsidies-kan-ik-krijgen)" in lines
    )
    assert "    nis2_annex_i" not in out  # only what the measure reads
    # 45% x 8,000 = 3,600, capped at 7,500 - 4,500 (the earlier project's amount in 2026) = 3,000
    tail = lines[lines.index("  Amount:") :]
    assert tail == [
        "  Amount:",
        "    45% of EUR 8,000.00 = EUR 3,600.00",
        "    Cap 'yearly-cap-reached': at most EUR 3,000.00, so the amount becomes EUR 3,000.00",
        "  Aid history read:",
        "    2026-01-01 – 2026-05-10 (kmo-portefeuille): EUR 4,500.00",
        "      2026-03-01 EUR 4,500.00 kmo-portefeuille (project cyber-audit)",
        "    2023-05-11 – 2026-05-10 (all, de minimis only): EUR 6,500.00",
        "      2025-04-01 EUR 2,000.00 kmo-portefeuille (received)",
        "      2026-03-01 EUR 4,500.00 kmo-portefeuille (project cyber-audit)",
        "  Result: eligible, EUR 3,000.00",
    ]


def test_explain_json_is_reproducible_and_structured(run_cli):
    code, out, _ = run_cli(
        "explain", EXAMPLE, "--format", "json", "--measure", "kmo-portefeuille", "--as-of", "2026-11-29"
    )
    assert code == 0
    document = json.loads(out)
    assert (document["engine_version"], document["rules_digest"], document["as_of"]) == (
        "0.1.0",
        digest(RULES),
        "2026-11-29",
    )
    assert [e["project"] for e in document["explanations"]] == ["cyber-audit", "security-training", "marketing-advice"]
    first = document["explanations"][0]
    rate = next(p for p in first["parameters"] if p["name"] == "rate")
    assert (rate["from"], rate["value"]["raised"]["small"], rate["origin"]) == ("2021-09-14", 45, "timeline")
    sme = next(c for c in first["conditions"] if c["id"] == "sme")
    assert sme == {
        "id": "sme",
        "holds": True,
        "text": "The company is an SME (micro, small or medium under the EU definition).",
        "expression": "size in ['micro', 'small', 'medium']",
        "values": [{"name": "size", "value": "small", "given": True}],
        "missing": [],
    }
    de_minimis = [r for r in first["aid_history"] if r["de_minimis"] is True]
    assert de_minimis == [
        {
            "from": "2023-03-02",
            "to": "2026-03-01",
            "measure": None,
            "de_minimis": True,
            "entries": [
                {
                    "date": "2025-04-01",
                    "amount": 2000,
                    "measure": "kmo-portefeuille",
                    "de_minimis": True,
                    "origin": "received",
                }
            ],
            "total": 2000,
        }
    ]


def test_explain_unknown_fact_shows_not_given(run_cli):
    profile = (
        "company: {legal_form: bv, region: flanders}\nprojects:\n  - {id: p, kind: advice, "
        "theme: cybersecurity, cost: 1000, application_date: 2026-03-01, provider_registered: true}\n"
    )
    code, out, _ = run_cli("explain", "-", "--lang", "en", input=profile)
    assert code == 0
    assert "    ? sme: size in ['micro', 'small', 'medium']" in out
    assert "        size: not given" in out
    assert out.rstrip().splitlines()[-2:] == [
        "  Result: undetermined",
        "    missing: company.balance_sheet_total, company.employees, company.turnover",
    ]


def test_explain_unknown_project_or_measure_exit_2(run_cli):
    code, out, err = run_cli("explain", EXAMPLE, "--project", "nope")
    assert (code, out) == (2, "")
    assert err == (
        f"error: no project 'nope' in {EXAMPLE} (projects: cyber-audit, security-training, marketing-advice)\n"
    )
    code, _, err = run_cli("explain", EXAMPLE, "--measure", "kmo")
    assert code == 2
    assert err.startswith("error: unknown measure 'kmo' (measures: cs-icon, ")
