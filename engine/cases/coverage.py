"""Rule coverage: which conditions, versions and dated values the test cases exercise.

A condition is covered when some case saw it true, some case saw it false and,
when an absent fact can make it unknown at all (see :mod:`engine.language.analysis`), some
case saw it unknown. A version or a dated value is covered when some case was
evaluated on a date on which it was in force. The days on which a result changes are items
of their own: a version's first day, and a call window's first and last day, each covered
by a case of the measure applied on exactly that day.
"""

from __future__ import annotations

from ..diagnostics import Phrase, phrase
from ..evaluate.results import ProfileResult
from ..model import Measure, Parameter, RuleSet
from ..records import record
from ..text.escaping import terminal_lines
from ..text.messages import say

_OUTCOMES = {
    True: "testing.coverage-true",
    False: "testing.coverage-false",
    None: "testing.coverage-unknown",
}


@record
class Item:
    """One thing to cover: a condition outcome, a version or a dated value."""

    file: str
    owner: str
    what: Phrase
    covered: bool


@record(frozen=False)
class Coverage:
    """The coverage of a rule set by a set of case outcomes."""

    items: list[Item]

    @property
    def percent(self) -> float:
        if not self.items:
            return 100.0
        return 100.0 * sum(i.covered for i in self.items) / len(self.items)

    def missing(self) -> list[Item]:
        return [i for i in self.items if not i.covered]


def _conditions(measure: Measure) -> dict[str, None]:
    ids: dict[str, None] = {}
    for condition in measure.conditions:
        ids.setdefault(condition.id)
    for version in measure.versions:
        for condition in version.conditions or ():
            ids.setdefault(condition.id)
    return ids


def measure_coverage(rules: RuleSet, outcomes: list[ProfileResult], only: set[str] | None = None) -> Coverage:
    """Work out coverage from the outcomes of evaluated cases.

    Args:
        rules: the rule set.
        outcomes: the evaluations of the cases.
        only: when given, cover only these measures (and not the shared parameters).
    """
    seen: dict[tuple[str, str], set[bool | None]] = {}
    versions: set[tuple[str, str]] = set()
    dates: dict[str, set] = {}
    all_dates = set()
    for outcome in outcomes:
        for result in outcome.results:
            measure_id = result.measure.id
            dates.setdefault(measure_id, set()).add(result.application_date)
            all_dates.add(result.application_date)
            if result.version:
                versions.add((measure_id, result.version))
            for condition in result.conditions:
                seen.setdefault((measure_id, condition.id), set()).add(condition.holds)
    items: list[Item] = []
    for measure in rules.measures.values():
        if measure.status != "rules" or (only is not None and measure.id not in only):
            continue
        for condition_id in _conditions(measure):
            wanted: list[bool | None] = [True, False] + ([None] if condition_id in measure.may_be_unknown else [])
            got = seen.get((measure.id, condition_id), set())
            for holds in wanted:
                said = phrase(_OUTCOMES[holds])
                what = phrase("testing.coverage-condition", id=condition_id, outcome=said)
                items.append(Item(measure.file, measure.id, what, holds in got))
        days = dates.get(measure.id, set())
        for version in measure.versions:
            what = phrase("testing.coverage-version", id=version.id, start=version.start)
            items.append(Item(measure.file, measure.id, what, (measure.id, version.id) in versions))
            what = phrase("testing.coverage-version-day", id=version.id, start=version.start)
            items.append(Item(measure.file, measure.id, what, version.start in days))
        for window in measure.calls.windows if measure.calls else ():
            first = phrase("testing.coverage-call-first", name=window.name, day=window.open)
            last = phrase("testing.coverage-call-last", name=window.name, day=window.close)
            items.append(Item(measure.file, measure.id, first, window.open in days))
            items.append(Item(measure.file, measure.id, last, window.close in days))
        items += _values(measure.file, measure.id, measure.parameters, days)
    for name, parameter in rules.parameters.items() if only is None else ():
        items += _values("shared parameters", "facts", {name: parameter}, all_dates)
    return Coverage(items)


def _values(file: str, owner: str, parameters: dict[str, Parameter], dates: set) -> list[Item]:
    items = []
    for name, parameter in parameters.items():
        used = {id(parameter.entry_at(day)) for day in dates}
        for entry in parameter.timeline:
            if entry.origin != "timeline":
                continue  # a version's values are covered with the version
            what = phrase("testing.coverage-value", name=name, start=entry.start)
            items.append(Item(file, owner, what, id(entry) in used))
    return items


def coverage_text(coverage: Coverage, lang: str = "en") -> str:
    """The report in ``lang``: the percentage, then every item not covered, grouped by measure."""
    covered = sum(i.covered for i in coverage.items)
    percent = f"{coverage.percent:.1f}"
    lines = [say("testing.coverage", lang, percent=percent, covered=covered, total=len(coverage.items))]
    owner = None
    for item in coverage.missing():
        if item.owner != owner:
            owner = item.owner
            lines.append("  " + say("testing.coverage-owner", lang, owner=owner, file=item.file))
        lines.append(f"    {item.what.text(lang)}")
    return terminal_lines(lines)
