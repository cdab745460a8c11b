"""The fuzz targets: what is fed to the engine and what must hold for every input.

``loader``: bytes in (random bytes, YAML token soup, edited shipped files, generated
documents); out either data or diagnostics positioned inside the text, never another
exception, and the same by libyaml and by the pure-Python reader. Documents that load are
also checked against every schema, and every so often the whole file goes through
``subsidie validate`` and ``subsidie evaluate``.

``expressions``: text in (generated from the rule language's grammar and beyond it,
token soup, edited shipped expressions, deep nesting); out either a compiled
expression or problems positioned inside the text. Compiled expressions are run on a
few profiles: the closures and the generated code must give the same value or the
same error (only :class:`Missing` and :class:`ExpressionRuntimeError` may escape).
Each expression is also put in a YAML file in several scalar styles, and every so
often in a measure of a whole rule set, so positions and static analysis are fuzzed.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import re
import shutil
import tempfile
import warnings
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from engine.diagnostics import Diagnostic
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.scope import Scope
from engine.language.codegen import generate
from engine.language.compiler import compile_expression
from engine.language.expression import Symbols, profile_fields
from engine.language.functions import AidEntry
from engine.language.runtime import ExpressionRuntimeError, Missing
from engine.load.completion import complete
from engine.load.ruleset import check_rules, load_rules
from engine.load.schemas import schema
from engine.load.validation import validate
from engine.load.yaml_loader import decode, load_text
from tests.property.mutations import EXPRESSION_PIECES, OTHER_VALUES, mutated
from tests.property.strategies import expressions as rule_expressions

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SHIPPED = sorted(p for p in [*RULES.rglob("*.yaml"), *(ROOT / "examples" / "profiles").glob("*.yaml")])


@dataclass
class Target:
    """A named strategy and the check every drawn input must pass."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any, Counter], None]


_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def check_diagnostics(diagnostics: list[Diagnostic], text: str | None) -> None:
    """Every diagnostic has a code, a message and a 1-based position inside the text, and prints.

    A position may count lines as YAML does (CR, NEL, LS and PS end lines too) or by LF only.
    """
    layouts = [text.split("\n"), _YAML_BREAKS.split(text)] if text is not None else []
    for d in diagnostics:
        assert d.code and d.message and d.severity in ("error", "warning"), d
        assert d.line >= 1 and d.column >= 1, d
        if layouts:
            assert any(d.line <= len(lines) and d.column <= len(lines[d.line - 1]) + 1 for lines in layouts), (
                d,
                [lines[d.line - 1] if d.line <= len(lines) else None for lines in layouts],
            )
        str(d)
        json.dumps(d.as_dict())


def _plain(value: Any) -> None:
    """Loaded data holds only mappings with text keys, lists, texts, numbers, booleans, nulls and dates."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), key
            _plain(item)
    elif isinstance(value, list):
        for item in value:
            _plain(item)
    else:
        assert value is None or isinstance(value, (str, bool, int, Decimal, dt.date)), type(value)
        assert not isinstance(value, dt.datetime), value


# -- the loader -----------------------------------------------------------------------------------

YAML_TOKENS = [
    "a",
    "key",
    "id",
    "- ",
    ": ",
    ":",
    "\n",
    "  ",
    "    ",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "?",
    "? ",
    "x?y",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object:os.system ",
    "!!str ",
    "!!int ",
    "!!map ",
    "!!seq ",
    "!!binary ",
    "!!timestamp ",
    "!x ",
    "!<tag:yaml.org,2002:str> ",
    "'",
    "''",
    '"',
    '\\"',
    "\\u",
    "\\ud800",
    "\\U0001F600",
    "\\x00",
    "#",
    "# c",
    "|",
    "|-",
    "|+",
    ">",
    ">-",
    "---",
    "...",
    "%YAML 1.1\n",
    "%TAG ! x\n",
    "? ",
    "1e400",
    "0x1F",
    "0o17",
    "1_000",
    ".inf",
    ".nan",
    "-0",
    "12:30",
    "2024-02-30",
    "2024-01-01",
    "2024-01-01T10:00:00",
    "yes",
    "~",
    "null",
    "true",
    "\ufeff",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "é",
    "\U0001f600",
    "\x07",
    "9" * 35,
    "x" * 200,
]


def _random_documents() -> st.SearchStrategy[bytes]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=20),
        st.floats(allow_nan=False),
        st.dates().map(str),
        st.decimals(allow_nan=False).map(str),
    )
    tree = st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=25,
    )

    def dump(value: Any, style: int) -> bytes:
        if style == 0:
            return json.dumps(value).encode()
        if style == 1:
            return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=style == 3).encode("utf-8", "surrogatepass")

    return st.builds(dump, tree, st.integers(0, 3))


def _flip_bytes(raw: bytes) -> st.SearchStrategy[bytes]:
    @st.composite
    def flip(draw: Any) -> bytes:
        out = bytearray(raw)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, max(len(out) - 1, 0)))
            out[at : at + 1] = draw(st.binary(min_size=0, max_size=3))
        return bytes(out)

    return flip()


def loader_inputs() -> st.SearchStrategy[bytes]:
    """Bytes for the loader."""
    texts = {path: path.read_text(encoding="utf-8") for path in SHIPPED}
    edited = (
        st.sampled_from(sorted(texts))
        .flatmap(lambda p: mutated(texts[p], 6))
        .map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
    soup = st.lists(st.sampled_from(YAML_TOKENS + OTHER_VALUES), max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    )
    flipped = st.sampled_from(sorted(texts)).flatmap(lambda p: _flip_bytes(texts[p].encode()))
    return st.one_of(edited, soup, flipped, _random_documents(), st.binary(max_size=3000))


def _now_and_then(value: str | bytes, every: int) -> bool:
    """True for about one input in ``every``, always the same for the same input (so shrinking replays it)."""
    return zlib.crc32(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value) % every == 0


def check_loader(raw: bytes, stats: Counter) -> None:
    """Data or positioned diagnostics, no warning; one file in 30 also goes through the command line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _load(raw, _now_and_then(raw, 30), stats)
    assert not caught, f"loading printed a Python warning: {caught[0].message}"


