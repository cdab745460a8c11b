"""The text catalogue: every phrase in both languages with the same placeholders, every id the code names exists,
no phrase goes unused, and a namespace is loaded only when one of its phrases is asked for."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import engine.text.phrases as package
from engine.text.messages import known, say
from engine.text.phrases import NAMESPACES, phrases

ENGINE = Path(package.__file__).resolve().parents[2]
PHRASES_DIR = Path(package.__file__).resolve().parent
ID = re.compile(r"^(" + "|".join(NAMESPACES) + r")\.[a-z0-9_-]+$")
PREFIX = re.compile(r"^(" + "|".join(NAMESPACES) + r")\.[a-z0-9_-]*$")

CATALOGUE = {f"{ns}.{key}": entry for ns in NAMESPACES for key, entry in phrases(ns).items()}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(ENGINE.rglob("*.py"))
        if PHRASES_DIR not in path.parents
    ]


def _names_a_phrase(function: ast.expr) -> bool:
    """A call of `say` or `known`, or of a method `say` (the evaluator's explanation collector)."""
    if isinstance(function, ast.Name):
        return function.id in ("say", "known")
    return isinstance(function, ast.Attribute) and function.attr == "say"


def _uses() -> tuple[set[str], set[str], set[str]]:
    """Full ids named as literals, family prefixes named as f-string starts, and the literal ids given to `say`
    and `known`."""
    ids: set[str] = set()
    prefixes: set[str] = set()
    named: set[str] = set()
    for _path, tree in _sources():
        # the literal pieces of an f-string are read as its prefix, not as ids of their own
        skipped = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if ID.match(node.value):
                    ids.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and PREFIX.match(first.value):
                    prefixes.add(first.value)
            elif isinstance(node, ast.Call) and _names_a_phrase(node.func):
                argument = node.args[0] if node.args else None
                branches = [argument.body, argument.orelse] if isinstance(argument, ast.IfExp) else [argument]
                for branch in branches:
                    if isinstance(branch, ast.Constant) and isinstance(branch.value, str):
                        named.add(branch.value)
    return ids, prefixes, named


def test_the_namespaces_are_the_modules_of_the_package() -> None:
    modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    assert modules == set(NAMESPACES)
    assert len(NAMESPACES) == len(set(NAMESPACES))


@pytest.mark.parametrize("phrase_id", sorted(CATALOGUE))
def test_every_phrase_has_both_languages(phrase_id: str) -> None:
    entry = CATALOGUE[phrase_id]
    assert set(entry) == {"en", "nl"}
    assert all(isinstance(text, str) and text.strip() == text and text for text in entry.values())


def test_the_two_languages_have_the_same_placeholders() -> None:
    differences: dict[str, set[str]] = {}
    for phrase_id, entry in CATALOGUE.items():
        difference = _fields(entry["en"]) ^ _fields(entry["nl"])
        if difference:
            differences[phrase_id] = difference
    declared = {
        f"{ns}.{key}": names
        for ns in NAMESPACES
        for key, names in getattr(
            importlib.import_module(f"engine.text.phrases.{ns}"), "ONE_LANGUAGE_PLACEHOLDERS", {}
        ).items()
    }
    # Two texts of today's questionnaire, kept byte for byte (see engine/text/phrases/ask.py); no other phrase differs.
    assert differences == declared == {"ask.no-such-day": {"reason"}, "ask.too-long": {"limit"}}


def test_every_phrase_id_the_code_names_exists() -> None:
    ids, prefixes, named = _uses()
    assert sorted(ids - set(CATALOGUE)) == []
    assert sorted(named - set(CATALOGUE)) == []
    assert sorted(p for p in prefixes if not any(i.startswith(p) for i in CATALOGUE)) == []
    assert prefixes == {"status.", "kinds.", "units.", "dates.month-"}


def test_no_phrase_is_unused() -> None:
    ids, prefixes, _ = _uses()
    unused = [i for i in CATALOGUE if i not in ids and not any(i.startswith(p) for p in prefixes)]
    assert unused == []


def test_say_fills_in_a_phrase_in_either_language() -> None:
    values = {"id": "cap", "limit": "EUR 5.000,00", "amount": "EUR 4.000,00"}
    assert (
        say("results.cap-free", "nl", **values) == "Plafond 'cap': hoogstens EUR 5.000,00; EUR 4.000,00 blijft eronder"
    )
    assert say("results.cap-free", "en", **values) == "Cap 'cap': at most EUR 5.000,00; EUR 4.000,00 stays within it"
    assert say("status.not_eligible", "nl") == "niet in aanmerking"
    assert say("dates.month-3", "nl") == "maart"
    assert say("docs.part", "en") == "{rate} percent of {base}"  # without values: the text as written


def test_an_unknown_id_is_an_error_and_known_says_so() -> None:
    assert known("kinds.advice") is True
    assert known("kinds.holiday") is False
    assert known("nowhere.advice") is False
    assert known("advice") is False
    with pytest.raises(KeyError, match=r"no phrase 'kinds\.holiday'"):
        say("kinds.holiday", "en")
    with pytest.raises(KeyError, match="no phrase namespace 'nowhere'"):
        say("nowhere.advice", "en")
    with pytest.raises(KeyError, match="'advice' is not a full phrase id"):
        say("advice", "en")


def test_a_namespace_is_loaded_only_when_one_of_its_phrases_is_asked_for() -> None:
    script = (
        "import sys\n"
        "from engine.text.messages import say\n"
        "loaded = lambda: sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('engine.text.phrases.'))\n"
        "print(loaded())\n"
        "say('status.info', 'en')\n"
        "print(loaded())\n"
        "say('results.rounded', 'en', amount='x')\n"
        "print(loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ENGINE.parent, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[]", "['status']", "['results', 'status']"]


def test_every_phrase_of_a_diagnostic_is_given_exactly_its_placeholders() -> None:
    """A diagnostic's words are said when it is reported, so a missing value would fail there: every
    ``phrase("id", name=...)`` (each branch of ``phrase(a if c else b, ...)``) names exactly the phrase's
    placeholders; an id looked up in a table (``phrase(_KIND_WORDS[kind])``) is given none."""
    wrong = []
    calls = 0
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "phrase"):
                continue
            argument = node.args[0]
            branches = [argument.body, argument.orelse] if isinstance(argument, ast.IfExp) else [argument]
            given = {keyword.arg for keyword in node.keywords}
            for branch in branches:
                if not isinstance(branch, ast.Constant):  # an id looked up in a table of ids: a word without values
                    assert given == set(), f"{path}:{node.lineno}: values for a phrase whose id is not written out"
                    continue
                calls += 1
                if _fields(CATALOGUE[branch.value]["en"]) != given:
                    wrong.append(f"{path.name}:{node.lineno}: {branch.value}")
    assert calls > 150
    assert wrong == []


