"""Each limit of docs/security.md at its exact boundary: the last value accepted, the first refused.

Most run in this process, through the library, for exact positions at little cost; the ones
whose point is time (a case file of a thousand cases, the largest profile the limits allow) run
the real command and are measured like every adversarial run.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from engine.load.profile import parse_profile
from engine.load.ruleset import check_rules
from engine.load.validation import MAX_PROBLEMS
from engine.load.yaml_loader import MAX_BYTES, MAX_NODES, load_file, load_text

from .conftest import RULES, SMALL_IT_FIRM, Engine
from .harness import assert_contained


def _triples(diagnostics) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message) for d in diagnostics]


# -- values: MAX_NODES counts every key and value, aliases expanded ----------------------------------


def test_a_list_up_to_the_node_limit_is_read():
    # the mapping, its key and the list are 3 of the 50,000
    doc, diagnostics = load_text("x: [" + ",".join(["1"] * (MAX_NODES - 3)) + "]\n", "big.yaml")
    assert diagnostics == []
    assert len(doc.data["x"]) == MAX_NODES - 3


def test_one_value_more_is_refused_where_it_stands():
    doc, diagnostics = load_text("x: [" + ",".join(["1"] * (MAX_NODES - 2)) + "]\n", "big.yaml")
    assert doc is None
    # item k (1-based) starts at column 5 + 2 (k - 1); the refused one is item 49,998
    assert _triples(diagnostics) == [(1, 5 + 2 * (MAX_NODES - 3), "yaml-size", "more than 50000 values")]


def _aliased(filler: int, aliases: int) -> str:
    """A list of 499 values, a filler list, then a list of aliases to the first:
    5 + 499 nodes, 2 + filler, and 500 values per alias once expanded."""
    return (
        "a: &a ["
        + ",".join(["1"] * 499)
        + "]\nc: ["
        + ",".join(["2"] * filler)
        + "]\nb: ["
        + ",".join(["*a"] * aliases)
        + "]\n"
    )


def test_aliases_expanding_to_exactly_the_node_limit_are_read():
    doc, diagnostics = load_text(_aliased(494, 98), "aliases.yaml")  # 504 + 496 + 98 * 500 = 50,000
    assert diagnostics == []
    assert len(doc.data["b"]) == 98 and doc.data["b"][97] == [1] * 499


def test_the_alias_that_expands_past_the_node_limit_is_refused_where_it_stands():
    doc, diagnostics = load_text(_aliased(495, 98), "aliases.yaml")  # 50,001 at the 98th alias
    assert doc is None
    assert _triples(diagnostics) == [(3, 5 + 3 * 97, "yaml-size", "more than 50000 values (after expanding aliases)")]
    assert diagnostics[0].hint == "write the values out; rule files and profiles do not need anchors"


def test_a_value_after_expanded_aliases_counts_them():
    text = (
        "a: &a ["
        + ",".join(["1"] * 499)
        + "]\nb: ["
        + ",".join(["*a"] * 98)
        + "]\nc: ["
        + ",".join(["2"] * 495)
        + "]\n"
    )
    doc, diagnostics = load_text(text, "aliases.yaml")
    assert doc is None
    assert _triples(diagnostics) == [(3, 5 + 2 * 494, "yaml-size", "more than 50000 values (after expanding aliases)")]


@pytest.mark.parametrize(
    "text, column",
    [
        ("a: &a [*a]\n", 8),
        ("a: &a {b: [1, {c: *a}]}\n", 19),
    ],
)
def test_an_alias_inside_its_own_anchor_is_refused_where_it_stands(text, column):
    doc, diagnostics = load_text(text, "loop.yaml")
    assert doc is None
    assert _triples(diagnostics) == [(1, column, "yaml-aliases", "the alias refers to a value that contains it")]


# -- bytes: MAX_BYTES ------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_with_its_real_size(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (3 * MAX_BYTES))
    doc, diagnostics = load_file(path, "big.yaml")
    assert doc is None
    assert _triples(diagnostics) == [(1, 1, "file-too-large", "the file is 3145728 bytes; the limit is 1048576")]


def test_a_file_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "full.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 5))
    doc, diagnostics = load_file(path, "full.yaml")
    assert diagnostics == [] and doc.data == {"a": 1}


def test_standard_input_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"#" * (MAX_BYTES + 1))))
    doc, diagnostics = load_file("-", "<stdin>")
    assert doc is None
    assert _triples(diagnostics) == [(1, 1, "file-too-large", "the input is larger than the limit of 1048576 bytes")]


# -- schema: sizes and the number of problems reported ----------------------------------------------

PROFILE_HEAD = "company: {legal_form: bv, region: flanders, name: NAME}\nprojects:\n"


def test_too_many_projects_is_one_short_message():
    text = PROFILE_HEAD.replace("NAME", "Acme") + "".join(f"  - {{id: p{i}, kind: advice}}\n" for i in range(1001))
    data, diagnostics = parse_profile(text, "p.yaml")
    assert data is None
    assert _triples(diagnostics) == [(3, 3, "schema-size", "the list has 1001 items; at most 1000 are allowed")]


def test_a_text_over_its_length_is_one_short_message():
    text = PROFILE_HEAD.replace("NAME", "x" * 501) + "  - {id: p, kind: advice}\n"
    _, diagnostics = parse_profile(text, "p.yaml")
    assert _triples(diagnostics) == [(1, 51, "schema-size", "the text has 501 characters; at most 500 are allowed")]


def test_only_the_first_problems_of_a_file_are_reported():
    text = PROFILE_HEAD.replace("NAME", "Acme") + "".join("  - 1\n" for _ in range(MAX_PROBLEMS + 50))
    data, diagnostics = parse_profile(text, "p.yaml")
    assert data is None
    # one problem per item: items 1 to 100 (lines 3 to 102), then a note at item 101 (line 103)
    assert len(diagnostics) == MAX_PROBLEMS + 1
    assert _triples(diagnostics[:1]) == [
        (3, 5, "schema-type", "expected a mapping (key: value lines) but found the number 1")
    ]
    assert _triples(diagnostics[-2:]) == [
        (102, 5, "schema-type", "expected a mapping (key: value lines) but found the number 1"),
        (103, 5, "schema-more", "the file has more than 100 problems; the rest are not shown"),
    ]


# -- expressions: arithmetic on literals is checked when the rules load -----------------------------


def test_computable_constant_arithmetic_is_not_reported(rule_copy):
    rules = rule_copy()
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  base: project.cost\n", "  base: project.cost * 10 ** 2 / 4 / 25 - 2 ** 3 % 1\n"),
        encoding="utf-8",
    )
    rules_set, diagnostics = check_rules(rules)
    assert rules_set is not None
    assert [d for d in diagnostics if d.severity == "error"] == []


# -- time: work that grows with the input, through the command line ---------------------------------


def test_a_case_file_of_a_thousand_cases_runs_within_the_bounds(engine: Engine, tmp_path):
    """Each inline profile is cut out of the file's position tables in one pass (it was once per case:
    a thousand cases then took some 5 s, two thousand 20 s)."""
    case = (
        "  - name: c{i}\n    as_of: 2026-03-01\n    profile:\n"
        "      company: {{legal_form: bv, region: flanders, employees: 12, turnover: 1800000, "
        "balance_sheet_total: 900000}}\n"
        "      projects: [{{id: p, kind: advice, theme: cybersecurity, cost: 10000, provider_registered: true}}]\n"
        "    expect: [{{project: p, measure: kmo-portefeuille, status: eligible, amount: 4500.00}}]\n"
    )
    (tmp_path / "many.cases.yaml").write_text(
        "cases:\n" + "".join(case.format(i=i) for i in range(1000)), encoding="utf-8"
    )
    run = engine("test", "many.cases.yaml", cwd=tmp_path)
    assert_contained(run, 0, wall=False)  # about 1.2 s of CPU; quadratic cutting took over 5 s
    assert run.stdout == "1000 passed, 0 failed\n"


def test_a_profile_at_the_value_limit_is_answered_within_the_bounds(engine: Engine, tmp_path):
    """49,900 wrong values in 100 kB: read, checked against the schema, 101 lines of diagnostics."""
    text = "company: {legal_form: bv, region: flanders}\nprojects: [" + ",".join(["1"] * 49_900) + "]\n"
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    run = engine("evaluate", "profile.yaml", cwd=tmp_path)
    assert_contained(run, 2, wall=False)  # about 1 s of CPU
    lines = run.stderr.splitlines()
    assert lines[0] == "profile.yaml:2:11: error: the list has 49900 items; at most 1000 are allowed [schema-size]"
    assert lines[-2:] == [
        "profile.yaml:2:210: error: the file has more than 100 problems; the rest are not shown [schema-more]",
        "  hint: fix these and check again",
    ]


def test_a_file_of_newlines_at_the_size_limit_is_answered_within_the_bounds(engine: Engine, tmp_path):
    """Blank lines are what PyYAML's scanner reads slowest (about 0.7 us per byte)."""
    (tmp_path / "profile.yaml").write_bytes(b"company: {}\n" + b"\n" * (MAX_BYTES - 12))
    run = engine("evaluate", "profile.yaml", cwd=tmp_path)
    assert_contained(run, 2, wall=False)  # about 0.75 s of CPU
    assert (
        run.stderr.splitlines()[0]
        == "profile.yaml:1:1: error: missing required key 'projects' in the document [missing-key]"
    )


