"""Writing profiles as YAML that reads back to the same data, and reading partial profiles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from engine.load.profile import load_partial, load_profile, parse_profile
from engine.render.profile_yaml import dump_profile, write_profile

from ...conftest import EXAMPLES


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_reads_back_the_same(path):
    data, problems = load_profile(path)
    assert problems == []
    assert parse_profile(dump_profile(data), "x") == (data, [])


def test_texts_stay_texts_and_numbers_stay_exact():
    data = {
        "company": {
            "name": "yes",
            "nace": "62.010",
            "employees": Decimal("12.50"),
            "founded": dt.date(2020, 1, 2),
            "enterprise_number": "0566.988.259",
        },
        "projects": [
            {"id": "no", "kind": "advice", "cost": Decimal("1E+3")},
            {"id": "2026-01-01", "kind": "training", "theme": "other"},
            {"id": 'a "quoted"\nline: x', "kind": "research"},
        ],
    }
    text = dump_profile(data, comment="written by a test")
    assert text == (
        '# written by a test\ncompany:\n  name: "yes"\n  enterprise_number: "0566.988.259"\n  founded: 2020-01-02\n'
        '  nace: "62.010"\n  employees: 12.50\nprojects:\n  - id: "no"\n    kind: advice\n    cost: 1000\n'
        '  - id: "2026-01-01"\n    kind: training\n    theme: other\n  - id: "a \\"quoted\\"\\nline: x"\n'
        "    kind: research\n"
    )
    back, problems = parse_profile(text, "x")
    assert problems == []
    assert back["company"]["name"] == "yes" and back["company"]["employees"] == Decimal("12.50")
    assert [p["id"] for p in back["projects"]] == ["no", "2026-01-01", 'a "quoted"\nline: x']


def test_writing_replaces_the_file_whole(tmp_path):
    target = tmp_path / "p.yaml"
    target.write_text("old", encoding="utf-8")
    write_profile(target, {"company": {}, "projects": [{"id": "a", "kind": "advice"}]})
    assert target.read_text(encoding="utf-8") == "company: {}\nprojects:\n  - id: a\n    kind: advice\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]
    with pytest.raises(OSError):
        write_profile(tmp_path / "missing" / "p.yaml", {"company": {}, "projects": []})
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_a_partial_profile_gives_only_its_own_facts_typed(tmp_path):
    path = tmp_path / "partial.yaml"
    path.write_text(
        "company:\n  founded: '2015-06-01'\n  employees: 12\naid_received:\n  - {date: 2025-04-01, amount: 5}\n",
        encoding="utf-8",
    )
    assert load_partial(path) == (
        {
            "company": {"founded": dt.date(2015, 6, 1), "employees": 12},
            "aid_received": [{"date": dt.date(2025, 4, 1), "amount": 5}],
            "projects": [],
        },
        [],
    )
    path.write_text("company:\n  employees: -1\n", encoding="utf-8")
    data, problems = load_partial(path)
    assert data is None
    assert [(d.line, d.column, d.code, d.message) for d in problems] == [
        (2, 14, "schema-range", "must be at least 0, found -1")
    ]
    path.write_text(
        "company: {}\nprojects:\n  - {id: a, kind: advice, application_date: 2026-01-01}\n", encoding="utf-8"
    )
    assert load_partial(path)[0]["projects"] == [{"id": "a", "kind": "advice", "application_date": dt.date(2026, 1, 1)}]


def test_line_separators_and_unprintable_characters_are_escaped():
    names = ["a\x85b", "a\u2028b\u2029c", "bell\x07", "\ufeffx", "nul\x00", "zero\u200bwidth", "\U0001f600 ok"]
    for name in names:
        text = dump_profile({"company": {"name": name}, "projects": [{"id": "a", "kind": "advice"}]})
        assert text.isascii() or "\U0001f600" in text
        back, problems = parse_profile(text, "x")
        assert problems == [] and back["company"]["name"] == name, repr(name)
    assert dump_profile({"company": {"name": "a\u2028b"}}).splitlines()[1] == '  name: "a\\u2028b"'