def _load(raw: bytes, cli: bool, stats: Counter) -> None:
    text, diagnostics = decode(raw, "fuzz.yaml")
    if text is None:
        assert diagnostics, "undecodable bytes without a diagnostic"
        check_diagnostics(diagnostics, None)
        stats["undecodable"] += 1
        return
    doc, diagnostics = load_text(text, "fuzz.yaml")
    check_diagnostics(diagnostics, text)
    _same_by_both_readers(text, doc, diagnostics)
    if doc is None:
        assert diagnostics, "no document and no diagnostic"
        stats["unreadable"] += 1
    else:
        _plain(doc.data)
        check_diagnostics([Diagnostic("f", *doc.position(path), "error", "c", "m") for path in doc.positions], text)
        stats["loaded" if not diagnostics else "loaded-with-problems"] += 1
        if not diagnostics:
            for name in ("profile", "measure", "facts", "cases"):
                problems = validate(doc, name)
                check_diagnostics(problems, text)
                if not problems:
                    stats[f"valid-{name}"] += 1
                    complete(doc.data, name)
                    if name == "profile":
                        from engine.load.profile import check_document

                        check_diagnostics(check_document(doc)[1], text)
    if cli:
        _through_cli(raw, stats)


def _same_by_both_readers(text: str, doc: Any, diagnostics: list[Diagnostic]) -> None:
    """libyaml (where it was used) and the pure-Python reader give the same document and diagnostics."""
    pure, pure_diagnostics = load_text(text, "fuzz.yaml", fast=False)
    assert [str(d) for d in diagnostics] == [str(d) for d in pure_diagnostics], "the two YAML readers disagree"
    assert (doc is None) == (pure is None), "the two YAML readers disagree"
    if doc is not None and pure is not None:
        fields = ("data", "positions", "key_positions", "styles", "plain_booleans", "spans")
        assert [getattr(doc, f) for f in fields] == [getattr(pure, f) for f in fields], "the two YAML readers disagree"


def _through_cli(raw: bytes, stats: Counter) -> None:
    from click.testing import CliRunner

    from engine.cli import main

    with tempfile.TemporaryDirectory(prefix="subsidie-fuzz-") as folder:
        path = Path(folder) / "input.yaml"
        path.write_bytes(raw)
        for args in (
            ["validate", str(path)],
            ["evaluate", str(path), "--format", "json", "--as-of", "2026-03-01"],
            ["explain", str(path), "--as-of", "2026-03-01"],
        ):
            result = CliRunner().invoke(main, args, catch_exceptions=False)
            assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
            assert "Traceback" not in result.stderr + result.stdout
            if result.exit_code:
                assert result.stderr.strip() or result.stdout.strip(), (args, "failed without a word")
        stats["cli"] += 1


# -- the expression compiler ----------------------------------------------------------------------


