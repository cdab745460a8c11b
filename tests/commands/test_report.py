"""The adviser's report of ``evaluate`` (text, Markdown, HTML): the client's words, the answer first.

Every example profile, in Dutch and English: the company's name on the first line and the total on
the third; no condition or cap id, no profile path, no expression and, in Dutch, no enumerated value
as the profile writes it. The small IT firm exactly, in each format (``tests/fixtures/report/``;
``UPDATE_REPORTS=1`` rewrites them, then read the diff).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from ..conftest import EXAMPLES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "report"
PROFILES = sorted(EXAMPLES.glob("*.yaml"))
AS_OF = "2026-12-05"
ENUMS = ("small", "medium", "large", "none", "essential", "important", "eligible", "undetermined", "flanders")


def _ids(run_cli, path: Path, lang: str) -> set[str]:
    code, out, err = run_cli("evaluate", str(path), "--format", "json", "--lang", lang, "--as-of", AS_OF)
    assert code == 0, err
    return {c["id"] for r in json.loads(out)["results"] for c in r["conditions"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_example_reads_as_an_answer_in_the_clients_words(run_cli, path, lang):
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    for fmt in ("text", "markdown", "html"):
        code, out, err = run_cli("evaluate", str(path), "--lang", lang, "--as-of", AS_OF, "--format", fmt)
        assert (code, err) == (0, "")
        words = re.sub(r"https://\S+?(?=[\s\"<)]|$)", "", out)  # a source address may name anything
        if fmt == "html":
            body = words[words.index("<body") :]
            words = re.sub(r"<[^>]*>", "\n", body)  # the tags' classes and data attributes are not read
        lines = [line.lstrip("#* ") for line in words.splitlines() if line.strip()]
        name = profile["company"]["name"]
        assert lines[0] in (f"Subsidies voor {name}", f"Subsidies for {name}"), fmt
        assert re.fullmatch(r"(Te verwachten steun|Aid to expect): .*EUR [\d.,]+.*", lines[2]), (fmt, lines[2])
        shown = [i for i in _ids(run_cli, path, lang) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words)]
        assert shown == [], fmt
        assert re.findall(r"\b(?:company|project|projects)(?:\[\d+\])?\.[a-z_]+", words) == [], fmt
        assert re.findall(r"aid_total|aid_count|==|!=|<=|>=|\w\[|\w\(", words.replace("(", " (")) == [], fmt
        if lang == "nl":
            assert re.findall(rf"\b(?:{'|'.join(ENUMS)})\b", words) == [], fmt
        assert "nu toegekend" not in words and ("VLAIO beslist" in words or "VLAIO decides" in words)


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("html", "html")])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_small_it_firms_report_exactly(run_cli, fmt, suffix, lang):
    code, out, err = run_cli(
        "evaluate", str(EXAMPLES / "small-it-firm.yaml"), "--lang", lang, "--as-of", AS_OF, "--format", fmt
    )
    assert (code, err) == (0, "")
    expected = FIXTURES / f"small-it-firm.{lang}.{suffix}"
    if os.environ.get("UPDATE_REPORTS"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")


def test_the_html_report_is_one_file_that_fetches_nothing(run_cli):
    code, out, _ = run_cli("evaluate", str(EXAMPLES / "small-it-firm.yaml"), "--format", "html", "--as-of", AS_OF)
    assert code == 0
    assert out.startswith('<!doctype html>\n<html lang="en">') and out.count('<article class="report"') == 1
    assert re.findall(r"(?:src|href)=\"(?!https://www\.vlaio\.be/)[^\"]*\"|@import|url\(|<script|<link", out) == []
    assert "@media print" in out and "<details" in out


def test_a_failed_check_says_what_is_wrong_and_what_would_help(run_cli, tmp_path):
    """The training applied after the yearly cap is used up: not possible now, EUR 3,600 from 1 January 2027."""
    profile = yaml.safe_load((EXAMPLES / "small-it-firm.yaml").read_text(encoding="utf-8"))
    profile["aid_received"].append({"date": "2026-02-01", "amount": 7500, "measure": "kmo-portefeuille"})
    profile["projects"] = [p for p in profile["projects"] if p["id"] == "security-training"]
    path = tmp_path / "capped.yaml"
    path.write_text(yaml.safe_dump(profile), encoding="utf-8")
    code, out, _ = run_cli("evaluate", str(path), "--lang", "nl", "--as-of", AS_OF)
    assert code == 0
    assert (
        "security-training (opleiding, aanvraag 10 mei 2026)\n"
        "  Kmo-portefeuille: niet mogelijk\n"
        "    Niet mogelijk: het jaarplafond van de kmo-portefeuille is voor het kalenderjaar van de aanvraag al "
        "opgebruikt.\n"
        "    Vanaf 1 januari 2027 kan je EUR 3.600,00 krijgen.\n"
    ) in out


def test_open_questions_in_plain_words_and_the_range_instead_of_zero(run_cli, tmp_path):
    path = tmp_path / "open.yaml"
    path.write_text(
        "company: {name: Open BV, legal_form: bv, region: flanders, founded: 2015-01-01}\n"
        "projects:\n  - {id: audit, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-02}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("evaluate", str(path), "--lang", "nl", "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[:7] == [
        "Subsidies voor Open BV",
        "Aanvraagdatum: 2 maart 2026",
        "Te verwachten steun: tussen EUR 0,00 en EUR 4.500,00, afhankelijk van de open vragen hieronder",
        "Dit is een schatting op basis van de opgegeven gegevens; VLAIO beslist over elke aanvraag.",
        "",
        "audit (advies, aanvraag 2 maart 2026)",
        "  Kmo-portefeuille: tussen EUR 0,00 en EUR 4.500,00, nog niet zeker",
    ]
    questions = lines[lines.index("Nog te beantwoorden") + 2 : lines.index("Niet vergeten") - 1]
    assert questions == [
        "  - Wat was het balanstotaal van de onderneming zelf aan het einde van het laatst afgesloten boekjaar, "
        "in euro?",
        "  - Hoeveel personeel had de onderneming zelf in het laatst afgesloten boekjaar, in voltijdse equivalenten "
        "(VTE: één voltijdse werknemer gedurende een volledig jaar telt als 1, twee halftijdse samen ook)?",
        "  - Wat was de jaaromzet van de onderneming zelf in het laatst afgesloten boekjaar, in euro zonder btw?",
        "  - audit: Is de dienstverlener geregistreerd voor de kmo-portefeuille?",
    ]


def test_an_application_date_left_out_is_said_on_its_project(run_cli, tmp_path):
    path = tmp_path / "undated.yaml"
    path.write_text(
        "company: {name: Zonder Datum BV, legal_form: bv, region: flanders, founded: 2015-01-01, employees: 5,\n"
        "  turnover: 500000, balance_sheet_total: 300000}\n"
        "projects:\n  - {id: audit, kind: advice, theme: cybersecurity, cost: 10000, provider_registered: true}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("evaluate", str(path), "--lang", "nl", "--as-of", "2026-04-07")
    assert code == 0
    assert out.splitlines()[1] == "Aanvraagdatum: 7 april 2026"
    assert "audit (advies, aanvraag 7 april 2026) (geen aanvraagdatum opgegeven: berekend voor deze datum)\n" in out