# -- evaluation work: no loops, facts computed once -------------------------------------------------


def test_a_chain_of_facts_that_reuse_each_other_is_computed_once_each(engine: Engine, rule_copy, tmp_path):
    """f1 = f0 + f0 - f0, ..., f40 = f39 + f39 - f39: 3**40 reads if facts were not kept once computed."""
    rules = rule_copy()
    source = "https://example.org/chain"
    facts = [f"  f0: {{description: start, expression: company.employees, source: '{source}'}}"]
    facts += [
        f"  f{i}: {{description: next, expression: 'f{i - 1} + f{i - 1} - f{i - 1}', source: '{source}'}}"
        for i in range(1, 41)
    ]
    (rules / "facts" / "chain.yaml").write_text(
        f"id: chain\ntitle: {{nl: Keten, en: Chain}}\nsources: ['{source}']\nfacts:\n" + "\n".join(facts) + "\n",
        encoding="utf-8",
    )
    measure = rules / "kmo-portefeuille.yaml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace(
            "  - use: de-minimis-ceiling\nreminders:",
            "  - use: de-minimis-ceiling\n  - id: chain\n    when: f40 == 12\n    text: {nl: x, en: x}\n    source: https://x.org\nreminders:",
        ),
        encoding="utf-8",
    )
    run = engine(
        "evaluate", str(SMALL_IT_FIRM), "--rules", str(rules), "--format", "json", "--as-of", "2026-03-01", cwd=tmp_path
    )
    assert_contained(run, 0)
    result = next(r for r in json.loads(run.stdout)["results"] if r["measure"] == "kmo-portefeuille")
    assert next(c["holds"] for c in result["conditions"] if c["id"] == "chain") is True


