"""The ``{name}`` placeholders of rule texts: each names a parameter with a single value.

A condition, cap, minimum, reminder or call text may show a parameter's value in force on the
application date by naming it in braces (:mod:`engine.text.placeholders`).
:func:`check_text_placeholders` checks every such text of the rule set: an unknown name (with a
"did you mean"), a lone brace, and a parameter whose value is a table, which a sentence cannot
show. Each problem is positioned at its brace inside the text's scalar. The builder counts the
parameters a text names as used (:func:`placeholder_names`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...diagnostics import ERROR, Diagnostic, YamlPath, diagnostic_at, phrase
from ...model import Parameter
from ...text.placeholders import placeholders
from ...text.suggestions import closest
from ..yaml_loader import Document
from .context import RuleSetParts

_TEXT_OWNERS = ("conditions", "caps", "minimum", "reminders", "condition")
_TEXT_KEYS = ("text", "failed")  # what a check requires, and what the client reads when it fails
_NOT_BELOW = frozenset((*_TEXT_KEYS, "versions"))


def rule_texts(node: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    """Every Dutch and English text (``text``, ``failed``) of a condition, cap, minimum, reminder or call check
    under ``node`` (not under ``versions``: each version's texts are checked with the version)."""
    if isinstance(node, dict):
        owner = path[-2] if len(path) >= 2 and isinstance(path[-1], int) else path[-1] if path else None
        for key in _TEXT_KEYS:
            text = node.get(key)
            if isinstance(text, dict) and owner in _TEXT_OWNERS:
                for lang in ("nl", "en"):
                    if isinstance(text.get(lang), str):
                        yield (*path, key, lang), text[lang]
        for key, value in node.items():
            if (value.__class__ is dict or value.__class__ is list) and key not in _NOT_BELOW:
                yield from rule_texts(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if item.__class__ is dict or item.__class__ is list:  # a text or number holds no text to check
                yield from rule_texts(item, (*path, i))


def placeholder_names(base: YamlPath, node: Any, known: dict[str, Parameter]) -> set[str]:
    """The ``known`` parameters the rule texts under ``node`` (at ``base``) name: they count as used."""
    return {name for _, text in rule_texts(node, base) for name, _ in placeholders(text)[0] if name in known}


def check_text_placeholders(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """The placeholders of the shared conditions' texts against the shared parameters, and those of each
    measure's texts (and of each of its versions' texts) against its own and the shared parameters."""
    for doc in parts.fact_docs:
        yield from text_problems(doc, (), {"conditions": doc.data.get("conditions", [])}, parts.parameters)
    for measure in parts.measures:
        data = measure.doc.data
        known = {**parts.parameters, **measure.parameters}
        yield from text_problems(measure.doc, (), {k: v for k, v in data.items() if k != "versions"}, known)
        for j, version in enumerate(data.get("versions", [])):
            yield from text_problems(measure.doc, ("versions", j), version, known)


def text_problems(doc: Document, base: YamlPath, node: Any, known: dict[str, Parameter]) -> Iterator[Diagnostic]:
    """The problems of the placeholders of every rule text under ``node`` (at ``base`` in ``doc``), against
    the ``known`` parameters."""
    for path, text in rule_texts(node, base):
        names, stray = placeholders(text)
        for offset in stray:
            line, column = doc.locate_in_scalar(path, *_line_and_column(text, offset))
            yield diagnostic_at(
                doc.name, line, column, ERROR, "text-brace", phrase("checks.text-brace", brace=text[offset]),
                phrase("checks.text-brace-hint"),
            )  # fmt: skip
        for name, offset in names:
            line, column = doc.locate_in_scalar(path, *_line_and_column(text, offset))
            parameter = known.get(name)
            if parameter is None:
                close = closest(name, known)
                yield diagnostic_at(
                    doc.name, line, column, ERROR, "unknown-placeholder",
                    phrase("checks.unknown-placeholder", name=name),
                    phrase("checks.did-you-mean-placeholder", name=close) if close is not None
                    else phrase("checks.unknown-placeholder-hint"),
                )  # fmt: skip
                continue
            if any(isinstance(entry.value, dict) for entry in parameter.timeline):
                yield diagnostic_at(
                    doc.name, line, column, ERROR, "placeholder-table",
                    phrase("checks.placeholder-table", name=name),
                    phrase("checks.placeholder-table-hint"),
                )  # fmt: skip


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
