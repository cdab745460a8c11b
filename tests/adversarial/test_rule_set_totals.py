"""A rule set is bounded as a whole, not only file by file: every file within its limits, but many of them.

Each rule file may hold 1 MiB and 50,000 values, and each expression 400 parts; a folder could hold any number
of such files, and loading them (reading the YAML, compiling every expression) grew with their number: a
folder of two measures of 2,600 conditions took 0.9 s of CPU to load, ten of them would have taken 5 s. The
rule files of a folder now hold at most ``MAX_RULESET_BYTES`` together, and a rule set at most
``MAX_EXPRESSIONS`` expressions; what passes either is a diagnostic where it passes it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from engine.load.builder import MAX_EXPRESSIONS, MAX_RULESET_BYTES

from .conftest import RULES, SMALL_IT_FIRM, Engine
from .harness import ROOT, assert_contained

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal-measure.yaml").read_text(encoding="utf-8")


def _folder(tmp_path: Path, measures: dict[str, str]) -> Path:
    """A rule folder: the shipped facts files and the given measure files."""
    folder = tmp_path / "rules"
    shutil.copytree(RULES / "facts", folder / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    for name, text in measures.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _measure(name: str, conditions: int, padding: int = 0) -> str:
    extra = "".join(
        f"  - {{id: h{i}, when: 'aid_total() >= 0', text: {{nl: x, en: x}}, source: https://x.org}}\n"
        for i in range(conditions)
    )
    text = MINIMAL.replace("id: minimal\n", f"id: {name}\n").replace(
        "conditions:\n  - use: flemish-region\n", "conditions:\n  - use: flemish-region\n" + extra
    )
    return text + ("#" * (padding - 1) + "\n" if padding else "")


def test_more_expressions_than_a_rule_set_may_hold_stop_at_the_first_one_too_many(engine: Engine, tmp_path):
    # the shipped facts hold 17 expressions, a.yaml 2,602 (its conditions, rate and base), so b.yaml's
    # condition h2381 (line 19 + 2381) is the 5,001st
    rules = _folder(tmp_path, {"a": _measure("a", 2600), "b": _measure("b", 2600)})
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    assert run.stderr.splitlines()[:2] == [
        f"rules/b.yaml:2400:23: error: the rule set holds more than {MAX_EXPRESSIONS:,} expressions; this one "
        "and those after it are not read [too-many-expressions]",
        "  hint: a rule set holds some dozens of conditions per measure; move what is shared to a facts file and "
        "use it from there",
    ]
    evaluate = engine("evaluate", str(SMALL_IT_FIRM), "--rules", str(rules), cwd=tmp_path)
    assert_contained(evaluate, 2)


def test_rule_files_over_their_total_size_stop_at_the_file_that_passes_it(engine: Engine, tmp_path):
    half = MAX_RULESET_BYTES // 2 + 1
    rules = _folder(tmp_path, {"a": _measure("a", 1, padding=half), "b": _measure("b", 1, padding=half)})
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    assert run.stderr.splitlines()[:2] == [
        f"rules/b.yaml:1:1: error: the rule files of the folder hold more than {MAX_RULESET_BYTES:,} bytes "
        "together; this file and those after it are not read [rules-too-large]",
        "  hint: a rule set is a few dozen files of some kilobytes; test cases go in *.cases.yaml files, which do "
        "not count",
    ]


def test_a_rule_set_just_within_both_totals_loads(engine: Engine, tmp_path):
    rules = _folder(tmp_path, {"a": _measure("a", 2480), "b": _measure("b", 2480)})
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 0)
    assert (run.stdout + run.stderr).splitlines()[-1] == "no problems found"
