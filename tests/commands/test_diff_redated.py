"""`subsidie diff` sees the future: the corpus re-dated to each day a rule change takes effect (issue 17)."""

from __future__ import annotations

import json
import shutil

from engine.load.ruleset import digest
from engine.text.messages import say

from ..conftest import EXAMPLES, RULES

RATE_2027 = """\
      - from: 2027-01-01
        value:
          standard: {micro: 30, small: 30, medium: 20}
          raised: {micro: 50, small: 50, medium: 40}
        source: https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille/hoeveel-subsidies-kan-ik-krijgen
  raised_themes:
"""


def rate_2027(target):
    """A copy of the shipped rules where the raised kmo-portefeuille rates become 50% / 40% from 2027-01-01."""
    shutil.copytree(RULES, target)
    path = target / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  raised_themes:\n", RATE_2027, 1), encoding="utf-8")
    return target


def diff_json(run_cli, current, *extra):
    code, out, err = run_cli(
        "diff", "--base", str(RULES), "--rules", str(current), "--profiles", str(EXAMPLES), *extra, "--format", "json"
    )
    assert (code, err) == (0, "")
    return json.loads(out)


def rows(section):
    return [
        (
            c["profile"].removeprefix("examples/profiles/"),
            c["project"],
            (c["before"]["rate"], c["before"]["amount"]),
            (c["after"]["rate"], c["after"]["amount"]),
            c["difference"],
        )
        for c in section["changes"]
    ]