class _World:
    """The rule set, symbols and evaluation scopes that fuzzed expressions compile against and run on."""

    def __init__(self) -> None:
        self.rules = load_rules(RULES)
        measure = max(self.rules.measures.values(), key=lambda m: len(m.parameters))
        self.symbols = Symbols(
            profile_fields(schema("profile")),
            frozenset(self.rules.parameters) | frozenset(measure.parameters),
            frozenset(self.rules.facts),
            allow_amount=True,
            measure_ids=frozenset(self.rules.measures),
        )
        self.sources = sorted({e.source for e in rule_expressions(self.rules)})
        evaluator = Evaluator(self.rules)
        day = dt.date(2026, 3, 2)
        from engine import load_profile

        full, _ = load_profile(ROOT / "examples" / "profiles" / "partner-and-linked.yaml")
        sparse = {
            "company": {"partner_enterprises": [], "linked_enterprises": []},
            "projects": [{"id": "p", "kind": "advice", "application_date": day}],
        }
        ledger = [
            AidEntry(dt.date(2025, 2, 10), Decimal("2400"), "kmo-portefeuille", True),
            AidEntry(dt.date(2023, 8, 1), Decimal("25000.50"), None, False),
        ]
        self.scopes = []
        for profile, history in ((full, ledger), (sparse, [])):
            project = {**profile["projects"][0], "application_date": day}
            scope = Scope(self.rules, profile["company"], project, 0, day, history)
            scope.params = evaluator.params(measure, day)
            scope.amount = Decimal("1234.565")
            self.scopes.append(scope)
        self.facts_dir = Path(tempfile.mkdtemp(prefix="subsidie-fuzz-rules-"))
        atexit.register(shutil.rmtree, self.facts_dir, True)
        shutil.copytree(RULES / "facts", self.facts_dir / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))


_world: list[_World] = []


def world() -> _World:
    if not _world:
        _world.append(_World())
    return _world[0]


NAMES = [
    "company",
    "project",
    "amount",
    "size",
    "nis2",
    "rate",
    "true",
    "false",
    "given",
    "min",
    "aid_total",
    "date",
    "company.employees",
    "company.founded",
    "project.cost",
    "project.application_date",
    "company.previous_year.turnover",
    "project.consortium.independent_companies",
    "company.partner_enterprises",
    "de_minimis_ceiling",
    "size_ceilings",
    "nis2_annex_i",
    "x",
    "_x",
    "__class__",
    "é",
    "None",
    "True",
]


def _grammar() -> st.SearchStrategy[str]:
    atoms = st.one_of(
        st.sampled_from(NAMES),
        st.integers(-(10**20), 10**20).map(str),
        st.decimals(allow_nan=False, allow_infinity=False).map(str),
        st.sampled_from(["1e308", "1e-400", "0.1", "1_0", "0x10", "1j", "10**64", "'2024-02-29'", "''", "'x'"]),
        st.text(max_size=8).map(repr),
    )

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.sampled_from(
            [
                "+",
                "-",
                "*",
                "/",
                "%",
                "**",
                "//",
                "@",
                "<",
                "<=",
                ">",
                ">=",
                "==",
                "!=",
                "in",
                "not in",
                "is",
                "and",
                "or",
                "&",
                "|",
            ]
        )
        functions = st.sampled_from(
            [
                "min",
                "max",
                "date",
                "add_years",
                "years_before",
                "add_days",
                "years_between",
                "days_between",
                "year_start",
                "year_end",
                "year",
                "sum_of",
                "sum_share",
                "count",
                "aid_total",
                "aid_count",
                "given",
                "len",
                "print",
            ]
        )
        return st.one_of(
            st.tuples(inner, binary, inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            st.tuples(st.sampled_from(["not ", "-", "+", "~"]), inner).map("".join),
            inner.map(lambda e: f"({e})"),
            st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} if {t[1]} else {t[2]}"),
            st.tuples(
                functions,
                st.lists(inner, max_size=3),
                st.lists(st.tuples(st.sampled_from(["measure", "de_minimis", "x"]), inner), max_size=2),
            ).map(lambda t: f"{t[0]}({', '.join(t[1] + [f'{k}={v}' for k, v in t[2]])})"),
            st.tuples(inner, inner).map(lambda t: f"{t[0]}[{t[1]}]"),
            st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
            st.tuples(inner, inner).map(lambda t: f"{t[0]} < {t[1]} < {t[0]}"),
        )

    return st.recursive(atoms, grow, max_leaves=12)


def _deep() -> st.SearchStrategy[str]:
    shapes = st.sampled_from(
        ["({})", "not {}", "-{}", "[{}]", "{} + 1", "min({}, 1)", "{} if true else 1", "rate[{}]", "({} and true)"]
    )
    return st.builds(_nest, shapes, st.integers(10, 400))


