"""Negative fixtures: invalid rule files, facts files and profiles, each with its exact diagnostics.

Every file under ``tests/fixtures/invalid/`` holds one realistic mistake. Its first line
points editors at the schema; the comment lines after it, ``# expect: LINE:COLUMN CODE``,
list every diagnostic the engine must report for it (errors and warnings alike), in
sorted order. JSON profiles cannot hold comments: their expectations are in
``profiles/expectations.json``. A file that cannot hold a header (an empty file) has its
expectation in ``NO_HEADER`` below.

- ``rules/<name>.yaml``: a measure, checked with a copy of the shipped ``rules/facts/``
  (without case files) in a temporary rule-set folder, one fixture at a time.
- ``facts/<name>.yaml``: an extra facts file, checked beside the shipped facts and one
  minimal valid measure (``MINIMAL_MEASURE``).
- ``profiles/<name>.yaml`` and ``.json``: a company profile, loaded with ``load_profile``.

Where the engine is wrong today (a position, a missing or spurious diagnostic, a
misleading hint), the fixture keeps the correct expectation and is listed in ``XFAIL``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from engine.load.profile import load_profile
from engine.load.ruleset import check_rules

from ...conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schemas/{}.schema.json"
SCHEMAS = {"rules": "measure", "facts": "facts", "profiles": "profile"}
EXPECT = re.compile(r"^# expect: (\d+):(\d+) ([a-z0-9-]+)$")
EXPECT_JSON = re.compile(r"^(\d+):(\d+) ([a-z0-9-]+)$")

# Files that cannot carry a header.
NO_HEADER: dict[str, list[tuple[int, int, str]]] = {
    "rules/empty-file.yaml": [(1, 1, "empty-file")],
}

# A part of the hint that some diagnostic of the fixture must give ('!' in front: no hint may contain it).
HINTS: dict[str, list[str]] = {
    "rules/tab-indentation.yaml": ["tabs"],
    "rules/wrong-indentation.yaml": ["indentation"],
    "rules/indentation-deeper.yaml": ["indent", "!quotes"],
    "rules/unquoted-colon.yaml": ["quotes"],
    "rules/slash-date.yaml": ["YYYY-MM-DD"],
    "rules/yaml11-boolean.yaml": ["quotes: 'on'"],
    "rules/unknown-key.yaml": ["did you mean 'conditions'?"],
    "rules/wrong-enum.yaml": ["did you mean 'advice'?"],
    "rules/unknown-name.yaml": ["did you mean 'public_participation_limit'?"],
    "rules/unknown-profile-field.yaml": ["did you mean 'project.cost'?"],
    "rules/unknown-condition.yaml": ["did you mean 'flemish-region'?"],
    "rules/unknown-measure.yaml": ["did you mean 'unknown-measure'?"],
    "rules/expression-syntax.yaml": ["=="],
    "rules/expression-syntax-ampersand.yaml": ["'and'"],
    "rules/amount-outside-condition.yaml": ["only be read in conditions"],
    "rules/unknown-table-key.yaml": ["did you mean 'medium'?"],
    "rules/yes-no-parameter.yaml": ["quotes: 'yes'"],
    "rules/percent-value.yaml": ["write the number alone: 30"],
    "rules/tab-in-text.yaml": ["tab", "!for indentation"],
    "facts/staff-intensity.yaml": ["did you mean 'company.turnover'?"],
    "profiles/unknown-key.yaml": ["did you mean 'employees'?"],
    "profiles/kind-advise.yaml": ["did you mean 'advice'?"],
    "profiles/cost-text.yaml": ["thousands separators"],
    "profiles/percent-sign.yaml": ["write the percentage as a plain number: 30"],
    "profiles/octal-number.yaml": ["leading zeros"],
    "profiles/bom-and-tab.yaml": ["tabs"],
    "profiles/region-no.yaml": ["flanders"],
}

_SPURIOUS_UNUSED = (
    "spurious unused-parameter warning: the parameter is used, but by an expression that failed "
    "to compile (or whose rate/base partner failed), so it is not counted as used"
)
_ENTRY_POSITION = (
    "a bad parameter value is reported at the start of its dated entry (the '- from' line), not at the value itself"
)
XFAIL: dict[str, str] = {}

# One valid measure, beside which a facts fixture is checked (scripts/snapshot_outputs.py uses it too).
MINIMAL_MEASURE = (ROOT / "tests" / "fixtures" / "minimal-measure.yaml").read_text(encoding="utf-8")


def _fixtures(kind: str) -> list[Path]:
    return sorted(
        p for p in (FIXTURES / kind).iterdir() if p.suffix in (".yaml", ".json") and p.name != "expectations.json"
    )


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _params() -> list:
    params = []
    for kind in SCHEMAS:
        for path in _fixtures(kind):
            reason = XFAIL.get(_key(path))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(path, id=_key(path), marks=marks))
    return params


def expectations(path: Path) -> list[tuple[int, int, str]]:
    """The (line, column, code) triples a fixture declares, checked for form."""
    key = _key(path)
    if key in NO_HEADER:
        assert path.read_bytes().strip() == b""
        return NO_HEADER[key]
    if path.suffix == ".json":
        table = json.loads((path.parent / "expectations.json").read_text(encoding="utf-8"))
        lines = table[path.name]
        found = [EXPECT_JSON.match(line) for line in lines]
        assert all(found), f"malformed expectation in expectations.json for {path.name}: {lines}"
    else:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0] == SCHEMA_LINE.format(SCHEMAS[path.parent.name]), f"{key}: first line is not the schema line"
        found = []
        for line in lines[1:]:
            match = EXPECT.match(line)
            if not match:
                assert not line.startswith("# expect"), f"{key}: malformed expectation {line!r}"
                break
            found.append(match)
    triples = [(int(m.group(1)), int(m.group(2)), m.group(3)) for m in found]
    assert triples, f"{key} declares no expected diagnostic"
    assert triples == sorted(triples), f"{key}: expectations are not in sorted order"
    return triples


def _diagnostics(path: Path, tmp_path: Path):
    kind = path.parent.name
    if kind == "profiles":
        return load_profile(path)[1]
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "facts", root / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    if kind == "facts":
        shutil.copy(path, root / "facts" / path.name)
        (root / "minimal.yaml").write_text(MINIMAL_MEASURE, encoding="utf-8")
    else:
        shutil.copy(path, root / path.name)
    return check_rules(root)[1]


@pytest.mark.parametrize("path", _params())
def test_fixture_gives_exactly_its_diagnostics(path: Path, tmp_path: Path):
    expected = expectations(path)
    diagnostics = _diagnostics(path, tmp_path)
    shown = "\n".join(f"{d.line}:{d.column} {d.code}: {d.message} (hint: {d.hint})" for d in diagnostics)
    assert [(d.line, d.column, d.code) for d in diagnostics] == expected, shown
    for d in diagnostics:
        assert d.message.strip(), f"empty message: {d}"
        assert Path(d.file).name == path.name, f"diagnostic in another file: {d}"
    hints = [d.hint or "" for d in diagnostics]
    for wanted in HINTS.get(_key(path), []):
        if wanted.startswith("!"):
            assert not any(wanted[1:] in hint for hint in hints), f"no hint may say {wanted[1:]!r}:\n{shown}"
        else:
            assert any(wanted in hint for hint in hints), f"expected a hint with {wanted!r}:\n{shown}"


def test_measure_fixtures_are_named_by_their_id():
    for path in _fixtures("rules") + _fixtures("facts"):
        if _key(path) in NO_HEADER or path.stem in ("id-mismatch", "id-capitals", "only-comment"):
            continue
        match = re.search(r"^id: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        assert match and match.group(1) == path.stem, f"{_key(path)}: id differs from the file name"


def test_minimal_measure_is_clean(tmp_path: Path):
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "facts", root / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    (root / "minimal.yaml").write_text(MINIMAL_MEASURE, encoding="utf-8")
    rules, diagnostics = check_rules(root)
    assert diagnostics == []
    assert rules is not None


def test_every_table_entry_names_a_fixture():
    names = {_key(p) for kind in SCHEMAS for p in _fixtures(kind)}
    for table in (NO_HEADER, HINTS, XFAIL):
        assert set(table) <= names, set(table) - names
    listed = json.loads((FIXTURES / "profiles" / "expectations.json").read_text(encoding="utf-8"))
    assert set(listed) == {p.name for p in _fixtures("profiles") if p.suffix == ".json"}


def test_fixture_counts():
    assert len(_fixtures("rules")) >= 30
    assert len(_fixtures("profiles")) >= 10
    assert len(_fixtures("facts")) >= 3