def test_generated_code_runs_without_builtins():
    """The fast path executes generated Python: its globals hold no builtins, only the engine's helpers."""
    from engine.language.codegen import generate
    from engine.language.compiler import compile_expression
    from engine.language.expression import Symbols, profile_fields
    from engine.load.schemas import schema

    symbols = Symbols(profile_fields(schema("profile")), frozenset(), frozenset())
    expression, problems = compile_expression("project.cost * 2 > 10", symbols)
    assert problems == []
    function = generate(expression.tree, symbols, expression.source)
    assert function.__globals__["__builtins__"] == {}
    assert not {"open", "eval", "exec", "__import__", "getattr"} & set(function.__globals__)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_base_revision_over_the_size_limit_is_refused(run_cli, tmp_path, monkeypatch):
    """The base of `diff` is streamed out of git and counted: past MAX_BASE_BYTES it stops (here 100 bytes)."""
    import engine.diff.impact

    repo = tmp_path / "repo"
    shutil.copytree(RULES, repo / "rules", ignore=shutil.ignore_patterns("*.cases.yaml"))
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "HOME": str(tmp_path),
        "PATH": os.environ["PATH"],
    }
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "rules"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    monkeypatch.setattr(engine.diff.impact, "MAX_BASE_BYTES", 100)
    code, out, err = run_cli("diff", "--base", "HEAD", "--rules", str(repo / "rules"))
    assert (code, out) == (2, "")
    assert err == "error: the rules in the base revision are larger than 100 bytes\n"


def test_a_profile_file_named_by_many_cases_is_read_once(engine: Engine, tmp_path):
    """Twenty cases of a case file name the same profile file of 5,000 aid entries (about 400 kB and
    45,000 values, near the limit of 50,000): the file is read and checked once, not once per case
    (three cases took 9 s of CPU)."""
    aid = "".join(
        f"  - {{date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}, amount: 1, measure: m{i}, de_minimis: false}}\n"
        for i in range(5_000)
    )
    (tmp_path / "big.yaml").write_text(
        "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}\n"
        "projects:\n  - {id: p, kind: advice, theme: cybersecurity, cost: 10000, application_date: 2026-03-02, "
        "provider_registered: true}\naid_received:\n" + aid,
        encoding="utf-8",
    )
    cases = "".join(
        f"  - name: c{i}\n    as_of: 2026-03-01\n    profile: big.yaml\n"
        "    expect: [{project: p, measure: kmo-portefeuille, status: eligible, amount: 4500.00}]\n"
        for i in range(20)
    )
    (tmp_path / "many.cases.yaml").write_text("cases:\n" + cases, encoding="utf-8")
    run = engine("test", "many.cases.yaml", cwd=tmp_path)
    assert_contained(run, 0, wall=False)
    assert run.stdout == "20 passed, 0 failed\n"
