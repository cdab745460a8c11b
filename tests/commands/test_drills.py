"""The ten drill mistakes of issue 17: each gives, with ``--lang nl`` and with ``--lang en``, its message at the
right line and column with a hint that says how to fix it (the whole output of ``subsidie validate``, exactly).

Each drill is one edit of the same small, valid measure file (``BASE``), as a rule editor would make it.
"""

from __future__ import annotations

import json
import shutil

import pytest

from ..conftest import RULES

BASE = """\
id: drill
title: {nl: Oefening, en: Drill}
applies_to: [advice]
valid_from: 2024-01-01
sources: [https://www.vlaio.be/nl/subsidies-financiering/subsidiedatabank]
notes:
  - decision: D15
    text: Only for an operating unit in the Flemish Region.
parameters:
  rate:
    description: The percentage of the cost.
    unit: percent
    values:
      - from: 2024-01-01
        value: 40
        source: https://www.vlaio.be/nl/a
      - from: 2025-01-01
        value: 50
        source: https://www.vlaio.be/nl/b
conditions:
  - use: flemish-region
  - id: small
    when: company.employees < 50
    text: {nl: Minder dan 50 werknemers., en: Fewer than 50 employees.}
    source: https://www.vlaio.be/nl/c
amount:
  rate: rate
  base: project.cost
"""

DRILLS: dict[str, tuple[str, str]] = {
    "percent": ("        value: 50\n", "        value: 50%\n"),
    "slash-date": ("      - from: 2025-01-01\n", "      - from: 01/01/2027\n"),
    "indentation": ("    unit: percent\n", "   unit: percent\n"),
    "tab": ("    unit: percent\n", "\tunit: percent\n"),
    "misspelt-parameter": ("  rate: rate\n", "  rate: rat\n"),
    "profile-field": ("company.employees < 50", "company.werknemers < 50"),
    "order": (
        "    values:\n",
        "    values:\n      - from: 2026-07-01\n        value: 55\n        source: https://www.vlaio.be/nl/new\n",
    ),
    "missing-source": ("        source: https://www.vlaio.be/nl/b\n", ""),
    "colon": (
        "    text: Only for an operating unit in the Flemish Region.\n",
        "    text: Note: only for an operating unit in the Flemish Region.\n",
    ),
    "duplicate-key": ("    unit: percent\n", "    unit: percent\n    unit: euro\n"),
}