def _nest(shape: str, n: int) -> str:
    text = "1"
    for _ in range(n):
        text = shape.format(text)
    return text


def expression_inputs() -> st.SearchStrategy[str]:
    """Expression texts."""
    sources = st.deferred(lambda: st.sampled_from(world().sources))
    edited = st.tuples(sources, st.integers(0, 400), st.integers(0, 5), st.sampled_from(EXPRESSION_PIECES)).map(
        lambda t: t[0][: t[1]] + t[3] + t[0][t[1] + t[2] :]
    )
    soup = st.lists(st.sampled_from(EXPRESSION_PIECES + NAMES), min_size=1, max_size=12).map(" ".join)
    return st.one_of(_grammar(), edited, soup, _deep(), st.text(max_size=60), sources)


def _outcome(call: Callable[[], Any]) -> tuple[Any, ...]:
    try:
        value = call()
    except Missing as exc:
        return ("missing", tuple(sorted(exc.paths)))
    except ExpressionRuntimeError as exc:
        return ("error", str(exc))
    _plain(value)
    return ("value", type(value).__name__, value)


def _styles(source: str) -> list[str]:
    body = [f"when: {json.dumps(source)}", "when: '" + source.replace("'", "''") + "'"]
    if "\n" not in source and "\r" not in source:
        body.append("when: |-\n  " + source)
        body.append(f"when: {source}")
    return body


def check_expression(source: str, stats: Counter) -> None:
    """Compiled or positioned problems, no warning; closures and generated code agree; one text in 20
    also goes into a measure of a whole rule set."""
    here = world()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compiled, problems = compile_expression(source, here.symbols)
    assert not caught, f"compiling {source!r} printed a Python warning: {caught[0].message}"
    assert (compiled is None) == bool(problems), (compiled, problems)
    lines = source.split("\n")
    for problem in problems:
        assert problem.code and problem.message
        assert 1 <= problem.line <= len(lines) and problem.column >= 1, (problem, source)
    for text in _styles(source):  # positions inside the expression map into the YAML file
        doc, diagnostics = load_text(text, "f.yaml")
        if doc is None or diagnostics or not isinstance(doc.data, dict) or doc.data.get("when") != source:
            continue
        for problem in problems:
            line, column = doc.locate_in_scalar(("when",), problem.line, problem.column)
            check_diagnostics([Diagnostic("f", line, column, "error", problem.code, problem.message)], text)
    if compiled is None:
        stats["rejected"] += 1
    else:
        stats["compiled"] += 1
        try:
            generated = generate(compiled.tree, here.symbols, source)
        except Exception as exc:  # noqa: BLE001 - as in engine.language.compiler: the closures then serve
            generated = None
            stats[f"not-generated ({type(exc).__name__}: {str(exc)[:40]})"] += 1
        for scope in here.scopes:
            first = _outcome(lambda scope=scope: compiled.evaluate(scope))  # the first calls run the closures
            if generated is not None:
                assert _outcome(lambda scope=scope: generated(scope)) == first, (source, first)
            stats[first[0]] += 1
    if _now_and_then(source, 20):
        _in_rule_set(source, stats)


def _in_rule_set(source: str, stats: Counter) -> None:
    """The expression as a condition (with a plain base) or as the base (with a plain condition)."""
    folder = world().facts_dir
    measure = folder / "fuzzed.yaml"
    as_condition = _now_and_then(source, 2)
    when, base = (json.dumps(source), "project.cost") if as_condition else ("true", json.dumps(source))
    measure.write_text(
        "id: fuzzed\ntitle: {nl: f, en: f}\napplies_to: [advice]\nvalid_from: 2020-01-01\nsources: [https://x.org]\n"
        f"conditions:\n  - id: c\n    when: {when}\n    text: {{nl: c, en: c}}\n    source: https://x.org\n"
        f"amount:\n  rate: 40\n  base: {base}\n",
        encoding="utf-8",
    )
    rules, diagnostics = check_rules(folder)
    text = measure.read_text(encoding="utf-8")
    check_diagnostics([d for d in diagnostics if d.file.endswith("fuzzed.yaml")], text)
    check_diagnostics([d for d in diagnostics if not d.file.endswith("fuzzed.yaml")], None)
    stats["rule-set-ok" if rules is not None else "rule-set-errors"] += 1


TARGETS = {
    "loader": lambda: Target("loader", loader_inputs(), check_loader),
    "expressions": lambda: Target("expressions", expression_inputs(), check_expression),
}
