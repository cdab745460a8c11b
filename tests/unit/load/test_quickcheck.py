"""The quick schema check always agrees with jsonschema (it decides alone only for valid documents)."""

from __future__ import annotations

import copy
import datetime as dt
import random
from decimal import Decimal

import pytest
import yaml

from engine.cases.rule_cases import load_cases
from engine.load.quickcheck import conforms
from engine.load.ruleset import case_files
from engine.load.schemas import json_view, validator_for

from ...conftest import EXAMPLES, ROOT, RULES


def _profiles():
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    for path in case_files(RULES)[:4]:
        docs += [c.spec["profile"] for c in load_cases(path)[0] if isinstance(c.spec["profile"], dict)][:20]
    return [json_view(d) for d in docs]


def _rule_files():
    return [
        json_view(yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted(RULES.glob("*.yaml"))
        if not p.name.endswith(".cases.yaml")
    ]


ODD_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    Decimal("1e13"),
    Decimal("-0.01"),
    "",
    "x",
    "2026-02-30",
    "2026-02-28",
    "13/09/2021",
    "0566.988.259",
    "0566.988.25",
    [],
    [1],
    {},
    {"x": 1},
    60,
    25,
    100,
    101,
    "advice",
    "flanders",
    "bv",
    "nvv",
    dt.date(2024, 1, 1).isoformat(),
    # dates as the YAML loader gives them: the quick check reads them as their ISO text
    dt.date(2024, 1, 1),
    dt.datetime(2024, 1, 1, 12, 30),
    dt.date(1, 1, 1),
]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, path + (i,))


def _mutate(document, rng):
    document = copy.deepcopy(document)
    paths = [p for p in _paths(document) if p]
    path = rng.choice(paths)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    action = rng.randrange(4)
    if action == 0:
        parent[path[-1]] = rng.choice(ODD_VALUES)
    elif action == 1 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == 2 and isinstance(parent, dict):
        parent[rng.choice(["extra", "employes", "cost", "kind", "id"])] = rng.choice(ODD_VALUES)
    else:
        parent[path[-1]] = copy.deepcopy(parent[path[-1]])
    return document


@pytest.mark.parametrize("name, documents", [("profile", _profiles()), ("measure", _rule_files())])
def test_quick_check_agrees_with_jsonschema(name, documents):
    validator = validator_for(name)
    rng = random.Random(20261129)
    checked = valid = 0
    for document in documents:
        for candidate in [document] + [_mutate(document, rng) for _ in range(60)]:
            expected = validator.is_valid(json_view(candidate))
            assert conforms(candidate, name) == expected, candidate
            checked += 1
            valid += expected
    assert checked >= 8 * 61
    assert 0 < valid < checked  # both valid and invalid documents were compared


def test_quick_check_is_not_sure_about_unknown_keywords(monkeypatch):
    import engine.load.quickcheck as quickcheck

    monkeypatch.setattr("engine.load.quickcheck.schema", lambda name: {"type": "object", "dependentRequired": {}})
    assert quickcheck.conforms({}, "profile") is False
    assert ROOT.is_dir()
