"""The pieces the rule documentation is made of: how one source, note, condition, amount or timeline is shown.

:mod:`engine.render.docs` decides which pieces go on which page (a page per measure, the
shared facts, the index) and writes the pages; these functions turn one thing of the
rules into a line or a block of :mod:`engine.render.pages`, in the words of
the text catalogue (:mod:`engine.text.phrases`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Amount, Condition, FactsFile, Measure, Note, Parameter, RuleSet, Text, in_lang
from ..records import field, record
from ..text.messages import known, say
from ..text.placeholders import fill, written
from .docs_words import value_text
from .pages import Block, Code, Heading, Inline, Items, Line, Link, Para, Strong, Table, flat


def day_before(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=1)


def is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def short_url(url: str) -> str:
    """A short label for a web address: host and last path segment."""
    rest = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    host, _, path = rest.partition("/")
    if not path:
        return host
    segments = path.split("/")
    return host + "/" + path if len(segments) == 1 else f"{host}/…/{segments[-1]}"


def source_line(url: str | None) -> Line:
    if not url:
        return ()
    return (Link(short_url(url), url=url),) if is_web(url) else (url,)


def note_line(note: Note, lang: str) -> Line:
    head: list[Inline] = [Strong(note.decision)] if note.decision else []
    if note.assumption:
        head += [" (" if head else "(", Strong(say("docs.assumption", lang)), ")"]
    return (*head, ": " if head else "", in_lang(note.text, lang))


def notes_inline(notes: Iterable[Note], lang: str) -> Line:
    parts: list[Inline] = []
    for i, note in enumerate(notes):
        parts += ([" "] if i else []) + list(note_line(note, lang))
    return tuple(parts)


# -- what the model leaves out ------------------------------------------------------


@record(frozen=False)
class Extras:
    """What the pages show beside the model's objects: notes on dated values and on reminders, and the facts files."""

    value_notes: dict[tuple[str, str, _dt.date], tuple[Note, ...]] = field(default_factory=dict)
    reminder_notes: dict[tuple[str, str], tuple[Note, ...]] = field(default_factory=dict)
    facts_files: list[FactsFile] = field(default_factory=list)


def extras_of(rules: RuleSet) -> Extras:
    """Notes on dated values and reminders, and the facts files, from the model, keyed for the renderers."""
    extras = Extras(facts_files=list(rules.facts_files))
    groups = [("", rules.parameters)] + [(m.id, m.parameters) for m in rules.measures.values()]
    for owner, parameters in groups:
        for name, parameter in parameters.items():
            for entry in parameter.timeline:
                if entry.origin == "timeline" and entry.notes:
                    extras.value_notes[(owner, name, entry.start)] = entry.notes
    for measure in rules.measures.values():
        for reminder in measure.reminders:
            if reminder.notes:
                extras.reminder_notes[(measure.id, reminder.id)] = reminder.notes
    return extras


def file_names(rules: RuleSet) -> dict[str, str]:
    """The Markdown file of each measure: ``<id>.md``, unless that name is taken by index.md or facts.md."""
    return {mid: (f"measure-{mid}.md" if mid in ("index", "facts") else f"{mid}.md") for mid in rules.measures}


def _named(phrase_id: str, value: str, lang: str) -> str:
    """The catalogue's name for a value of a family (``kinds.advice``), or the value itself if it has none."""
    return say(phrase_id, lang) if known(phrase_id) else value


def kinds_text(kinds: Iterable[str], lang: str) -> str:
    return ", ".join(_named(f"kinds.{k}", k, lang) for k in sorted(kinds))


def status_text(measure: Measure, lang: str) -> str:
    return say("docs.status-info" if measure.status == "info" else "docs.status-rules", lang)


def validity_text(measure: Measure, lang: str) -> str:
    if measure.valid_until is None:
        return say("docs.valid-since", lang, start=measure.valid_from.isoformat())
    return say("docs.valid-range", lang, start=measure.valid_from.isoformat(), end=measure.valid_until.isoformat())


TextWriter = Callable[[Text, str], str]
"""Writes a rule text in a language, its ``{parameter}`` placeholders filled in."""


def text_writer(rules: RuleSet, measure: Measure | None = None) -> TextWriter:
    """Writes a rule text with its ``{parameter}`` placeholders filled in by the latest values:
    the pages describe the rules as they stand now (the timelines show every earlier value)."""
    latest: dict[str, tuple[Any, str | None]] = {}
    for group in (rules.parameters, measure.parameters if measure else {}):
        for name, parameter in group.items():
            if parameter.timeline:
                latest[name] = (parameter.timeline[-1].value, parameter.unit)

    def write(text: Text, lang: str) -> str:
        return fill(text(lang), lambda name: written(*latest[name], lang) if name in latest else "{" + name + "}")

    return write