def test_a_rate_from_2027_lists_the_examples_on_that_day(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(RULES.parent)
    report = diff_json(run_cli, rate_2027(tmp_path / "rules"), "--as-of", "2026-12-05")
    # every example applies in 2026: the corpus itself shows nothing
    assert (report["profiles"], report["changes"], report["counts"]["changed"]) == (8, [], 0)
    assert (report["effect_dates"], report["effect_dates_left_out"]) == (["2027-01-01"], [])
    before, on = report["redated"]
    assert (before["day"], before["effect_date"], before["changes"], before["profiles"]) == (
        "2026-12-31",
        "2027-01-01",
        [],
        8,
    )
    assert (on["day"], on["effect_date"], on["profiles"], on["errors"]) == ("2027-01-01", "2027-01-01", 8, [])
    assert all(c["measure"] == "kmo-portefeuille" for c in on["changes"])
    assert all(c["before"]["status"] == c["after"]["status"] == "eligible" for c in on["changes"])
    # hand-worked, every project applied on 2027-01-01 in the profile's order; yearly cap EUR 7,500 (D2)
    assert rows(on) == [
        ("medium-manufacturer-nis2.yaml", "lean-training", (20, 1200), (20, 300), -900),  # 7,500 - 2,400 - 4,800
        ("medium-manufacturer-nis2.yaml", "nis2-gap-advice", (35, 4200), (40, 4800), 600),  # 40% x 12,000
        ("near-de-minimis-ceiling.yaml", "cyber-advice", (45, 4500), (50, 5000), 500),  # 50% x 10,000
        ("near-de-minimis-ceiling.yaml", "security-training", (45, 3000), (50, 2500), -500),  # 7,500 - 5,000
        ("small-it-firm.yaml", "cyber-audit", (45, 4500), (50, 5000), 500),  # 50% x 10,000
        ("small-it-firm.yaml", "security-training", (45, 3000), (50, 2500), -500),  # 7,500 - 5,000
        ("partner-and-linked.yaml", "cyber-advice", (35, 3150), (40, 3600), 450),  # 40% x 9,000
        ("kmo-reform-2026.yaml", "cyber-advice", (45, 3600), (50, 4000), 400),  # 50% x 8,000
        ("medium-manufacturer-nis2.yaml", "ot-security-training", (35, 2100), (40, 2400), 300),  # 40% x 6,000
        ("young-startup.yaml", "cyber-advice", (45, 1800), (50, 2000), 200),  # 50% x 4,000
        ("kmo-reform-2026.yaml", "energy-training", (45, 2700), (50, 2750), 50),  # 3,000 > 7,500 - 750 - 4,000
    ]
    assert on["counts"] == {
        "changed": 11,
        "newly_eligible": 0,
        "no_longer_eligible": 0,
        "undetermined": 0,
        "not_in_force": 0,
    }
    assert on["totals"]["difference"] == 1100


def test_the_text_and_markdown_reports_show_the_sections(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(RULES.parent)
    current = rate_2027(tmp_path / "rules")
    young = str(EXAMPLES / "young-startup.yaml")
    code, out, _ = run_cli("diff", "--base", str(RULES), "--rules", str(current), young, "--fail-on-change")
    assert code == 1  # only a re-dated section changed
    assert out.splitlines()[1:] == [
        "1 profiles evaluated (5 results); 0 changed: 0 newly eligible, 0 no longer eligible, 0 newly undetermined",
        "Total recommended: EUR 1,800.00 → EUR 1,800.00 (±EUR 0.00)",
        "",
        "The change takes effect on 2027-01-01: every profile is also evaluated with all its application dates "
        "set to each of those days and to the day before.",
        "",
        "Re-dated to 2026-12-31 (the day before 2027-01-01)",
        "1 profiles evaluated (5 results); 0 changed: 0 newly eligible, 0 no longer eligible, 0 newly undetermined",
        "Total recommended: EUR 1,800.00 → EUR 1,800.00 (±EUR 0.00)",
        "",
        "Re-dated to 2027-01-01 (a day the change takes effect)",
        "1 profiles evaluated (5 results); 1 changed: 0 newly eligible, 0 no longer eligible, 0 newly undetermined",
        "Total recommended: EUR 1,800.00 → EUR 2,000.00 (+EUR 200.00)",
        "",
        "       +EUR 200.00  examples/profiles/young-startup.yaml  cyber-advice  kmo-portefeuille: "
        "eligible 45% EUR 1,800.00 → eligible 50% EUR 2,000.00",
    ]
    code, out, _ = run_cli(
        "diff", "--base", str(RULES), "--rules", str(current), young, "--format", "markdown", "--lang", "nl"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "## Gevolgen van de regelwijziging",
        "",
        f"Basis `{RULES}` (`{digest(RULES)[:19]}…`) → huidig (`{digest(current)[:19]}…`), subsidie 0.1.0",
    ]
    assert lines[lines.index("### Opnieuw gedateerd op 2027-01-01 (een dag waarop de wijziging ingaat)") :] == [
        "### Opnieuw gedateerd op 2027-01-01 (een dag waarop de wijziging ingaat)",
        "",
        "- 1 profielen berekend (5 resultaten); 1 gewijzigd: 0 nieuw in aanmerking, 0 niet meer in aanmerking, "
        "0 nieuw onbepaald",
        "- Totaal aanbevolen: EUR 1.800,00 → EUR 2.000,00 (+EUR 200,00)",
        "",
        "| Profiel | Project | Maatregel | Voor | Na | Verschil |",
        "|---|---|---|---|---|---:|",
        "| `examples/profiles/young-startup.yaml` | `cyber-advice` | `kmo-portefeuille` | "
        "in aanmerking 45% EUR 1.800,00 | in aanmerking 50% EUR 2.000,00 | +EUR 200,00 |",
    ]
    assert "### Opnieuw gedateerd op 2026-12-31 (de dag voor 2027-01-01)" in lines


CYBERSCAN_2027 = """\
id: cyberscan
title: {nl: Cyberscan, en: Cyber scan}
applies_to: [advice]
applies_when: project.theme == 'cybersecurity'
valid_from: 2027-01-01
sources: [https://www.vlaio.be/nl/subsidies-financiering/subsidiedatabank]
parameters:
  rate:
    description: The percentage of the scan's cost, per company size.
    unit: percent
    values:
      - from: 2027-01-01
        value: {micro: 50, small: 50, medium: 40}
        source: https://www.vlaio.be/nl/subsidies-financiering/subsidiedatabank
conditions:
  - use: flemish-region
  - id: small
    when: size in ['micro', 'small']
    text: {nl: Een kleine onderneming., en: A small enterprise.}
    source: https://www.vlaio.be/nl/subsidies-financiering/subsidiedatabank
amount:
  rate: rate[size]
  base: project.cost
"""


def test_a_new_measure_counts_the_rows_before_it_starts_and_lists_those_from_its_first_day(
    run_cli, tmp_path, monkeypatch
):
    monkeypatch.chdir(RULES.parent)
    current = tmp_path / "rules"
    shutil.copytree(RULES, current)
    (current / "cyberscan.yaml").write_text(CYBERSCAN_2027, encoding="utf-8")
    report = diff_json(run_cli, current, "--as-of", "2026-12-05")
    # the eight cybersecurity advice projects of the examples get 'not in force' rows: counted, not listed
    assert (report["changes"], report["counts"]["not_in_force"], report["effect_dates"]) == ([], 8, ["2027-01-01"])
    before, on = report["redated"]
    assert (before["changes"], before["counts"]["not_in_force"]) == ([], 8)
    assert on["counts"]["not_in_force"] == 0
    assert [
        (c["profile"].removeprefix("examples/profiles/"), c["project"], c["measure"], c["before"], c["after"])
        for c in on["changes"]
    ] == [
        ("near-de-minimis-ceiling.yaml", "cyber-advice", "cyberscan", None, eligible(50, 5000)),  # 50% x 10,000
        ("small-it-firm.yaml", "cyber-audit", "cyberscan", None, eligible(50, 5000)),  # 50% x 10,000
        ("kmo-reform-2026.yaml", "cyber-advice", "cyberscan", None, eligible(50, 4000)),  # 50% x 8,000
        ("young-startup.yaml", "cyber-advice", "cyberscan", None, eligible(50, 2000)),  # 50% x 4,000
        # the scan is recommended instead of the kmo-portefeuille, which leaves more of its yearly cap
        (
            "near-de-minimis-ceiling.yaml",
            "security-training",
            "kmo-portefeuille",
            eligible(45, 3000),
            eligible(45, 4500),
        ),
        ("small-it-firm.yaml", "security-training", KMO, eligible(45, 3000), eligible(45, 3600)),
        # medium or large companies: the scan's condition 'small' fails
        ("hospital-group.yaml", "awareness-advice", "cyberscan", None, NOT_ELIGIBLE),
        ("maatwerkbedrijf.yaml", "cyber-advice", "cyberscan", None, NOT_ELIGIBLE),
        ("medium-manufacturer-nis2.yaml", "nis2-gap-advice", "cyberscan", None, NOT_ELIGIBLE),
        ("partner-and-linked.yaml", "cyber-advice", "cyberscan", None, NOT_ELIGIBLE),
    ]
    assert on["counts"] == {
        "changed": 10,
        "newly_eligible": 4,
        "no_longer_eligible": 0,
        "undetermined": 0,
        "not_in_force": 0,
    }
    code, out, _ = run_cli("diff", "--base", str(RULES), "--rules", str(current), str(EXAMPLES), "--lang", "en")
    assert code == 0
    assert out.splitlines()[1] == (
        "8 profiles evaluated (52 results); 0 changed: 0 newly eligible, 0 no longer eligible, 0 newly undetermined; "
        "8 more where only 'not in force' changed (not listed)"
    )
    assert (
        "         ±EUR 0.00  examples/profiles/hospital-group.yaml  awareness-advice  cyberscan: "
        "— → not eligible EUR 0.00"
    ) in out.splitlines()


KMO = "kmo-portefeuille"
NOT_ELIGIBLE = {"status": "not_eligible", "rate": None, "amount": 0}


def eligible(rate, amount):
    return {"status": "eligible", "rate": rate, "amount": amount}


def test_the_re_dated_copies_have_a_budget_of_their_own(run_cli, tmp_path, monkeypatch):
    import engine.diff.impact as impact

    budgets = []
    real = impact.CommandBudget

    def budget(steps, lang="en"):  # the corpus gets its budget; the re-dated copies one step each
        budgets.append(real(steps if len(budgets) < 2 else 1, lang))
        return budgets[-1]

    monkeypatch.setattr(impact, "CommandBudget", budget)
    monkeypatch.chdir(RULES.parent)
    current = rate_2027(tmp_path / "rules")
    young = str(EXAMPLES / "young-startup.yaml")
    code, out, err = run_cli("diff", "--base", str(RULES), "--rules", str(current), young, "--format", "json")
    assert (code, err, len(budgets)) == (2, "", 4)
    report = json.loads(out)
    assert (report["profiles"], report["errors"], report["effect_dates"]) == (1, [], ["2027-01-01"])
    [section] = report["redated"]  # the day before; the effect date itself is not compared
    assert (section["day"], section["profiles"]) == ("2026-12-31", 0)
    limit = say("results.work-limit", "en", steps="1", what=say("results.work-command", "en"))
    assert section["errors"] == [f"examples/profiles/young-startup.yaml: {limit}"]


def test_at_most_three_effect_dates_the_others_named(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(RULES.parent)
    current = rate_2027(tmp_path / "rules")  # 2027-01-01
    for name, old, new in (
        ("cs-icon.yaml", "      close: 2024-01-31\n", "      close: 2024-06-30\n"),  # 2024-02-01, 2024-07-01
        ("digital-europe.yaml", "valid_from: 2021-01-01\n", "valid_from: 2028-01-01\n"),  # 2021-01-01, 2028-01-01
    ):
        path = current / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    young = str(EXAMPLES / "young-startup.yaml")
    args = ("diff", "--base", str(RULES), "--rules", str(current), young, "--as-of", "2026-12-05")
    code, out, _ = run_cli(*args, "--format", "json")
    report = json.loads(out)
    assert code == 0
    # from 2026-12-05 on first, then the latest before it
    assert report["effect_dates"] == ["2024-07-01", "2027-01-01", "2028-01-01"]
    assert report["effect_dates_left_out"] == ["2021-01-01", "2024-02-01"]
    assert [(s["day"], s["effect_date"]) for s in report["redated"]] == [
        ("2024-06-30", "2024-07-01"),
        ("2024-07-01", "2024-07-01"),
        ("2026-12-31", "2027-01-01"),
        ("2027-01-01", "2027-01-01"),
        ("2027-12-31", "2028-01-01"),
        ("2028-01-01", "2028-01-01"),
    ]
    code, out, _ = run_cli(*args, "--lang", "nl")
    assert code == 0
    lines = out.splitlines()
    assert lines[3:8] == [
        "",
        "         ±EUR 0,00  examples/profiles/young-startup.yaml  prototype-dev  digital-europe: informatie → —",
        "",
        "De wijziging gaat in op 2024-07-01, 2027-01-01, 2028-01-01: elk profiel wordt ook berekend met al zijn "
        "aanvraagdatums op elk van die dagen en op de dag ervoor.",
        "Niet opnieuw gedateerd (hoogstens 3 datums): 2021-01-01, 2024-02-01",
    ]