# --------------------------------------------------------------------------- each language in its own words

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\{[a-z_]*\}")
# names the texts of both languages keep: a function call, words joined by '/' (and/or/not), the keys of a YAML
# example (en:), the language codes (nl or en), and the legal term de minimis
_NAMES = re.compile(r"[a-z_]+\(|[a-z]+(?:/[a-z]+)+|\b(?:nl|en):|\bnl (?:or|of) en\b|\bde minimis\b", re.IGNORECASE)
_ENGLISH_WORDS = {
    "the", "and", "with", "which", "when", "only", "from", "are", "not", "this", "that", "must", "cannot", "found",
    "expected", "write", "file", "files", "folder", "value", "values", "should", "would", "there", "their", "has",
    "have", "been", "rows", "row", "column", "columns", "error", "warning", "hint", "allowed", "number", "numbers",
    "text", "date", "dates", "list", "measure", "condition", "request", "than", "more", "less",
}  # fmt: skip
_DUTCH_WORDS = {
    "de", "het", "een", "en", "van", "met", "niet", "voor", "wordt", "zijn", "geen", "moet", "bestand", "waarde",
    "regel", "rij", "kolom", "fout", "tip", "toegelaten", "getal", "tekst", "datum", "lijst", "maatregel", "bij",
    "voorwaarde", "verzoek", "als", "dan", "meer", "minder", "naar", "zoals", "ook", "nog", "deze", "dit",
}  # fmt: skip


