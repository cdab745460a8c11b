"""Documentation of a rule set: Markdown pages and one self-contained HTML page.

The pages say, per measure, who can apply, for what and how much, in plain words,
with every condition, call window, dated value, version, source and note of the
rules. Both outputs are rendered from one list of blocks per page (headings,
paragraphs, lists, tables: :mod:`engine.render.pages`), so the Markdown and the HTML
hold the same content.

The fixed words exist in Dutch and English (:mod:`engine.render.docs_words`); the measure
texts come from the rules. Notes are English only, as the rules write them.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..files import write_whole
from ..model import Amount, Condition, FactsFile, Measure, Note, Parameter, RuleSet
from .docs_words import KINDS, LANGS, UNITS, WORDS, value_text, word
from .pages import (
    STYLE,
    Block,
    Code,
    Heading,
    Inline,
    Items,
    Line,
    Link,
    Page,
    Para,
    Strong,
    Table,
    esc,
    flat,
    html_blocks,
    markdown,
)


def _day_before(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=1)


def _is_web(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _short(url: str) -> str:
    """A short label for a web address: host and last path segment."""
    rest = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    host, _, path = rest.partition("/")
    if not path:
        return host
    segments = path.split("/")
    return host + "/" + path if len(segments) == 1 else f"{host}/…/{segments[-1]}"


def _source(url: str | None) -> Line:
    if not url:
        return ()
    return (Link(_short(url), url=url),) if _is_web(url) else (url,)


def _note_line(note: Note, lang: str) -> Line:
    head: list[Inline] = [Strong(note.decision)] if note.decision else []
    if note.assumption:
        head += [" (" if head else "(", Strong(word("assumption", lang)), ")"]
    return (*head, ": " if head else "", note.text)


def _notes_inline(notes: Iterable[Note], lang: str) -> Line:
    parts: list[Inline] = []
    for i, note in enumerate(notes):
        parts += ([" "] if i else []) + list(_note_line(note, lang))
    return tuple(parts)


# -- what the model leaves out ------------------------------------------------------


@dataclass
class _Extras:
    value_notes: dict[tuple[str, str, _dt.date], tuple[Note, ...]] = field(default_factory=dict)
    reminder_notes: dict[tuple[str, str], tuple[Note, ...]] = field(default_factory=dict)
    facts_files: list[FactsFile] = field(default_factory=list)


def _extras(rules: RuleSet) -> _Extras:
    """Notes on dated values and reminders, and the facts files, from the model, keyed for the renderers."""
    extras = _Extras(facts_files=list(rules.facts_files))
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


# -- building the pages -----------------------------------------------------------------


def _file_names(rules: RuleSet) -> dict[str, str]:
    """The Markdown file of each measure: ``<id>.md``, unless that name is taken by index.md or facts.md."""
    return {mid: (f"measure-{mid}.md" if mid in ("index", "facts") else f"{mid}.md") for mid in rules.measures}


def _kinds(kinds: Iterable[str], lang: str) -> str:
    return ", ".join(KINDS.get(k, {}).get(lang, k) for k in sorted(kinds))


def _status(measure: Measure, lang: str) -> str:
    return word("status-info" if measure.status == "info" else "status-rules", lang)


def _validity(measure: Measure, lang: str) -> str:
    if measure.valid_until is None:
        return word("valid-since", lang, start=measure.valid_from.isoformat())
    return word("valid-range", lang, start=measure.valid_from.isoformat(), end=measure.valid_until.isoformat())


def _condition_items(conditions: Iterable[Condition], lang: str) -> Items:
    items = []
    for condition in conditions:
        line: list[Inline] = [Code(condition.id), ": ", condition.text(lang)]
        if condition.shared:
            line += [" (", Link(word("shared", lang), page="facts.md", anchor="c-" + condition.id), ")"]
        if condition.source:
            line += [" ", word("source", lang), ": ", *_source(condition.source)]
        if condition.notes:
            line += [" — ", *_notes_inline(condition.notes, lang)]
        items.append(tuple(line))
    return Items(tuple(items), numbered=True)


def _amount_blocks(amount: Amount, lang: str) -> list[Block]:
    blocks: list[Block] = []
    if amount.parts:
        if len(amount.parts) == 1 and amount.parts[0].label is None:
            part = amount.parts[0]
            blocks.append(
                Para((word("rate-of", lang), " ") + _part_line(flat(part.rate.source), flat(part.base.source), lang))
            )
        else:
            items = []
            for part in amount.parts:
                label: Line = (Strong(part.label(lang)), ": ") if part.label else ()
                items.append(label + _part_line(flat(part.rate.source), flat(part.base.source), lang))
            blocks += [Para((word("parts-sum", lang),)), Items(tuple(items))]
    if amount.fixed is not None:
        blocks.append(Para((word("fixed", lang), " ", Code(flat(amount.fixed.source)))))
    limits: list[Line] = []
    for cap in amount.caps:
        limits.append(
            (
                Strong(word("cap", lang)),
                " ",
                Code(flat(cap.amount.source)),
                " (",
                Code(cap.id),
                "): ",
                cap.text(lang),
                *((" ", word("source", lang), ": ", *_source(cap.source)) if cap.source else ()),
            )
        )
    if amount.minimum is not None:
        low = amount.minimum
        limits.append(
            (
                Strong(word("minimum", lang)),
                " ",
                Code(flat(low.amount.source)),
                " (",
                Code(low.id),
                "): ",
                low.text(lang),
                *((" ", word("source", lang), ": ", *_source(low.source)) if low.source else ()),
            )
        )
    if limits:
        blocks.append(Items(tuple(limits)))
    blocks.append(Para((word("rounding", lang),)))
    return blocks


def _part_line(rate: str, base: str, lang: str) -> Line:
    before, _, rest = WORDS["part"][lang].partition("{rate}")
    middle, _, after = rest.partition("{base}")
    return (before, Code(rate), middle, Code(base), after)


def _timeline_table(parameter: Parameter, owner: str, end: _dt.date | None, lang: str, extras: _Extras) -> Table:
    rows = []
    for i, entry in enumerate(parameter.timeline):
        following = parameter.timeline[i + 1].start if i + 1 < len(parameter.timeline) else None
        until = _day_before(following).isoformat() if following else (end.isoformat() if end else "")
        if entry.origin.startswith("version "):
            origin = f"{word('version', lang)} {entry.origin[len('version ') :]}"
        else:
            origin = word("timeline", lang)
        notes = extras.value_notes.get((owner, parameter.name, entry.start), ()) if entry.origin == "timeline" else ()
        rows.append(
            (
                (entry.start.isoformat(),),
                (until,),
                (value_text(entry.value, lang),),
                (origin,),
                _source(entry.source),
                _notes_inline(notes, lang),
            )
        )
    return Table(
        (
            word("from", lang),
            word("until", lang),
            word("value", lang),
            word("origin", lang),
            word("source", lang),
            word("notes-col", lang),
        ),
        tuple(rows),
    )


def _parameter_blocks(
    parameter: Parameter, owner: str, end: _dt.date | None, anchor: str, lang: str, extras: _Extras
) -> list[Block]:
    blocks: list[Block] = [Heading(3, parameter.name, anchor), Para((flat(parameter.description),))]
    if parameter.unit:
        blocks.append(Para((word("unit", lang), ": ", UNITS.get(parameter.unit, {}).get(lang, parameter.unit))))
    blocks.append(
        _timeline_table(parameter, owner, end, lang, extras) if parameter.timeline else Para((word("no-value", lang),))
    )
    return blocks


def _sources_cited(measure: Measure) -> list[str]:
    cited = [e.source for p in measure.parameters.values() for e in p.timeline]
    cited += [v.source for v in measure.versions]
    conditions = list(measure.conditions) + [c for v in measure.versions for c in v.conditions or ()]
    cited += [c.source for c in conditions if c.source]
    cited += [w.source for w in measure.calls.windows] if measure.calls else []
    for amount in [measure.amount] + [v.amount for v in measure.versions]:
        if amount:
            cited += [c.source for c in amount.caps if c.source]
            cited += [amount.minimum.source] if amount.minimum and amount.minimum.source else []
    return list(dict.fromkeys(s for s in cited if s not in measure.sources))


def _measure_page(measure: Measure, rules: RuleSet, name: str, lang: str, extras: _Extras) -> Page:
    page = Page(name, "m-" + measure.id, measure.title(lang))
    add = page.blocks.append
    if measure.summary:
        add(Para((measure.summary(lang),)))
    facts: list[Line] = [
        (Strong(word("id", lang)), ": ", Code(measure.id)),
        (Strong(word("status", lang)), ": ", _status(measure, lang)),
        (Strong(word("applies-to", lang)), ": ", _kinds(measure.applies_to, lang)),
    ]
    if measure.applies_when:
        facts.append((Strong(word("applies-when", lang)), ": ", Code(flat(measure.applies_when.source))))
    facts += [
        (Strong(word("valid-from", lang)), ": ", measure.valid_from.isoformat()),
        (
            Strong(word("valid-until", lang)),
            ": ",
            measure.valid_until.isoformat() if measure.valid_until else word("open-ended", lang),
        ),
        (
            Strong(word("de-minimis", lang)),
            ": ",
            word("de-minimis-yes" if measure.de_minimis else "de-minimis-no", lang),
        ),
    ]
    add(Items(tuple(facts)))

    add(Heading(2, word("who", lang)))
    if measure.conditions:
        add(Para((word("who-intro", lang),)))
        add(_condition_items(measure.conditions, lang))
    elif not any(v.conditions for v in measure.versions):
        add(Para((word("no-conditions", lang),)))
    for version in measure.versions:
        if version.conditions is not None:
            add(Heading(3, f"{word('version', lang)} {version.id}"))
            add(Para((word("version-conditions", lang, id=version.id, start=version.start.isoformat()),)))
            add(_condition_items(version.conditions, lang))

    if measure.calls:
        add(Heading(2, word("calls", lang)))
        add(Para((word("calls-check", lang, id=measure.calls.condition_id, text=measure.calls.text(lang)),)))
        add(
            Table(
                (word("call", lang), word("opens", lang), word("closes", lang), word("source", lang)),
                tuple(
                    ((w.name,), (w.open.isoformat(),), (w.close.isoformat(),), _source(w.source))
                    for w in measure.calls.windows
                ),
            )
        )

    add(Heading(2, word("how-much", lang)))
    if measure.status == "info":
        add(Para((word("no-amount", lang),)))
    elif measure.amount:
        page.blocks += _amount_blocks(measure.amount, lang)
    else:
        add(Para((word("amount-by-version", lang),)))
    for version in measure.versions:
        if version.amount is not None:
            add(Heading(3, f"{word('version', lang)} {version.id}"))
            add(Para((word("version-amount", lang, id=version.id, start=version.start.isoformat()),)))
            page.blocks += _amount_blocks(version.amount, lang)

    used = set().union(*(e.parameters | e.facts for e in measure.expressions() if e))
    shared = sorted(n for n in used if n in rules.parameters or n in rules.facts)
    if shared:
        line: list[Inline] = [Strong(word("uses-shared", lang)), ": "]
        for i, n in enumerate(shared):
            line += ([", "] if i else []) + [
                Link(n, page="facts.md", anchor=("p-" if n in rules.parameters else "f-") + n)
            ]
        add(Para(tuple(line)))

    if measure.parameters:
        add(Heading(2, word("parameters", lang)))
        for parameter in measure.parameters.values():
            page.blocks += _parameter_blocks(
                parameter, measure.id, measure.valid_until, f"{page.anchor}.{parameter.name}", lang, extras
            )

    if measure.versions:
        add(Heading(2, word("versions", lang)))
        rows = []
        for i, version in enumerate(measure.versions):
            if version.until:
                until = version.until.isoformat()
            elif i + 1 < len(measure.versions):
                until = _day_before(measure.versions[i + 1].start).isoformat()
            else:
                until = measure.valid_until.isoformat() if measure.valid_until else word("open-ended", lang)
            sets = sorted(
                p.name
                for p in measure.parameters.values()
                if any(e.origin == f"version {version.id}" for e in p.timeline)
            )
            rows.append(
                (
                    (Code(version.id),),
                    (version.start.isoformat(),),
                    (until,),
                    (", ".join(sets),),
                    _source(version.source),
                    _notes_inline(version.notes, lang),
                )
            )
        add(
            Table(
                (
                    word("version-col", lang),
                    word("from", lang),
                    word("until", lang),
                    word("sets", lang),
                    word("source", lang),
                    word("notes-col", lang),
                ),
                tuple(rows),
            )
        )

    if measure.reminders:
        add(Heading(2, word("reminders", lang)))
        items = []
        for reminder in measure.reminders:
            line = [Code(reminder.id), ": ", reminder.text(lang)]
            if reminder.when:
                line += [" (", word("shown-when", lang), " ", Code(flat(reminder.when.source)), ")"]
            notes = extras.reminder_notes.get((measure.id, reminder.id), ())
            if notes:
                line += [" — ", *_notes_inline(notes, lang)]
            items.append(tuple(line))
        add(Items(tuple(items)))

    add(Heading(2, word("sources", lang)))
    add(Items(tuple(_source(s) for s in measure.sources)))
    cited = _sources_cited(measure)
    if cited:
        add(Para((word("more-sources", lang),)))
        add(Items(tuple(_source(s) for s in cited)))

    if measure.notes:
        add(Heading(2, word("notes", lang)))
        add(Items(tuple(_note_line(n, lang) for n in measure.notes)))
    return page


def _facts_page(rules: RuleSet, lang: str, extras: _Extras) -> Page:
    page = Page("facts.md", "facts", word("facts-title", lang))
    add = page.blocks.append
    if extras.facts_files:
        add(Heading(2, word("fact-files", lang)))
        for facts_file in extras.facts_files:
            title = facts_file.title(lang) if facts_file.title else facts_file.id
            add(Heading(3, title, "file-" + facts_file.id))
            defined = [Code(n) for n in facts_file.facts + facts_file.parameters + facts_file.conditions]
            if defined:
                line: list[Inline] = [Strong(word("file", lang)), ": ", Code(facts_file.id), " — "]
                for i, item in enumerate(defined):
                    line += ([", "] if i else []) + [item]
                add(Para(tuple(line)))
            if facts_file.sources:
                add(Para((Strong(word("sources", lang)), ":")))
                add(Items(tuple(_source(s) for s in facts_file.sources)))
            if facts_file.notes:
                add(Para((Strong(word("notes", lang)), ":")))
                add(Items(tuple(_note_line(n, lang) for n in facts_file.notes)))
    if rules.facts:
        add(Heading(2, word("facts", lang)))
        for fact in rules.facts.values():
            add(Heading(3, fact.name, "f-" + fact.name))
            add(Para((flat(fact.description),)))
            items: list[Line] = [(Strong(word("expression", lang)), ": ", Code(flat(fact.expression.source)))]
            if fact.source:
                items.append((Strong(word("source", lang)), ": ", *_source(fact.source)))
            add(Items(tuple(items)))
    if rules.parameters:
        add(Heading(2, word("shared-parameters", lang)))
        for parameter in rules.parameters.values():
            blocks = _parameter_blocks(parameter, "", None, "p-" + parameter.name, lang, extras)
            page.blocks += blocks
    if rules.shared_conditions:
        add(Heading(2, word("shared-conditions", lang)))
        add(Para((word("shared-conditions-intro", lang),)))
        for condition in rules.shared_conditions.values():
            add(Heading(3, condition.id, "c-" + condition.id))
            line = [condition.text(lang)]
            if condition.source:
                line += [" ", word("source", lang), ": ", *_source(condition.source)]
            add(Para(tuple(line)))
            add(Items(((Strong(word("expression", lang)), ": ", Code(flat(condition.expression.source))),)))
            if condition.notes:
                add(Items(tuple(_note_line(n, lang) for n in condition.notes)))
    return page


def _index_page(rules: RuleSet, names: dict[str, str], lang: str) -> Page:
    page = Page("index.md", "top", word("site-title", lang))
    add = page.blocks.append
    add(Para((word("generated", lang, digest=rules.digest),), css="generated"))
    add(Heading(2, word("measures", lang)))
    rows = []
    for measure in rules.measures.values():
        rows.append(
            (
                (Link(measure.title(lang), page=names[measure.id]),),
                (Code(measure.id),),
                (measure.summary(lang) if measure.summary else "",),
                (_kinds(measure.applies_to, lang),),
                (_status(measure, lang),),
                (_validity(measure, lang),),
                (word("yes" if measure.de_minimis else "no", lang),),
            )
        )
    add(
        Table(
            (
                word("measure", lang),
                word("id", lang),
                word("summary", lang),
                word("applies-to", lang),
                word("status", lang),
                word("valid", lang),
                word("de-minimis", lang),
            ),
            tuple(rows),
        )
    )
    add(Heading(2, word("facts-link", lang)))
    items: list[Line] = [(Link(word("facts-title", lang), page="facts.md"),)]
    add(Items(tuple(items)))
    if rules.facts:
        add(Heading(3, word("facts", lang)))
        add(
            Items(
                tuple(
                    (Link(f.name, page="facts.md", anchor="f-" + f.name), ": ", flat(f.description))
                    for f in rules.facts.values()
                )
            )
        )
    if rules.parameters:
        add(Heading(3, word("shared-parameters", lang)))
        add(
            Items(
                tuple(
                    (Link(p.name, page="facts.md", anchor="p-" + p.name), ": ", flat(p.description))
                    for p in rules.parameters.values()
                )
            )
        )
    if rules.shared_conditions:
        add(Heading(3, word("shared-conditions", lang)))
        add(
            Items(
                tuple(
                    (Link(c.id, page="facts.md", anchor="c-" + c.id), ": ", c.text(lang))
                    for c in rules.shared_conditions.values()
                )
            )
        )
    add(Heading(2, word("digest", lang)))
    add(Para((Code(rules.digest),)))
    return page


def _pages(rules: RuleSet, lang: str) -> list[Page]:
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}': use one of {', '.join(LANGS)}")
    extras = _extras(rules)
    names = _file_names(rules)
    pages = [_index_page(rules, names, lang)]
    pages += [_measure_page(m, rules, names[m.id], lang, extras) for m in rules.measures.values()]
    pages.append(_facts_page(rules, lang, extras))
    return pages


# -- Markdown ---------------------------------------------------------------------------


def render_markdown(rules: RuleSet, lang: str) -> dict[str, str]:
    """The Markdown pages: file name -> text.

    ``index.md`` (the measures, the shared facts and parameters, the digest), one
    ``<measure-id>.md`` per measure and ``facts.md`` (facts, shared parameters with their
    timelines, shared conditions). ``lang`` is 'nl' or 'en'.
    """
    return {page.name: markdown(page) for page in _pages(rules, lang)}


# -- HTML -------------------------------------------------------------------------------


def render_html(rules: RuleSet, lang: str) -> str:
    """One self-contained HTML5 page with the content of every Markdown page.

    Inline style only: no scripts, no external style sheets, fonts or images; a viewport
    meta tag and a narrow column make it readable on a phone. Every text from the rules
    is escaped; links point to the rules' own sources or to places in the page.
    """
    pages = _pages(rules, lang)
    index, rest = pages[0], pages[1:]
    anchors = {page.name: page.anchor for page in pages}
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(index.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f'<h1 id="top">{esc(index.title)}</h1>',
        f'<nav id="contents" aria-label="{esc(word("contents", lang))}">',
        f"<h2>{esc(word('contents', lang))}</h2>",
        "<ol>",
    ]
    out += [f'<li><a href="#{esc(page.anchor)}">{esc(page.title)}</a></li>' for page in rest]
    out += ["</ol>", "</nav>"]
    out += html_blocks(index.blocks, 0, anchors)
    for page in rest:
        out.append(f'<section id="{esc(page.anchor)}">')
        out.append(f"<h2>{esc(page.title)}</h2>")
        out += html_blocks(page.blocks, 1, anchors)
        out.append(f'<p class="top"><a href="#contents">{esc(word("back", lang))}</a></p>')
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- writing ----------------------------------------------------------------------------


def write_docs(rules: RuleSet, out_dir: Path, lang: str) -> list[Path]:
    """Write the Markdown pages and ``index.html`` into ``out_dir`` (created if needed).

    Each file is written whole (a temporary file in the same folder, then
    :func:`os.replace`). Files of other names in ``out_dir`` are left alone.

    Returns:
        The paths written: the Markdown pages, then index.html.
    """
    out_dir = Path(out_dir)
    files = render_markdown(rules, lang)
    files["index.html"] = render_html(rules, lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = out_dir / name
        write_whole(path, text)
        written.append(path)
    return written
