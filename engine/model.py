"""Typed, frozen objects for a loaded rule set.

The loader and schema check raw YAML; :mod:`engine.load.builder` turns validated data
into these objects, and later stages (evaluation, reports, tests) see nothing else.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Callable
from typing import Any

from .language.expression import Expression
from .records import field, record


@record
class Text:
    """A text in Dutch and English."""

    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    @classmethod
    def of(cls, data: dict[str, str] | None) -> Text | None:
        return cls(data["nl"], data["en"]) if data else None


def in_lang(text: str | Text, lang: str) -> str:
    """A text written once (the same in both languages) or in Dutch and English, in ``lang``."""
    return text if isinstance(text, str) else text(lang)


def either_text(data: str | dict[str, str]) -> str | Text:
    """A rule file's text that may be one text or a mapping {nl: ..., en: ...} (a parameter's description, a note)."""
    return data if isinstance(data, str) else Text(data["nl"], data["en"])


@record
class Note:
    """A note for rule editors; ``decision`` names the product decision (D1 to D26, listed in docs/decisions.md).
    Its text is one text, or a Dutch and an English one."""

    text: str | Text
    decision: str | None = None
    assumption: bool = False


@record
class DatedValue:
    """One entry of a timeline: ``value`` holds from ``start`` on."""

    start: _dt.date
    value: Any
    source: str
    origin: str  # 'timeline' or 'version <id>'
    notes: tuple[Note, ...] = ()


@record
class Parameter:
    """A named value with its timeline, sorted by date."""

    name: str
    description: str | Text
    unit: str | None
    timeline: tuple[DatedValue, ...]
    starts: tuple[_dt.date, ...] = field(repr=False, default=())

    def entry_at(self, day: _dt.date) -> DatedValue | None:
        """The entry in force on ``day``, or None before the first one."""
        index = bisect.bisect_right(self.starts, day) - 1
        return self.timeline[index] if index >= 0 else None


@record
class Condition:
    """A compiled condition."""

    id: str
    expression: Expression
    text: Text
    source: str | None = None
    notes: tuple[Note, ...] = ()
    shared: bool = False
    failed: Text | None = None  # what the client reads when it does not hold: what is wrong, what would help

    @property
    def after_amount(self) -> bool:
        """True when the condition reads the computed amount, so it is checked after it."""
        return self.expression.uses_amount


@record
class Reminder:
    """A message shown with a result; never changes the status."""

    id: str
    text: Text
    when: Expression | None = None
    notes: tuple[Note, ...] = ()
    source: str | None = None


@record
class Part:
    """One rate-times-base part of an amount."""

    rate: Expression
    base: Expression
    label: Text | None = None
    description: Text | None = None  # the part in plain words, for the documentation pages


@record
class Limit:
    """A cap or a minimum on the amount."""

    id: str
    amount: Expression
    text: Text
    source: str | None = None
    description: Text | None = None  # the limit in plain words, for the documentation pages
    failed: Text | None = None  # what the client reads when it fails (a cap that leaves nothing, a minimum missed)


@record
class Amount:
    """How a measure computes its amount: parts (rate times base) or a fixed amount, then caps and a minimum."""

    parts: tuple[Part, ...] = ()
    fixed: Expression | None = None
    caps: tuple[Limit, ...] = ()
    minimum: Limit | None = None
    description: Text | None = None  # the amount in plain words, for the documentation pages

    def expressions(self) -> list[Expression]:
        """Every expression of the amount: rates and bases, the fixed amount, caps and the minimum."""
        found = [e for part in self.parts for e in (part.rate, part.base)]
        found += [self.fixed] if self.fixed else []
        return found + [c.amount for c in self.caps] + ([self.minimum.amount] if self.minimum else [])


@record
class CallWindow:
    """A call for applications: open from ``open`` to ``close``, both included."""

    name: str
    open: _dt.date
    close: _dt.date
    source: str


@record
class Calls:
    """The call windows of a measure and the condition that checks them."""

    condition_id: str
    text: Text
    windows: tuple[CallWindow, ...]
    failed: Text | None = None  # what the client reads when no call is open

    def window_at(self, day: _dt.date) -> CallWindow | None:
        return next((w for w in self.windows if w.open <= day <= w.close), None)


@record
class Version:
    """A whole version of a measure, from a date on."""

    id: str
    start: _dt.date
    source: str
    conditions: tuple[Condition, ...] | None
    amount: Amount | None
    notes: tuple[Note, ...] = ()
    until: _dt.date | None = None


@record
class Measure:
    """A compiled measure."""

    id: str
    title: Text
    summary: Text | None
    status: str
    applies_to: frozenset[str]
    applies_when: Expression | None
    valid_from: _dt.date
    valid_until: _dt.date | None
    de_minimis: bool
    sources: tuple[str, ...]
    notes: tuple[Note, ...]
    parameters: dict[str, Parameter]
    versions: tuple[Version, ...]
    calls: Calls | None
    conditions: tuple[Condition, ...]
    reminders: tuple[Reminder, ...]
    amount: Amount | None
    file: str
    unknown_finder: Callable[[], frozenset[str]] | None = field(default=None, compare=False, repr=False)

    @property
    def may_be_unknown(self) -> frozenset[str]:
        """The ids of the conditions that an absent fact can leave unknown (static analysis; for coverage).

        Worked out when first asked: commands that only evaluate never need it."""
        found = self.__dict__.get("_may_be_unknown")
        if found is None:
            found = self.unknown_finder() if self.unknown_finder else frozenset()
            object.__setattr__(self, "_may_be_unknown", found)
        return found

    def expressions(self) -> list[Expression]:
        """Every expression of the measure, its versions included: conditions, applies_when, reminders, amounts."""
        found = [c.expression for c in self.conditions] + [
            c.expression for v in self.versions for c in v.conditions or ()
        ]
        found += [r.when for r in self.reminders if r.when] + ([self.applies_when] if self.applies_when else [])
        for amount in [self.amount] + [v.amount for v in self.versions]:
            found += amount.expressions() if amount else []
        return found

    def version_at(self, day: _dt.date) -> Version | None:
        """The version in force on ``day``, or None (the measure's own conditions and amount apply)."""
        current = None
        for version in self.versions:
            if version.start <= day:
                current = version
        return current

    def in_force(self, day: _dt.date) -> bool:
        """True when the measure exists on ``day``: within its validity and not after its version's 'until'."""
        if day < self.valid_from or (self.valid_until is not None and day > self.valid_until):
            return False
        version = self.version_at(day)
        return version is None or version.until is None or day <= version.until


@record
class Fact:
    """A derived fact shared by the rule set."""

    name: str
    description: str | Text  # one text, or a Dutch and an English one
    expression: Expression
    source: str | None
    file: str
    values: dict[str, Text] = field(default_factory=dict)  # the values it takes, named in Dutch and English


@record
class FactsFile:
    """A facts file as the rules write it: its id, title, sources, notes and what it defines."""

    id: str
    title: Text
    sources: tuple[str, ...]
    notes: tuple[Note, ...]
    parameters: tuple[str, ...]
    facts: tuple[str, ...]
    conditions: tuple[str, ...]
    file: str


@record
class RuleSet:
    """A loaded, checked rule set."""

    measures: dict[str, Measure]
    facts: dict[str, Fact]
    parameters: dict[str, Parameter]
    shared_conditions: dict[str, Condition]
    digest: str
    root: str
    facts_files: tuple[FactsFile, ...] = ()
