"""Diagnostics and exceptions: the one way problems in user files are reported.

A problem in a rule file, a case file or a profile is a :class:`Diagnostic`
(a value, collected and reported together); a bug or a misuse of the library is
an exception from the :class:`EngineError` hierarchy. A diagnostic carries, besides its
text, the data a caller may need to act on it (the YAML ``path`` of the value it is about and
the ``key`` it names), so no caller reads a value back out of a message.
"""

from __future__ import annotations

from collections.abc import Iterable

from .records import field, record
from .text.escaping import terminal

YamlPath = tuple[str | int, ...]
"""Where a value stands in a loaded YAML document: the keys and list indexes from its root."""

ERROR = "error"
WARNING = "warning"


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

    def __str__(self) -> str:
        text = terminal(f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]")
        if self.hint:
            text += "\n" + terminal(f"  hint: {self.hint}")
        return text

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
