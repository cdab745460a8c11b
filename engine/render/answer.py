"""The adviser's answer: an evaluation as a client reads it, the same in every front door.

:func:`build_answer` turns a :class:`~engine.evaluate.results.ProfileResult` and the profile it
came from into an :class:`Answer`: the company's name, the date, the total to expect (or its
range while questions are open), one line per (project, measure) with its amount and status in
words, why a measure is not possible and what would help (the rule's ``failed`` sentence and the
tips), one list of open questions (the profile schema's own questions), the reminders and the de
minimis position, and the details (the conditions met that concern the project, the calculation,
the source) to fold away. Nothing in it is an expression, an internal id or an English enum value:
those stay in ``explain`` and the JSON. :mod:`engine.render.answer_formats` writes it as text,
Markdown and HTML.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..ask.profile_fields import fields, generic
from ..evaluate.results import ConditionResult, MeasureResult, ProfileResult
from ..language.concerns import given_in, given_reads, holds_by_kind
from ..model import Condition
from ..records import field, record
from ..text.formatting import money
from ..text.messages import known, say
from ..text.placeholders import written

_SIZES = {
    "micro": "answer.size-micro",
    "small": "answer.size-small",
    "medium": "answer.size-medium",
    "large": "answer.size-large",
}
_STATUSES = {
    "eligible": "answer.status-eligible",
    "not_eligible": "answer.status-not_eligible",
    "undetermined": "answer.status-undetermined",
    "info": "answer.status-info",
}


@record
class Question:
    """An open question: the profile path it fills (for a link to its field) and the question in words."""

    path: str
    text: str


@record(frozen=False)
class Line:
    """One measure for one project, in the client's words."""

    measure: str  # the measure id: for the page's data attributes only, never shown
    title: str
    status: str  # the status value: for the page's classes only, never shown
    status_words: str
    amount: str  # 'EUR 4.500,00', a range, or '' (nothing to expect)
    counted: bool  # the recommended measure, counted in the total
    why_not: list[str] = field(default_factory=list)
    helps: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    calculation: list[str] = field(default_factory=list)
    source: str = ""


@record
class ProjectAnswer:
    """A project: its name, kind and application date in words, and its lines."""

    id: str
    heading: str  # 'cyber-audit (advies, aanvraag 1 maart 2026)'
    lines: list[Line]
    others: list[Line]  # measures that only point to other programmes


@record
class Answer:
    """The whole answer for one profile, every text in the answer's language."""

    lang: str
    title: str
    date: str
    total: str
    estimate: str
    company: str
    projects: list[ProjectAnswer]
    questions: list[Question]
    reminders: list[str]
    de_minimis: str


def build_answer(outcome: ProfileResult, profile: dict[str, Any], lang: str) -> Answer:
    """The answer for ``outcome``, the evaluation of the (completed) ``profile``, in ``lang``."""
    company = profile.get("company") or {}
    name = str(company.get("name") or "").strip() or say("answer.unnamed", lang)
    by_index: dict[int, list[MeasureResult]] = {}
    for result in outcome.results:
        by_index.setdefault(result.project_index, []).append(result)
    projects, questions, reminders = [], _Questions(lang), _Reminders()
    concerns: dict[tuple[int, str | None, str], dict[str, list[tuple[str, ...]]]] = {}
    kinds_and_days: dict[tuple[Any, Any], tuple[str, str]] = {}
    for index, project in enumerate(profile.get("projects") or []):
        results = by_index.get(index, [])
        day = results[0].application_date if results else project.get("application_date") or outcome.dates["as_of"]
        words = kinds_and_days.get((project["kind"], day))
        if words is None:  # projects of one kind on one day: worked out once
            kind = project["kind"]
            words = kinds_and_days[kind, day] = (
                say(f"kinds.{kind}", lang) if known(f"kinds.{kind}") else kind,
                written(day, None, lang),
            )
        heading = say("answer.project", lang, project=project["id"], kind=words[0], date=words[1])
        if "application_date" not in project:
            heading += " " + say("answer.date-assumed", lang)
        counted = sum(1 for r in results if r.status == "eligible") > 1
        lines: list[Line] = []
        others: list[Line] = []
        for result in results:
            line = _line(result, project, company, lang, counted, concerns)
            (others if result.status == "info" else lines).append(line)
            questions.add(result, project["id"])
            if result.status != "info":
                reminders.add(result, project["id"])
        projects.append(ProjectAnswer(project["id"], heading, lines, others))
    return Answer(
        lang,
        say("answer.title", lang, company=name),
        _dates(outcome, lang),
        _total(outcome, lang),
        say("answer.estimate", lang),
        _company(outcome, lang),
        projects,
        questions.found,
        reminders.texts(lang),
        _de_minimis(outcome, lang),
    )


