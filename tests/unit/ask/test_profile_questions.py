"""The profile schema carries the questions a person answers: every fillable field, in Dutch and English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import yaml

from engine.load.quickcheck import conforms
from engine.load.schemas import json_view

from ...conftest import EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = DEFS[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fillable(prefix: str, node: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(path, raw property node, resolved node) for every property a person fills in, nested ones too."""
    for key, raw in node.get("properties", {}).items():
        if key == "$schema":
            continue
        path = f"{prefix}.{key}" if prefix else key
        sub = _resolve(raw)
        if path != "company":  # the company section itself is no question; its fields are
            yield path, raw, sub
        if sub.get("type") == "object":
            yield from _fillable(path, sub)
        if sub.get("type") == "array":
            yield from _fillable(path + "[]", _resolve(sub["items"]))


FILLABLE = list(_fillable("", {"properties": {**SCHEMA["properties"], "company": DEFS["company"]}}))
PATHS = [path for path, _, _ in FILLABLE]


def _bilingual(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and sorted(value) == ["en", "nl"]
        and all(isinstance(t, str) and t.strip() == t and t for t in value.values())
    )


def test_the_walk_reaches_every_fillable_field():
    assert PATHS == [
        "company.name",
        "company.enterprise_number",
        "company.legal_form",
        "company.founded",
        "company.region",
        "company.nace",
        "company.employees",
        "company.turnover",
        "company.balance_sheet_total",
        "company.previous_year",
        "company.previous_year.employees",
        "company.previous_year.turnover",
        "company.previous_year.balance_sheet_total",
        "company.partner_enterprises",
        "company.partner_enterprises[].share",
        "company.partner_enterprises[].employees",
        "company.partner_enterprises[].turnover",
        "company.partner_enterprises[].balance_sheet_total",
        "company.linked_enterprises",
        "company.linked_enterprises[].employees",
        "company.linked_enterprises[].turnover",
        "company.linked_enterprises[].balance_sheet_total",
        "company.public_participation",
        "company.negative_equity",
        "company.in_difficulty",
        "company.maatwerkbedrijf",
        "company.nis2",
        "company.nis2_sector",
        "aid_received",
        "aid_received[].date",
        "aid_received[].amount",
        "aid_received[].measure",
        "aid_received[].de_minimis",
        "projects",
        "projects[].id",
        "projects[].kind",
        "projects[].theme",
        "projects[].cost",
        "projects[].application_date",
        "projects[].start_date",
        "projects[].provider_registered",
        "projects[].provider_framework_contract",
        "projects[].package",
        "projects[].collaboration",
        "projects[].development_cost",
        "projects[].consortium",
        "projects[].consortium.research_organisation",
        "projects[].consortium.independent_companies",
    ]


def test_every_fillable_field_has_a_question_in_dutch_and_english():
    bad = [
        path
        for path, _, sub in FILLABLE
        if not _bilingual(sub.get("x-question")) or sub["x-question"]["nl"] == sub["x-question"]["en"]
    ]
    assert bad == []


def test_every_list_asks_whether_there_is_another_one_and_names_its_items():
    lists = [path for path, _, sub in FILLABLE if sub.get("type") == "array"]
    assert lists == ["company.partner_enterprises", "company.linked_enterprises", "aid_received", "projects"]
    assert [
        p for p, _, sub in FILLABLE if sub.get("type") == "array" and not _bilingual(sub.get("x-question-another"))
    ] == []
    for path, _, sub in FILLABLE:
        if sub.get("type") == "array":
            label = sub.get("x-item-label")
            assert _bilingual(label) and all("{n}" in text for text in label.values()), path


def test_every_nested_object_has_a_label():
    objects = [path for path, _, sub in FILLABLE if sub.get("type") == "object"]
    assert objects == ["company.previous_year", "projects[].consortium"]
    assert [p for p, _, sub in FILLABLE if sub.get("type") == "object" and not _bilingual(sub.get("x-label"))] == []


def test_every_enum_value_has_a_label_in_both_languages_and_no_label_is_left_over():
    enums = {path: sub for path, _, sub in FILLABLE if "enum" in sub}
    assert sorted(enums) == [
        "company.legal_form",
        "company.nis2",
        "company.nis2_sector",
        "company.region",
        "projects[].kind",
        "projects[].package",
        "projects[].theme",
    ]
    for path, sub in enums.items():
        labels = sub.get("x-enum-labels", {})
        assert list(labels) == sub["enum"], path
        assert all(_bilingual(label) for label in labels.values()), path


def test_only_the_known_annotations_are_used():
    def keys(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.startswith("x-"):
                    yield key
                if key not in ("x-enum-labels", "x-doc-labels"):
                    yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    assert sorted(set(keys(SCHEMA))) == [
        "x-check",
        "x-doc-labels",  # read by subsidie docs (engine/render/docs_values.py)
        "x-doc-name",
        "x-enum-labels",
        "x-hint",
        "x-item-label",
        "x-label",
        "x-question",
        "x-question-another",
    ]


def test_the_annotations_keep_the_quick_check_sure_of_valid_profiles():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert conforms(json_view(yaml.safe_load(path.read_text(encoding="utf-8"))), "profile") is True, path.name
