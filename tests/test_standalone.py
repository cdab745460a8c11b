"""The repository stands alone: nothing in it sends a reader to material outside it, every product
decision a rule names is documented in docs/decisions.md, and every rule file that page names exists.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, RULES

DECISIONS = ROOT / "docs" / "decisions.md"

# Written so that this file does not match itself: the folder beside the repository that held
# the project's working notes, and the names of the two notes.
OUTSIDE = re.compile(r"\.\.[/\\]shared|shared[/\\]contract|domain[-_ ]facts", re.IGNORECASE)

_SECTION = re.compile(r"^## (D\d+)\b.*$", re.M)
_RULE_PATH = re.compile(r"rules/[\w./-]+?\.yaml")
_DECISION = re.compile(r"\bdecision:\s*[\"']?(D\d+)\b")


def tracked_files() -> list[Path]:
    """The files git tracks in the repository (the working copy of each)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.CalledProcessError) as exc:  # an unpacked sdist has no git
        pytest.skip(f"git ls-files does not work here: {exc}")
    return [ROOT / name for name in listed.decode("utf-8").split("\0") if name]


def references_outside() -> list[str]:
    """Every ``file:line`` of a tracked text file that refers to the material outside the repository."""
    found = []
    for path in tracked_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not a text file
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()[:160]}")
    return found


def test_no_file_refers_to_material_outside_the_repository():
    found = references_outside()
    assert found == [], (
        f"{len(found)} line(s) refer to material outside the repository; point them to "
        "docs/profile.md, docs/output.md or docs/decisions.md instead:\n" + "\n".join(found)
    )


def decision_sections() -> dict[str, str]:
    """The sections of docs/decisions.md by decision id, each with its text."""
    text = DECISIONS.read_text(encoding="utf-8")
    matches = list(_SECTION.finditer(text))
    sections = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        assert match.group(1) not in sections, f"{match.group(1)} has two sections"
        sections[match.group(1)] = text[match.end() : end]
    return sections


def decisions_in_rules() -> dict[str, list[str]]:
    """Every decision id a rule note names (``decision: D7`` anywhere under rules/), with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(RULES.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for decision in _DECISION.findall(line):
                found.setdefault(decision, []).append(f"{path.relative_to(ROOT).as_posix()}:{number}")
    return found


def test_the_decisions_page_has_d1_to_d26_in_order():
    ids = list(decision_sections())
    assert ids[:26] == [f"D{n}" for n in range(1, 27)]
    assert ids == sorted(ids, key=lambda d: int(d[1:]))
    text = DECISIONS.read_text(encoding="utf-8")
    for decision in ids:
        assert f'<a id="{decision.lower()}"></a>' in text, f"{decision} has no anchor #{decision.lower()}"


def test_every_decision_named_in_the_rules_has_its_section():
    named = decisions_in_rules()
    assert len(named) >= 10  # the rule set names many decisions; none found means the search is broken
    sections = decision_sections()
    undocumented = {d: where for d, where in named.items() if d not in sections}
    assert undocumented == {}, f"decisions named in rule notes without a section in docs/decisions.md: {undocumented}"


@pytest.mark.parametrize("decision", sorted(decision_sections(), key=lambda d: int(d[1:])))
def test_every_section_names_existing_rule_files(decision: str):
    paths = sorted(set(_RULE_PATH.findall(decision_sections()[decision])))
    assert paths, f"{decision}: the section names no rule file (rules/...yaml)"
    assert [p for p in paths if not (ROOT / p).is_file()] == [], f"{decision}: names rule files that do not exist"


def test_links_between_the_documents_resolve():
    """Relative links in the README and docs/ point to files that exist, and anchors into
    docs/decisions.md to a decision."""
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', DECISIONS.read_text(encoding="utf-8")))
    broken = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            resolved = (page.parent / file).resolve() if file else page
            if not resolved.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and resolved == DECISIONS.resolve() and anchor not in anchors:
                broken.append(f"{page.name}: {target} (no such decision)")
    assert broken == []
