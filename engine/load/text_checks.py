"""The ``{name}`` placeholders of rule texts: each names a parameter with a single value.

A condition, cap, minimum, reminder or call text may show a parameter's value in force on the
application date by naming it in braces (:mod:`engine.text.placeholders`). The rule loader
checks every such text here: an unknown name (with a "did you mean"), a lone brace, and a
parameter whose value is a table, which a sentence cannot show. Each problem is positioned
at its brace inside the text's scalar.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import ERROR, Diagnostic
from ..model import Parameter
from ..text.placeholders import placeholders
from ..text.suggestions import did_you_mean
from .yaml_loader import Document, YamlPath

_TEXT_OWNERS = ("conditions", "caps", "minimum", "reminders", "condition")


def rule_texts(node: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    """Every Dutch and English text of a condition, cap, minimum, reminder or call check under ``node``
    (not under ``versions``: each version's texts are checked with the version)."""
    if isinstance(node, dict):
        text = node.get("text")
        owner = path[-2] if len(path) >= 2 and isinstance(path[-1], int) else path[-1] if path else None
        if isinstance(text, dict) and owner in _TEXT_OWNERS:
            for lang in ("nl", "en"):
                if isinstance(text.get(lang), str):
                    yield (*path, "text", lang), text[lang]
        for key, value in node.items():
            if key not in ("text", "versions"):
                yield from rule_texts(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from rule_texts(item, (*path, i))


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_text_parameters(
    diagnostics: list[Diagnostic], doc: Document, base: YamlPath, node: Any, known: dict[str, Parameter]
) -> set[str]:
    """Check the placeholders of every rule text under ``node`` (at ``base`` in ``doc``) against the
    ``known`` parameters; returns the names the texts use, which count as used."""
    used: set[str] = set()
    for path, text in rule_texts(node, base):
        names, stray = placeholders(text)
        for offset in stray:
            line, column = doc.locate_in_scalar(path, *_line_and_column(text, offset))
            diagnostics.append(
                Diagnostic(
                    doc.name, line, column, ERROR, "text-brace", f"a lone '{text[offset]}' in a text",
                    "write {name} to show a parameter's value, or {{ and }} for a brace",
                )
            )  # fmt: skip
        for name, offset in names:
            line, column = doc.locate_in_scalar(path, *_line_and_column(text, offset))
            parameter = known.get(name)
            if parameter is None:
                diagnostics.append(
                    Diagnostic(
                        doc.name, line, column, ERROR, "unknown-placeholder",
                        f"the text names '{{{name}}}', which is not a parameter",
                        did_you_mean(name, known, "name a parameter of this file or a shared one", braces=True),
                    )
                )  # fmt: skip
                continue
            used.add(name)
            if any(isinstance(entry.value, dict) for entry in parameter.timeline):
                diagnostics.append(
                    Diagnostic(
                        doc.name, line, column, ERROR, "placeholder-table",
                        f"the text names '{{{name}}}', whose value is a table, which a text cannot show",
                        "name a parameter with a single value",
                    )
                )  # fmt: skip
    return used