def _dates(outcome: ProfileResult, lang: str) -> str:
    """The application date, or the first and last of several: the dates whose rules the answer applies."""
    days = outcome.dates["application_dates"] or [outcome.dates["as_of"]]
    if days[0] == days[-1]:
        return say("answer.date", lang, date=written(days[0], None, lang))
    return say("answer.dates", lang, first=written(days[0], None, lang), last=written(days[-1], None, lang))


def _total(outcome: ProfileResult, lang: str) -> str:
    """The total to expect: the recommended amounts, and while results are open the range they allow."""
    open_results = [r for r in outcome.results if r.status == "undetermined"]
    if not open_results:
        return say("answer.total", lang, amount=money(outcome.total, lang))
    low, high = outcome.total, outcome.total
    best: dict[int, tuple[Decimal, Decimal | None]] = {}
    for r in open_results:  # per project, the best an open measure may give
        r_low, r_high = r.amount_range or (Decimal("0.00"), None)
        old_low, old_high = best.get(r.project_index, (Decimal("0.00"), Decimal("0.00")))
        best_high = None if r_high is None or old_high is None else max(r_high, old_high)
        best[r.project_index] = (max(r_low, old_low), best_high)
    counted = {r.project_index: r.amount or Decimal(0) for r in outcome.results if r.recommended}
    top: Decimal | None = high
    for index, (r_low, r_high) in best.items():
        now = counted.get(index, Decimal(0))
        low += max(r_low - now, Decimal(0))
        top = None if top is None or r_high is None else top + max(r_high - now, Decimal(0))
    words = say("answer.no-bound", lang) if top is None else money(top, lang)
    return say("answer.total-range", lang, low=money(low, lang), high=words)


def _company(outcome: ProfileResult, lang: str) -> str:
    size = say(_SIZES.get(outcome.size or "", "answer.size-unknown"), lang)
    nis2 = outcome.nis2
    labels = fields().get("company.nis2", {}).get("x-enum-labels", {})
    nis2_words = labels[nis2][lang] if nis2 in labels else say("answer.nis2-unknown", lang)
    return say("answer.company", lang, size=size, nis2=nis2_words)


def _de_minimis(outcome: ProfileResult, lang: str) -> str:
    d = outcome.de_minimis
    if d is None:
        return ""
    return say(
        "answer.de-minimis",
        lang,
        ceiling=money(d["ceiling"], lang),
        used=money(d["used"], lang),
        now=money(d["granted_now"], lang),
        remaining=money(d["remaining"], lang),
    )


def _line(
    result: MeasureResult,
    project: dict[str, Any],
    profile_company: dict[str, Any],
    lang: str,
    counted: bool,
    concerns: dict[tuple[int, str | None, str], dict[str, list[tuple[str, ...]]]],
) -> Line:
    status = result.status
    amount = ""
    if status == "eligible" and result.amount is not None:
        amount = money(result.amount, lang)
    elif status == "undetermined":
        low, high = result.amount_range or (Decimal("0.00"), None)
        top = money(high, lang) if high is not None else say("answer.no-bound", lang)
        amount = say("answer.range", lang, low=money(low, lang), high=top)
    line = Line(
        result.measure.id,
        result.title,
        status,
        say(_STATUSES[status], lang),
        amount,
        counted and result.recommended,
        source=result.source,
    )
    line.why_not = [_not_possible(c, lang) for c in result.conditions if c.holds is False]
    line.helps = [
        say("answer.tip", lang, date=written(t.date, None, lang), amount=money(t.amount, lang)) for t in result.tips
    ]
    kind = str(project.get("kind"))
    key = (id(result.measure), result.version, kind)
    concerned = concerns.get(key)
    if concerned is None:
        concerned = concerns[key] = _concerned(result, kind)
    for check in result.conditions:
        if check.holds is True:
            paths = concerned.get(check.id)
            if paths is not None and all(given_in(project, profile_company, path) for path in paths):
                line.met.append(check.text)
    if status == "eligible":
        line.calculation = _calculation(result, lang)
    return line