def _prose(text: str) -> set[str]:
    """The words of a phrase, leaving out quoted names and examples, placeholders and identifiers (snake_case, with
    dots or hyphens): what a reader reads as the language of the sentence."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+(?:[-_.][A-Za-z0-9]+)*", _NAMES.sub(" ", _QUOTED.sub(" ", text)))
    return {w.lower() for w in words if not re.search(r"[-_.]", w)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_phrase_speaks_the_other_language(lang: str) -> None:
    """A Dutch phrase holds no English word and an English phrase no Dutch one (quoted names, examples and
    placeholders left out): every message, hint and label is said in the language asked, and only in it."""
    other = _ENGLISH_WORDS if lang == "nl" else _DUTCH_WORDS
    mixed = {
        phrase_id: sorted(_prose(entry[lang]) & other)
        for phrase_id, entry in CATALOGUE.items()
        if _prose(entry[lang]) & other
    }
    assert mixed == {}


_SAME_IN_BOTH = {"in", "await", "yield"}
"""Words a phrase may say alike in both languages: Dutch has "in" too; await and yield are Python's words."""


def test_every_diagnostic_phrase_is_complete_in_both_languages() -> None:
    """The namespaces that diagnostics and refusals are said from: each of their phrases has a Dutch text that is
    not the English one (a phrase may be the same in both only when it has no words of its own: a name, a
    placeholder, punctuation)."""
    namespaces = ("diagnostics", "schema", "expressions", "checks", "testing", "impact", "serve", "batch")
    same = [
        f"{ns}.{key}"
        for ns in namespaces
        for key, entry in phrases(ns).items()
        if entry["nl"] == entry["en"] and _prose(entry["en"]) - _SAME_IN_BOTH
    ]
    assert len([1 for ns in namespaces for _ in phrases(ns)]) > 400
    assert same == []


def test_no_placeholder_is_named_like_an_argument_of_say() -> None:
    """``say(phrase_id, lang, **values)``: a placeholder named ``lang`` or ``phrase_id`` could not be filled in."""
    clashing = [i for i, entry in CATALOGUE.items() if _fields(entry["en"]) & {"lang", "phrase_id"}]
    assert clashing == []


_MADE_WITH_WORDS = {
    "diagnostic_at", "diagnostic", "report", "problem", "at", "Problem", "HttpError", "BaseError", "SizeLimit",
    "_CellError", "expect", "in_where",
}  # fmt: skip


def test_every_diagnostic_and_refusal_is_made_of_phrases() -> None:
    """No diagnostic, expression problem, refusal of ``serve`` or error of ``diff`` is made from English text: the
    calls that make them are given phrases, never a literal sentence or an f-string, and only
    :mod:`engine.diagnostics` builds a :class:`~engine.diagnostics.Diagnostic` itself (mypy checks the types of
    :func:`~engine.diagnostics.diagnostic_at`; this checks the calls mypy lets through, such as ``str``)."""
    english = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "Diagnostic" and path.name != "diagnostics.py":
                english.append(f"{path.relative_to(ENGINE)}:{node.lineno}: Diagnostic(...)")
            if name not in _MADE_WITH_WORDS:
                continue
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                sentence = isinstance(argument, ast.JoinedStr) or (
                    isinstance(argument, ast.Constant) and isinstance(argument.value, str) and " " in argument.value
                )
                if sentence:
                    english.append(f"{path.relative_to(ENGINE)}:{node.lineno}: {ast.unparse(argument)[:60]}")
    assert english == []
