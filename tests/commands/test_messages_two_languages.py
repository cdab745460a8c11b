"""The message families said in Dutch and English since issue 17's last part, each with its exact text, line and
column in both languages: YAML tags, base-60 numbers, the loader's size bounds, a rule file linked from outside its
folder, schema ranges, sizes and patterns, diff's own errors, batch's error output and serve's refusals.

The codes stay the same in both languages; only the words change.
"""

from __future__ import annotations

import io
import json
import os
from typing import Any

import pytest

from engine.load.profile import parse_profile
from engine.load.ruleset import check_rules, load_rules
from engine.load.validation import validate
from engine.load.yaml_loader import MAX_BYTES, decode, load_text
from engine.serve.api import Service
from engine.serve.app import Application

from ..conftest import RULES

Said = tuple[int, int, str, str, str | None]


def said(diagnostics: list[Any], lang: str) -> list[Said]:
    return [(s.line, s.column, s.code, s.message, s.hint) for s in (d.said(lang) for d in diagnostics)]


def loaded(text: str) -> list[Any]:
    doc, diagnostics = load_text(text, "f.yaml")
    assert doc is None or diagnostics
    return diagnostics


YAML_CASES: dict[str, tuple[str, dict[str, list[Said]]]] = {
    "tag": (
        "id: x\nrate: !custom 45\n",
        {
            "en": [
                (
                    2,
                    7,
                    "yaml-tag",
                    "tag '!custom' is not allowed",
                    "remove the tag; only plain text, numbers, booleans and dates are accepted",
                )
            ],
            "nl": [
                (
                    2,
                    7,
                    "yaml-tag",
                    "de tag '!custom' is niet toegelaten",
                    "verwijder de tag; alleen gewone tekst, getallen, true of false en datums zijn toegelaten",
                )
            ],
        },
    ),
    "tag-on-a-mapping": (
        "id: x\nlist: !!set\n  a: null\n",
        {
            "en": [
                (
                    2,
                    7,
                    "yaml-tag",
                    "tag 'tag:yaml.org,2002:set' is not allowed",
                    "remove the tag; only plain mappings are accepted",
                )
            ],
            "nl": [
                (
                    2,
                    7,
                    "yaml-tag",
                    "de tag 'tag:yaml.org,2002:set' is niet toegelaten",
                    "verwijder de tag; alleen gewone mappings zijn toegelaten",
                )
            ],
        },
    ),
    "base-60-whole-number": (
        "id: x\namount: 1:30\n",
        {
            "en": [
                (
                    2,
                    9,
                    "yaml-number",
                    "'1:30' is not a plain decimal number (YAML would read it as 90)",
                    "write the number without leading zeros, ':' or a 0x/0o/0b prefix, or put it in quotes if it is a "
                    "text",
                )
            ],
            "nl": [
                (
                    2,
                    9,
                    "yaml-number",
                    "'1:30' is geen gewoon decimaal getal (YAML zou het lezen als 90)",
                    "schrijf het getal zonder voorloopnullen, ':' of een voorvoegsel 0x/0o/0b, of zet het tussen "
                    "aanhalingstekens als het een tekst is",
                )
            ],
        },
    ),
    "base-60-decimal": (
        "id: x\nrate: 1:30.5\n",
        {
            "en": [
                (
                    2,
                    7,
                    "yaml-number",
                    "'1:30.5' is read as a base-60 number",
                    "write an ordinary number such as 12.5, or put it in quotes if it is a text",
                )
            ],
            "nl": [
                (
                    2,
                    7,
                    "yaml-number",
                    "'1:30.5' wordt gelezen als een zestigtallig getal",
                    "schrijf een gewoon getal zoals 12.5, of zet het tussen aanhalingstekens als het een tekst is",
                )
            ],
        },
    ),
    "too-deep": (
        "a: " + "[" * 70 + "]" * 70 + "\n",
        {
            "en": [(1, 67, "yaml-depth", "nesting deeper than 64 levels", None)],
            "nl": [(1, 67, "yaml-depth", "dieper genest dan 64 niveaus", None)],
        },
    ),
    "too-many-aliases": (
        "a: &x 1\nb: [" + ", ".join(["*x"] * 101) + "]\n",
        {
            "en": [
                (
                    2,
                    405,
                    "yaml-aliases",
                    "more than 100 aliases",
                    "write the values out; rule files and profiles do not need anchors",
                )
            ],
            "nl": [
                (
                    2,
                    405,
                    "yaml-aliases",
                    "meer dan 100 aliassen",
                    "schrijf de waarden uit; regelbestanden en profielen hebben geen ankers nodig",
                )
            ],
        },
    ),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_yaml_tags_base_60_numbers_and_bounds(case: str, lang: str) -> None:
    text, expected = YAML_CASES[case]
    assert said(loaded(text), lang) == expected[lang]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "the file is 1048577 bytes; the limit is 1048576"),
        ("nl", "het bestand is 1048577 bytes groot; de grens is 1048576"),
    ],
)
def test_a_file_over_the_size_limit(lang: str, message: str) -> None:
    text, diagnostics = decode(b"x" * (MAX_BYTES + 1), "big.yaml")
    assert text is None
    assert said(diagnostics, lang) == [(1, 1, "file-too-large", message, None)]


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        (
            "en",
            "the file is a link to a file outside the rule folder; it is not read",
            "commit the rule file itself, not a link",
        ),
        (
            "nl",
            "het bestand is een link naar een bestand buiten de regelmap; het wordt niet gelezen",
            "voeg het regelbestand zelf toe (commit), geen link",
        ),
    ],
)
def test_a_rule_file_linked_from_outside_the_folder(rule_dir, tmp_path, lang: str, message: str, hint: str) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((RULES / "digital-europe.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(outside, rule_dir / "digital-europe.yaml")
    _rules, diagnostics = check_rules(rule_dir)
    linked = [d for d in diagnostics if d.code == "link-outside"]
    assert [(d.file.endswith("digital-europe.yaml"), *said([d], lang)[0]) for d in linked] == [
        (True, 1, 1, "link-outside", message, hint)
    ]


PROFILE = """\
company:
  legal_form: bv
  founded: 2020-01-01
  region: flanders
  employees: -3
  enterprise_number: "12345"
  turnover: 100
  balance_sheet_total: 100
projects: []
"""


def test_schema_ranges_sizes_and_patterns_in_both_languages() -> None:
    data, diagnostics = parse_profile(PROFILE, "p.yaml")
    assert data is None
    assert said(diagnostics, "en") == [
        (5, 14, "schema-range", "must be at least 0, found -3", None),
        (
            6,
            22,
            "schema-pattern",
            "the text '12345' does not have the expected form",
            "the Belgian enterprise number (KBO/BCE): ten digits starting with 0 or 1, for example 0566.988.259",
        ),
        (9, 11, "schema-size", "the list is empty", None),
    ]
    assert said(diagnostics, "nl") == [
        (5, 14, "schema-range", "moet minstens 0 zijn, gevonden: -3", None),
        (
            6,
            22,
            "schema-pattern",
            "de tekst '12345' heeft niet de verwachte vorm",
            "het Belgische ondernemingsnummer (KBO): tien cijfers die met 0 of 1 beginnen, bijvoorbeeld 0566.988.259",
        ),
        (9, 11, "schema-size", "de lijst is leeg", None),
    ]


def test_schema_lengths_in_both_languages() -> None:
    text = "id: x\ntitle: {nl: '" + "a" * 4001 + "', en: b}\n"
    doc, diagnostics = load_text(text, "m.yaml")
    assert doc is not None and not diagnostics
    found = [d for d in validate(doc, "measure") if d.code == "schema-size"]
    assert said(found, "en") == [(2, 13, "schema-size", "the text has 4001 characters; at most 4000 are allowed", None)]
    assert said(found, "nl") == [
        (2, 13, "schema-size", "de tekst heeft 4001 tekens; hoogstens 4000 zijn toegelaten", None)
    ]


@pytest.mark.parametrize(
    ("lang", "error"),
    [
        ("en", "error: 'no-such-base' is neither a folder nor a git revision holding rules\n"),
        ("nl", "fout: 'no-such-base' is geen map en geen git-revisie die rules bevat\n"),
    ],
)
def test_diff_says_its_own_errors_in_the_language_asked(run_cli, monkeypatch, lang: str, error: str) -> None:
    monkeypatch.chdir(RULES.parent)
    code, out, err = run_cli("diff", "--base", "no-such-base", "--rules", "rules", "--lang", lang)
    assert (code, out, err) == (2, "", error)


ROWS = (
    "company.legal_form,company.region,company.employees,company.turnover,company.balance_sheet_total,"
    "company.founded,project.kind,project.cost,project.application_date\n"
    "bv,vlaanderen,3,1.000,100,2020-01-01,advice,abc,2026-03-01\n"
)

ROW_ERRORS = {
    "en": "column 'company.region': the text 'vlaanderen' is not allowed here; expected one of: flanders, brussels, "
    "wallonia, abroad (hint: did you mean 'flanders'?); column 'company.turnover': '1.000' is ambiguous: 1000 written "
    "with a thousands separator, or 1 with three decimals (hint: write 1000 or 1, without thousands separators); "
    "column 'project.cost': expected a number but found the text 'abc' (hint: write numbers without thousands "
    "separators or spaces, with a dot for decimals: 12500.50)",
    "nl": "kolom 'company.region': de tekst 'vlaanderen' is hier niet toegelaten; verwacht een van: flanders, "
    "brussels, wallonia, abroad (tip: bedoel je 'flanders'?); kolom 'company.turnover': '1.000' is dubbelzinnig: 1000 "
    "geschreven met een scheidingsteken voor duizendtallen, of 1 met drie decimalen (tip: schrijf 1000 of 1, zonder "
    "scheidingsteken voor duizendtallen); kolom 'project.cost': verwacht een getal, maar gevonden: de tekst 'abc' "
    "(tip: schrijf getallen zonder scheidingsteken voor duizendtallen of spaties, met een punt voor decimalen: "
    "12500.50)",
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_batch_error_rows_in_the_language_asked(run_cli, tmp_path, lang: str) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    code, _out, _err = run_cli("batch", str(rows), "-o", str(output), "--lang", lang)
    assert code == 1
    written = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(r["row"], r["error"]) for r in written] == [(1, ROW_ERRORS[lang])]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "{rows}:1:1: error: unknown column 'company.employes' [unknown-column]\n"
            "  hint: did you mean 'company.employees'?\n",
        ),
        (
            "nl",
            "{rows}:1:1: fout: onbekende kolom 'company.employes' [unknown-column]\n"
            "  tip: bedoel je 'company.employees'?\n",
        ),
    ],
)
def test_batch_header_problems_in_the_language_asked(run_cli, tmp_path, lang: str, expected: str) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("company.employes,project.cost\n3,100\n", encoding="utf-8")
    code, out, err = run_cli("batch", str(rows), "-o", str(tmp_path / "out.csv"), "--lang", lang)
    assert (code, out, err) == (2, "", expected.format(rows=rows))
    assert not (tmp_path / "out.csv").exists()