def _not_possible(check: ConditionResult, lang: str) -> str:
    reason = check.failed or say("answer.condition-not-met", lang, text=check.text)
    if len(reason) > 1 and not reason[1].isupper():
        reason = reason[0].lower() + reason[1:]
    return say("answer.not-possible", lang, reason=reason)


def _concerned(result: MeasureResult, kind: str) -> dict[str, list[tuple[str, ...]]]:
    """The conditions of the rules in force for ``result`` that concern a project of ``kind`` (that do not hold by
    its kind alone), by id, each with the fields it asks ``given(...)`` of: those of every result of the same
    measure, version and kind (:func:`build_answer` keeps them per profile)."""
    return {
        name: given_reads(rule.expression)
        for name, rule in _rule_conditions(result).items()
        if not holds_by_kind(rule.expression, kind)
    }


def _rule_conditions(result: MeasureResult) -> dict[str, Condition]:
    """The conditions of the rules in force for ``result`` by id (the engine's own checks are not among them)."""
    measure = result.measure
    version = next((v for v in measure.versions if v.id == result.version), None)
    conditions = version.conditions if version and version.conditions is not None else measure.conditions
    return {c.id: c for c in conditions}


def _calculation(result: MeasureResult, lang: str) -> list[str]:
    """The explanation's arithmetic, without the lines that name a check or a version: a binding cap is said
    in words."""
    checks = {f"'{c.id}'" for c in result.conditions}
    version_line, binds = _pattern("results.rules-in-force", lang), _pattern("results.cap-binds", lang)
    lines = []
    for text in result.explanation:
        if version_line.fullmatch(text):
            continue
        if any(quoted in text for quoted in checks):
            if binds.fullmatch(text) and result.amount is not None:
                lines.append(say("answer.capped", lang, amount=money(result.amount, lang)))
            continue
        lines.append(text)
    return lines


def _pattern(phrase: str, lang: str) -> re.Pattern[str]:
    """A pattern that matches the lines a catalogue phrase writes, whatever its placeholders were filled with."""
    return re.compile(".*".join(re.escape(piece) for piece in re.split(r"\{\w+\}", say(phrase, lang))))


class _Questions:
    """The open questions of a profile, each once, in the order the results name them."""

    def __init__(self, lang: str):
        self.lang = lang
        self.found: list[Question] = []
        self._seen: set[str] = set()

    def add(self, result: MeasureResult, project: str) -> None:
        for path in result.missing:
            if path in self._seen:
                continue
            self._seen.add(path)
            node = fields().get(generic(path), {})
            text = (node.get("x-question") or {}).get(self.lang) or node.get("description") or path
            if path.startswith("projects["):
                text = say("answer.about-project", self.lang, project=project, question=text)
            self.found.append(Question(path, text))


class _Reminders:
    """The reminders, each text once, with the projects it is about (each once, in the order first named)."""

    def __init__(self) -> None:
        self.projects: dict[str, dict[str, None]] = {}  # a dict as an ordered set: linear in projects

    def add(self, result: MeasureResult, project: str) -> None:
        for _, text in result.reminders:
            self.projects.setdefault(text, {})[project] = None

    def texts(self, lang: str) -> list[str]:
        return [say("answer.reminder", lang, text=text, projects=", ".join(p)) for text, p in self.projects.items()]