EXPECTED: dict[tuple[str, str], list[str]] = {
    ("percent", "nl"): [
        "rules/drill.yaml:18:16: fout: '50%' in 'rate' is geen getal [not-a-number]",
        "  tip: schrijf alleen het getal: 50 (zonder %)",
        "rules/drill.yaml:18:16: fout: parameter 'rate' bevat hier een tekst maar elders een getal [parameter-kinds]",
        "  tip: elke waarde van een parameter moet van dezelfde soort zijn",
        "2 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("percent", "en"): [
        "rules/drill.yaml:18:16: error: '50%' in 'rate' is not a number [not-a-number]",
        "  hint: write the number alone: 50",
        "rules/drill.yaml:18:16: error: parameter 'rate' holds a text here but a number elsewhere [parameter-kinds]",
        "  hint: every value of a parameter must be of the same kind",
        "2 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("slash-date", "nl"): [
        "rules/drill.yaml:17:15: fout: de tekst '01/01/2027' is geen geldige datum [schema-format]",
        "  tip: schrijf datums als JJJJ-MM-DD (jaar, maand, dag): 2027-01-01",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("slash-date", "en"): [
        "rules/drill.yaml:17:15: error: the text '01/01/2027' is not a valid date [schema-format]",
        "  hint: write dates as YYYY-MM-DD (year, month, day): 2027-01-01",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("indentation", "nl"): [
        "rules/drill.yaml:12:4: fout: de inspringing van deze regel (3 spaties) past niet bij de regels erboven (4) [yaml-syntax]",
        "  tip: kijk de inspringing na: sleutels van één mapping beginnen in dezelfde kolom; laat deze regel 4 spaties inspringen, zoals de regel erboven",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("indentation", "en"): [
        "rules/drill.yaml:12:4: error: the indentation of this line (3 spaces) does not fit the lines above it (4) [yaml-syntax]",
        "  hint: check the indentation: keys of one mapping start in the same column; indent this line by 4 spaces, like the line above",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("tab", "nl"): [
        "rules/drill.yaml:12:1: fout: deze regel springt in met een tab; YAML springt alleen in met spaties [yaml-syntax]",
        "  tip: YAML staat geen tabs toe om in te springen; gebruik spaties: hier waarschijnlijk 4",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("tab", "en"): [
        "rules/drill.yaml:12:1: error: this line is indented with a tab; YAML indents with spaces only [yaml-syntax]",
        "  hint: YAML does not allow tabs for indentation; use spaces: probably 4 here",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("misspelt-parameter", "nl"): [
        "rules/drill.yaml:10:3: waarschuwing: parameter 'rate' wordt door geen enkele uitdrukking gebruikt [unused-parameter]",
        "rules/drill.yaml:27:9: fout: onbekende naam 'rat' in het steunpercentage (rate) [unknown-name]",
        "  tip: bedoel je 'rate'?",
        "1 fout(en), 1 waarschuwing(en) in 1 pad(en)",
    ],
    ("misspelt-parameter", "en"): [
        "rules/drill.yaml:10:3: warning: parameter 'rate' is not used by any expression [unused-parameter]",
        "rules/drill.yaml:27:9: error: unknown name 'rat' in the rate [unknown-name]",
        "  hint: did you mean 'rate'?",
        "1 error(s), 1 warning(s) in 1 path(s)",
    ],
    ("profile-field", "nl"): [
        "rules/drill.yaml:23:11: fout: onbekend profielveld 'company.werknemers' in voorwaarde 'small' [unknown-name]",
        "  tip: bedoel je 'company.employees'?",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("profile-field", "en"): [
        "rules/drill.yaml:23:11: error: unknown profile field 'company.werknemers' in condition 'small' [unknown-name]",
        "  hint: did you mean 'company.employees'?",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("order", "nl"): [
        "rules/drill.yaml:14:15: fout: de datums van parameter 'rate' moeten oplopen: 2026-07-01 staat voor 2024-01-01 [timeline-order]",
        "  tip: de waarden gaan van de oudste naar de nieuwste datum: verbeter deze datum, of zet deze waarde net na die van 2025-01-01",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("order", "en"): [
        "rules/drill.yaml:14:15: error: the dates of parameter 'rate' must increase: 2026-07-01 comes before 2024-01-01 [timeline-order]",
        "  hint: the values go from the oldest to the newest date: correct this date, or move this value to just after the one from 2025-01-01",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("missing-source", "nl"): [
        "rules/drill.yaml:17:9: fout: de verplichte sleutel 'source' ontbreekt in element 2 van 'values' van 'rate' [missing-key]",
        "  tip: voeg 'source:' toe met de webpagina (URL) waar het staat, even ver ingesprongen als de andere sleutels van dit element",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("missing-source", "en"): [
        "rules/drill.yaml:17:9: error: missing required key 'source' in item 2 of 'values' of 'rate' [missing-key]",
        "  hint: add 'source:' with the web page (URL) that states it, at the indentation of the other keys of this item",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("colon", "nl"): [
        "rules/drill.yaml:8:15: fout: de tekst van 'text' bevat ': ' (een dubbelpunt en een spatie), wat YAML leest als het begin van een nieuwe sleutel [yaml-syntax]",
        '  tip: zet de tekst tussen aanhalingstekens: text: "Note: only for an operating unit in the Flemish Region."',
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("colon", "en"): [
        "rules/drill.yaml:8:15: error: the text of 'text' holds ': ' (a colon and a space), which YAML reads as the start of a new key [yaml-syntax]",
        '  hint: put the text in quotes: text: "Note: only for an operating unit in the Flemish Region."',
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
    ("duplicate-key", "nl"): [
        "rules/drill.yaml:13:5: fout: de sleutel 'unit' staat twee keer in dezelfde mapping (eerst op regel 12) [duplicate-key]",
        "  tip: elke sleutel mag maar één keer voorkomen; verwijder deze of die op regel 12, of voeg ze samen",
        "1 fout(en), 0 waarschuwing(en) in 1 pad(en)",
    ],
    ("duplicate-key", "en"): [
        "rules/drill.yaml:13:5: error: duplicate key 'unit' (first defined at line 12) [duplicate-key]",
        "  hint: each key may appear once in a mapping; remove this one or the one at line 12, or merge them",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ],
}


@pytest.fixture
def drill_dir(tmp_path, monkeypatch):
    """A rule folder with the shipped facts (no case files), as the current folder's ``rules``."""
    shutil.copytree(RULES / "facts", tmp_path / "rules" / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rules"


def test_the_base_measure_is_clean(run_cli, drill_dir):
    (drill_dir / "drill.yaml").write_text(BASE, encoding="utf-8")
    assert run_cli("validate", "--lang", "nl", "rules") == (0, "", "geen problemen gevonden\n")


@pytest.mark.parametrize("name, lang", sorted(EXPECTED))
def test_a_drill_mistake_gives_its_message_and_fix(run_cli, drill_dir, name, lang):
    old, new = DRILLS[name]
    assert BASE.count(old) >= 1
    (drill_dir / "drill.yaml").write_text(BASE.replace(old, new, 1), encoding="utf-8")
    code, out, err = run_cli("validate", "--lang", lang, "rules")
    assert (code, out) == (1, "")
    assert err.splitlines() == EXPECTED[name, lang]


def test_the_language_follows_the_locale_without_lang(run_cli, drill_dir, monkeypatch):
    old, new = DRILLS["slash-date"]
    (drill_dir / "drill.yaml").write_text(BASE.replace(old, new, 1), encoding="utf-8")
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert run_cli("validate", "rules")[2].splitlines() == EXPECTED["slash-date", "nl"]
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert run_cli("validate", "rules")[2].splitlines() == EXPECTED["slash-date", "en"]


def test_json_and_github_formats_say_it_in_the_language_asked(run_cli, drill_dir):
    old, new = DRILLS["duplicate-key"]
    (drill_dir / "drill.yaml").write_text(BASE.replace(old, new, 1), encoding="utf-8")
    code, out, _ = run_cli("validate", "--lang", "nl", "--format", "json", "rules")
    assert code == 1
    assert json.loads(out) == [
        {
            "file": "rules/drill.yaml",
            "line": 13,
            "column": 5,
            "severity": "error",
            "code": "duplicate-key",
            "message": "de sleutel 'unit' staat twee keer in dezelfde mapping (eerst op regel 12)",
            "hint": "elke sleutel mag maar één keer voorkomen; verwijder deze of die op regel 12, of voeg ze samen",
        }
    ]
    code, out, _ = run_cli("validate", "--lang", "nl", "--format", "github", "rules")
    assert out == (
        "::error file=rules/drill.yaml,line=13,col=5,title=duplicate-key::de sleutel 'unit' staat twee keer in "
        "dezelfde mapping (eerst op regel 12) (tip: elke sleutel mag maar één keer voorkomen; verwijder deze of die "
        "op regel 12, of voeg ze samen)\n"
    )


CASES = """\
cases:
  - name: small-company
    profile:
      company: {legal_form: bv, region: flanders, employees: 12}
      projects: [{id: p, kind: advice, cost: 1000, application_date: 2024-06-01}]
    expect:
      - {project: p, measure: drill, status: eligible, rate: 45, amount: 400}
  - name: small-company
    profile:
      company: {legal_form: bv, region: flanders, employees: 12}
      projects: [{id: p, kind: advice, cost: 1000, application_date: 2025-06-01}]
    expect:
      - {project: q, measure: drill, status: eligible}
"""


def test_subsidie_test_says_it_in_dutch(run_cli, drill_dir):
    (drill_dir / "drill.yaml").write_text(BASE, encoding="utf-8")
    (drill_dir / "drill.cases.yaml").write_text(CASES, encoding="utf-8")
    code, out, err = run_cli("test", "--lang", "nl", "--coverage", "--rules", "rules", "rules/drill.cases.yaml")
    assert code == 1
    assert err.splitlines() == [
        "rules/drill.cases.yaml:8:11: fout: de naam 'small-company' wordt voor twee cases gebruikt [duplicate-case]",
        "rules/drill.cases.yaml:13:19: fout: project 'q' staat niet in het profiel van de case [unknown-project]",
        "  tip: projecten: p",
    ]
    assert out.splitlines() == [
        "FAIL rules/drill.cases.yaml:2: small-company",
        "  project 'p', maatregel 'drill': rate: verwacht 45, gekregen 40",
        "FAIL rules/drill.cases.yaml:8: small-company",
        "  project 'q', maatregel 'drill': geen resultaat (de maatregel is niet van toepassing op het project)",
        "dekking: 50.0% (4 van 8 punten)",
        "  drill (rules/drill.yaml): niet gedekt",
        "    voorwaarde 'flemish-region' onwaar",
        "    voorwaarde 'flemish-region' onbekend",
        "    voorwaarde 'small' onwaar",
        "    voorwaarde 'small' onbekend",
        "0 geslaagd, 2 mislukt, 2 probleem/problemen in bestanden",
    ]