@pytest.fixture(scope="module")
def app() -> Application:
    return Application(Service(load_rules(RULES), "en"), hosts=None)


def wsgi(app: Application, method: str, path: str, query: str = "", body: bytes = b"", kind: str = "") -> Any:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": kind or "application/yaml",
    }
    statuses: list[str] = []
    answer = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], json.loads(answer)


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("lang=en", "no such page or endpoint: /nowhere"),
        ("lang=nl", "deze pagina of dit endpoint bestaat niet: /nowhere"),
        ("", "no such page or endpoint: /nowhere"),  # the server's language
    ],
)
def test_serve_refusals_in_the_language_asked(app: Application, query: str, error: str) -> None:
    assert wsgi(app, "GET", "/nowhere", query) == ("404 Not Found", {"error": error})


def test_serve_refuses_a_media_type_in_dutch(app: Application) -> None:
    assert wsgi(app, "POST", "/evaluate", "lang=nl", b"x", "text/plain") == (
        "415 Unsupported Media Type",
        {"error": "het content type 'text/plain' wordt niet aanvaard; stuur application/json of application/yaml"},
    )


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        ("en", ["must be at least 0, found -3", "the list is empty"]),
        ("nl", ["moet minstens 0 zijn, gevonden: -3", "de lijst is leeg"]),
    ],
)
def test_serve_says_a_bad_profiles_diagnostics_in_the_language_asked(
    app: Application, lang: str, messages: list[str]
) -> None:
    status, answer = wsgi(app, "POST", "/evaluate", f"lang={lang}", b"company:\n  employees: -3\nprojects: []\n")
    assert status == "422 Unprocessable Content"
    assert [(d["line"], d["column"], d["code"], d["message"], d["path"]) for d in answer["diagnostics"]] == [
        (2, 14, "schema-range", messages[0], "company.employees"),
        (3, 11, "schema-size", messages[1], "projects"),
    ]
