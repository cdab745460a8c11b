"""Diagnostics and exceptions: the one way problems in user files are reported.

A problem in a rule file, a case file or a profile is a :class:`Diagnostic`
(a value, collected and reported together); a bug or a misuse of the library is
an exception from the :class:`EngineError` hierarchy. A diagnostic carries, besides its
text, the data a caller may need to act on it (the YAML ``path`` of the value it is about and
the ``key`` it names), so no caller reads a value back out of a message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .records import field, record
from .text.escaping import terminal
from .text.messages import say

YamlPath = tuple[str | int, ...]
"""Where a value stands in a loaded YAML document: the keys and list indexes from its root."""

ERROR = "error"
WARNING = "warning"

_LABELS = {ERROR: "diagnostics.error", WARNING: "diagnostics.warning"}


@record
class Phrase:
    """Words in either language: a phrase of the text catalogue and the values of its placeholders (a value may be
    a phrase itself, as the "condition 'small'" in "unknown name 'x' in condition 'small'"). ``str()`` gives the
    English text, so a phrase can stand wherever English text stood."""

    id: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        filled = {
            name: value.text(lang) if isinstance(value, (Phrase, Either)) else value for name, value in self.values
        }
        return say(self.id, lang, **filled) if filled else say(self.id, lang).format()

    def __str__(self) -> str:
        return self.text("en")


@record
class Either:
    """A placeholder value given in each language, for text that is not in the catalogue: the English
    description of a schema key, which a Dutch hint leaves out."""

    en: str
    nl: str

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def grouped(count: int) -> Either:
    """A whole number with its thousands grouped as each language writes them: 2,000 (en), 2.000 (nl)."""
    return Either(f"{count:,}", f"{count:,}".replace(",", "."))


def phrase(phrase_id: str, **values: Any) -> Phrase:
    """The phrase ``phrase_id`` of the catalogue with these placeholder values (filled in when it is said)."""
    return Phrase(phrase_id, tuple(values.items()))


def did_you_mean(word: str | None) -> Phrase | None:
    """The hint "did you mean '<word>'?" for the closest option a suggestion found; None when it found none."""
    return None if word is None else phrase("diagnostics.did-you-mean", word=word)


Words = str | Phrase
"""A value for a phrase's placeholder: text that is the same in both languages (a name, a number), or a phrase."""


@record(order=True)
class Diagnostic:
    """One problem found in one file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)
    path: YamlPath | None = field(default=None, compare=False)
    """The YAML path of the value (or key) the diagnostic is about, when it is about one."""
    key: str | None = field(default=None, compare=False)
    """The key the diagnostic names, such as the missing key of ``missing-key``."""
    words: tuple[Phrase, Phrase | None] | None = field(default=None, repr=False, compare=False)
    """The message and hint as phrases, to say them in Dutch or English (None only for a diagnostic made by hand,
    outside :func:`diagnostic_at`)."""

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """``file:line:col: severity: message [code]`` and the hint below it, in ``lang`` (the code stays)."""
        said = self.said(lang)
        severity = say(_LABELS[self.severity], lang) if self.severity in _LABELS else self.severity
        text = terminal(f"{said.file}:{said.line}:{said.column}: {severity}: {said.message} [{said.code}]")
        if said.hint:
            text += "\n" + terminal(f"  {say('diagnostics.hint', lang)}: {said.hint}")
        return text

    def said(self, lang: str) -> Diagnostic:
        """The same diagnostic with its message and hint in ``lang`` (itself when they are English only)."""
        if self.words is None or lang == "en":
            return self
        message, hint = self.words
        return Diagnostic(
            self.file,
            self.line,
            self.column,
            self.severity,
            self.code,
            message.text(lang),
            None if hint is None else hint.text(lang),
            self.path,
            self.key,
            self.words,
        )

    def as_dict(self) -> dict[str, object]:
        """The stable JSON form used by ``--format json`` (``path`` and ``key`` are for callers, not shown)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def diagnostic_at(
    file: str,
    line: int,
    column: int,
    severity: str,
    code: str,
    message: Phrase,
    hint: Phrase | None = None,
    path: YamlPath | None = None,
    key: str | None = None,
) -> Diagnostic:
    """A diagnostic said by the text catalogue: the English text of its message and hint is its ``message`` and
    ``hint``, and :meth:`Diagnostic.said` says them in Dutch. Every diagnostic of the engine is made here."""
    english_hint = None if hint is None else hint.text("en")
    return Diagnostic(file, line, column, severity, code, message.text("en"), english_hint, path, key, (message, hint))


def in_where(message: Phrase, where: Words) -> Phrase:
    """ "<message> in <where>" ("unknown name 'x' in condition 'small'")."""
    return phrase("diagnostics.in-where", message=message, where=where)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic has severity ``error``."""
    return any(d.severity == ERROR for d in diagnostics)


class EngineError(Exception):
    """Base class of the engine's exceptions."""


class InputError(EngineError):
    """User input (rules, profile, cases) could not be used; carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class RuleLoadError(InputError):
    """The rule set has errors."""


class ProfileError(InputError):
    """A profile has errors."""


class EvaluationError(EngineError):
    """An expression failed at evaluation time in a way the load-time checks did not catch."""