def condition_items(conditions: Iterable[Condition], lang: str, write: TextWriter) -> Items:
    items = []
    for condition in conditions:
        line: list[Inline] = [Code(condition.id), ": ", write(condition.text, lang)]
        if condition.shared:
            line += [" (", Link(say("docs.shared", lang), page="facts.md", anchor="c-" + condition.id), ")"]
        if condition.source:
            line += [" ", say("docs.source", lang), ": ", *source_line(condition.source)]
        if condition.notes:
            line += [" — ", *notes_inline(condition.notes, lang)]
        items.append(tuple(line))
    return Items(tuple(items), numbered=True)


def amount_blocks(amount: Amount, lang: str, write: TextWriter) -> list[Block]:
    blocks: list[Block] = []
    if amount.parts:
        if len(amount.parts) == 1 and amount.parts[0].label is None:
            part = amount.parts[0]
            blocks.append(
                Para((say("docs.rate-of", lang), " ") + part_line(flat(part.rate.source), flat(part.base.source), lang))
            )
        else:
            items = []
            for part in amount.parts:
                label: Line = (Strong(part.label(lang)), ": ") if part.label else ()
                items.append(label + part_line(flat(part.rate.source), flat(part.base.source), lang))
            blocks += [Para((say("docs.parts-sum", lang),)), Items(tuple(items))]
    if amount.fixed is not None:
        blocks.append(Para((say("docs.fixed", lang), " ", Code(flat(amount.fixed.source)))))
    limits: list[Line] = []
    for cap in amount.caps:
        limits.append(
            (
                Strong(say("docs.cap", lang)),
                " ",
                Code(flat(cap.amount.source)),
                " (",
                Code(cap.id),
                "): ",
                write(cap.text, lang),
                *((" ", say("docs.source", lang), ": ", *source_line(cap.source)) if cap.source else ()),
            )
        )
    if amount.minimum is not None:
        low = amount.minimum
        limits.append(
            (
                Strong(say("docs.minimum", lang)),
                " ",
                Code(flat(low.amount.source)),
                " (",
                Code(low.id),
                "): ",
                write(low.text, lang),
                *((" ", say("docs.source", lang), ": ", *source_line(low.source)) if low.source else ()),
            )
        )
    if limits:
        blocks.append(Items(tuple(limits)))
    blocks.append(Para((say("docs.rounding", lang),)))
    return blocks


def part_line(rate: str, base: str, lang: str) -> Line:
    before, _, rest = say("docs.part", lang).partition("{rate}")
    middle, _, after = rest.partition("{base}")
    return (before, Code(rate), middle, Code(base), after)


def timeline_table(parameter: Parameter, owner: str, end: _dt.date | None, lang: str, extras: Extras) -> Table:
    rows = []
    for i, entry in enumerate(parameter.timeline):
        following = parameter.timeline[i + 1].start if i + 1 < len(parameter.timeline) else None
        until = day_before(following).isoformat() if following else (end.isoformat() if end else "")
        if entry.origin.startswith("version "):
            origin = f"{say('docs.version', lang)} {entry.origin[len('version ') :]}"
        else:
            origin = say("docs.timeline", lang)
        notes = extras.value_notes.get((owner, parameter.name, entry.start), ()) if entry.origin == "timeline" else ()
        rows.append(
            (
                (entry.start.isoformat(),),
                (until,),
                (value_text(entry.value, lang),),
                (origin,),
                source_line(entry.source),
                notes_inline(notes, lang),
            )
        )
    return Table(
        (
            say("docs.from", lang),
            say("docs.until", lang),
            say("docs.value", lang),
            say("docs.origin", lang),
            say("docs.source", lang),
            say("docs.notes-col", lang),
        ),
        tuple(rows),
    )


def parameter_blocks(
    parameter: Parameter, owner: str, end: _dt.date | None, anchor: str, lang: str, extras: Extras
) -> list[Block]:
    blocks: list[Block] = [Heading(3, parameter.name, anchor), Para((flat(in_lang(parameter.description, lang)),))]
    if parameter.unit:
        blocks.append(Para((say("docs.unit", lang), ": ", _named(f"units.{parameter.unit}", parameter.unit, lang))))
    blocks.append(
        timeline_table(parameter, owner, end, lang, extras)
        if parameter.timeline
        else Para((say("docs.no-value", lang),))
    )
    return blocks


def sources_cited(measure: Measure) -> list[str]:
    cited = [e.source for p in measure.parameters.values() for e in p.timeline]
    cited += [v.source for v in measure.versions]
    conditions = list(measure.conditions) + [c for v in measure.versions for c in v.conditions or ()]
    cited += [c.source for c in conditions if c.source]
    cited += [w.source for w in measure.calls.windows] if measure.calls else []
    cited += [r.source for r in measure.reminders if r.source]
    for amount in [measure.amount] + [v.amount for v in measure.versions]:
        if amount:
            cited += [c.source for c in amount.caps if c.source]
            cited += [amount.minimum.source] if amount.minimum and amount.minimum.source else []
    return list(dict.fromkeys(s for s in cited if s not in measure.sources))
