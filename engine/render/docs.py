"""Documentation of a rule set: Markdown pages and one self-contained HTML page.

The pages say, per measure, who can apply, for what and how much, in plain words,
with every condition, call window, dated value, version, source and note of the
rules. Both outputs are rendered from one list of blocks per page (headings,
paragraphs, lists, tables: :mod:`engine.render.pages`), so the Markdown and the HTML
hold the same content.

The fixed words exist in Dutch and English (the ``docs`` phrases of :mod:`engine.text.phrases`); the measure
texts come from the rules, each in the page's language where the rules give it in Dutch and English
(titles, summaries, condition texts, descriptions, notes). How much a measure pays is put in words by
:mod:`engine.render.docs_amount`; the expressions stay in a folded technical section for rule editors.
"""

from __future__ import annotations

from pathlib import Path

from ..files import write_whole
from ..model import Measure, RuleSet, in_lang
from ..text.messages import say
from .docs_amount import amount_words
from .docs_blocks import (
    Extras,
    amount_blocks,
    condition_items,
    day_before,
    extras_of,
    file_names,
    kinds_text,
    note_line,
    notes_inline,
    parameter_blocks,
    source_line,
    sources_cited,
    status_text,
    text_writer,
    validity_text,
)
from .docs_words import LANGS
from .pages import (
    STYLE,
    Block,
    Code,
    Details,
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


def _measure_page(measure: Measure, rules: RuleSet, name: str, lang: str, extras: Extras) -> Page:
    page = Page(name, "m-" + measure.id, measure.title(lang))
    add = page.blocks.append
    write = text_writer(rules, measure)
    if measure.summary:
        add(Para((measure.summary(lang),)))
    facts: list[Line] = [
        (Strong(say("docs.id", lang)), ": ", Code(measure.id)),
        (Strong(say("docs.status", lang)), ": ", status_text(measure, lang)),
        (Strong(say("docs.applies-to", lang)), ": ", kinds_text(measure.applies_to, lang)),
    ]
    facts += [
        (Strong(say("docs.valid-from", lang)), ": ", measure.valid_from.isoformat()),
        (
            Strong(say("docs.valid-until", lang)),
            ": ",
            measure.valid_until.isoformat() if measure.valid_until else say("common.open-ended", lang),
        ),
        (
            Strong(say("docs.de-minimis", lang)),
            ": ",
            say("docs.de-minimis-yes" if measure.de_minimis else "common.no", lang),
        ),
    ]
    add(Items(tuple(facts)))

    add(Heading(2, say("docs.who", lang)))
    if measure.conditions:
        add(Para((say("docs.who-intro", lang),)))
        add(condition_items(measure.conditions, lang, write))
    elif not any(v.conditions for v in measure.versions):
        add(Para((say("docs.no-conditions", lang),)))
    for version in measure.versions:
        if version.conditions is not None:
            add(Heading(3, f"{say('docs.version', lang)} {version.id}"))
            add(Para((say("docs.version-conditions", lang, id=version.id, start=version.start.isoformat()),)))
            add(condition_items(version.conditions, lang, write))

    if measure.calls:
        add(Heading(2, say("docs.calls", lang)))
        add(Para((say("docs.calls-check", lang, id=measure.calls.condition_id, text=write(measure.calls.text, lang)),)))
        add(
            Table(
                (say("docs.call", lang), say("docs.opens", lang), say("docs.closes", lang), say("docs.source", lang)),
                tuple(
                    ((w.name,), (w.open.isoformat(),), (w.close.isoformat(),), source_line(w.source))
                    for w in measure.calls.windows
                ),
            )
        )

    # the expressions stay for rule editors, folded away at the end of the page
    technical: list[Block] = [Para((say("docs.technical-intro", lang),))]
    if measure.applies_when:
        technical.append(
            Items(((Strong(say("docs.applies-when", lang)), ": ", Code(flat(measure.applies_when.source))),))
        )

    groups = [("", measure.conditions)] + [
        (f" ({say('docs.version', lang)} {v.id})", v.conditions or ()) for v in measure.versions
    ]
    for suffix, conditions in groups:
        own = [c for c in conditions if not c.shared]  # a shared condition's expression is on the facts page
        if own:
            technical.append(Para((Strong(say("docs.who", lang) + suffix), ":")))
            technical.append(Items(tuple((Code(c.id), ": ", Code(flat(c.expression.source))) for c in own)))

    add(Heading(2, say("docs.how-much", lang)))
    if measure.status == "info":
        add(Para((say("docs.no-amount", lang),)))
    elif measure.amount:
        page.blocks += amount_words(measure.amount, measure, rules, lang, write)
        technical += [Para((Strong(say("docs.how-much", lang)), ":"))] + amount_blocks(measure.amount, lang, write)
    else:
        add(Para((say("docs.amount-by-version", lang),)))
    for version in measure.versions:
        if version.amount is not None:
            add(Heading(3, f"{say('docs.version', lang)} {version.id}"))
            add(Para((say("docs.version-amount", lang, id=version.id, start=version.start.isoformat()),)))
            page.blocks += amount_words(version.amount, measure, rules, lang, write)
            technical.append(
                Para((Strong(f"{say('docs.how-much', lang)}, {say('docs.version', lang)} {version.id}"), ":"))
            )
            technical += amount_blocks(version.amount, lang, write)

    used = set().union(*(e.parameters | e.facts for e in measure.expressions() if e))
    shared = sorted(n for n in used if n in rules.parameters or n in rules.facts)
    if shared:
        line: list[Inline] = [Strong(say("docs.uses-shared", lang)), ": "]
        for i, n in enumerate(shared):
            line += ([", "] if i else []) + [
                Link(n, page="facts.md", anchor=("p-" if n in rules.parameters else "f-") + n)
            ]
        add(Para(tuple(line)))

    if measure.parameters:
        technical.append(Heading(3, say("docs.parameters", lang)))
        for parameter in measure.parameters.values():
            blocks = parameter_blocks(
                parameter, measure.id, measure.valid_until, f"{page.anchor}.{parameter.name}", lang, extras
            )
            technical += [Heading(4, b.text, b.anchor) if isinstance(b, Heading) else b for b in blocks]

    if measure.versions:
        add(Heading(2, say("docs.versions", lang)))
        rows = []
        for i, version in enumerate(measure.versions):
            if version.until:
                until = version.until.isoformat()
            elif i + 1 < len(measure.versions):
                until = day_before(measure.versions[i + 1].start).isoformat()
            else:
                until = measure.valid_until.isoformat() if measure.valid_until else say("common.open-ended", lang)
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
                    source_line(version.source),
                    notes_inline(version.notes, lang),
                )
            )
        add(
            Table(
                (
                    say("docs.version-col", lang),
                    say("docs.from", lang),
                    say("docs.until", lang),
                    say("docs.sets", lang),
                    say("docs.source", lang),
                    say("docs.notes-col", lang),
                ),
                tuple(rows),
            )
        )

    shown_when: list[Line] = []
    if measure.reminders:
        add(Heading(2, say("docs.reminders", lang)))
        items = []
        for reminder in measure.reminders:
            line = [Code(reminder.id), ": ", write(reminder.text, lang)]
            if reminder.when:
                line += [" (", say("docs.shown-sometimes", lang), ")"]
                shown_when.append(
                    (Code(reminder.id), ": ", say("docs.shown-when", lang), " ", Code(flat(reminder.when.source)))
                )
            if reminder.source:
                line += [" ", say("docs.source", lang), ": ", *source_line(reminder.source)]
            notes = extras.reminder_notes.get((measure.id, reminder.id), ())
            if notes:
                line += [" — ", *notes_inline(notes, lang)]
            items.append(tuple(line))
        add(Items(tuple(items)))
    if shown_when:
        technical += [Para((Strong(say("docs.reminders", lang)), ":")), Items(tuple(shown_when))]

    add(Heading(2, say("docs.sources", lang)))
    add(Items(tuple(source_line(s) for s in measure.sources)))
    cited = sources_cited(measure)
    if cited:
        add(Para((say("docs.more-sources", lang),)))
        add(Items(tuple(source_line(s) for s in cited)))

    if measure.notes:
        add(Heading(2, say("docs.notes", lang)))
        add(Items(tuple(note_line(n, lang) for n in measure.notes)))
    if len(technical) > 1:
        add(Details(say("docs.technical", lang), tuple(b for b in technical if not isinstance(b, Details))))
    return page


def _facts_page(rules: RuleSet, lang: str, extras: Extras) -> Page:
    page = Page("facts.md", "facts", say("docs.facts-title", lang))
    add = page.blocks.append
    write = text_writer(rules)
    if extras.facts_files:
        add(Heading(2, say("docs.fact-files", lang)))
        for facts_file in extras.facts_files:
            title = facts_file.title(lang) if facts_file.title else facts_file.id
            add(Heading(3, title, "file-" + facts_file.id))
            defined = [Code(n) for n in facts_file.facts + facts_file.parameters + facts_file.conditions]
            if defined:
                line: list[Inline] = [Strong(say("docs.file", lang)), ": ", Code(facts_file.id), " — "]
                for i, item in enumerate(defined):
                    line += ([", "] if i else []) + [item]
                add(Para(tuple(line)))
            if facts_file.sources:
                add(Para((Strong(say("docs.sources", lang)), ":")))
                add(Items(tuple(source_line(s) for s in facts_file.sources)))
            if facts_file.notes:
                add(Para((Strong(say("docs.notes", lang)), ":")))
                add(Items(tuple(note_line(n, lang) for n in facts_file.notes)))
    if rules.facts:
        add(Heading(2, say("docs.facts", lang)))
        for fact in rules.facts.values():
            add(Heading(3, fact.name, "f-" + fact.name))
            add(Para((flat(in_lang(fact.description, lang)),)))
            if fact.values:
                values = ", ".join(f"{value} ({text(lang)})" for value, text in fact.values.items())
                add(Para((Strong(say("docs.fact-values", lang)), ": ", values)))
            if fact.source:
                add(Items(((Strong(say("docs.source", lang)), ": ", *source_line(fact.source)),)))
            add(_technical(fact.expression.source, lang))
    if rules.parameters:
        add(Heading(2, say("docs.shared-parameters", lang)))
        for parameter in rules.parameters.values():
            blocks = parameter_blocks(parameter, "", None, "p-" + parameter.name, lang, extras)
            page.blocks += blocks
    if rules.shared_conditions:
        add(Heading(2, say("docs.shared-conditions", lang)))
        add(Para((say("docs.shared-conditions-intro", lang),)))
        for condition in rules.shared_conditions.values():
            add(Heading(3, condition.id, "c-" + condition.id))
            line = [write(condition.text, lang)]
            if condition.source:
                line += [" ", say("docs.source", lang), ": ", *source_line(condition.source)]
            add(Para(tuple(line)))
            if condition.notes:
                add(Items(tuple(note_line(n, lang) for n in condition.notes)))
            add(_technical(condition.expression.source, lang))
    return page


def _technical(source: str, lang: str) -> Details:
    """An expression, folded away for rule editors."""
    return Details(
        say("docs.technical", lang), (Items(((Strong(say("docs.expression", lang)), ": ", Code(flat(source))),)),)
    )


def _index_page(rules: RuleSet, names: dict[str, str], lang: str) -> Page:
    page = Page("index.md", "top", say("docs.site-title", lang))
    add = page.blocks.append
    write = text_writer(rules)
    add(Para((say("docs.generated", lang, digest=rules.digest),), css="generated"))
    add(Heading(2, say("docs.measures", lang)))
    rows = []
    for measure in rules.measures.values():
        rows.append(
            (
                (Link(measure.title(lang), page=names[measure.id]),),
                (Code(measure.id),),
                (measure.summary(lang) if measure.summary else "",),
                (kinds_text(measure.applies_to, lang),),
                (status_text(measure, lang),),
                (validity_text(measure, lang),),
                (say("common.yes" if measure.de_minimis else "common.no", lang),),
            )
        )
    add(
        Table(
            (
                say("docs.measure", lang),
                say("docs.id", lang),
                say("docs.summary", lang),
                say("docs.applies-to", lang),
                say("docs.status", lang),
                say("docs.valid", lang),
                say("docs.de-minimis", lang),
            ),
            tuple(rows),
        )
    )
    add(Heading(2, say("docs.facts-link", lang)))
    items: list[Line] = [(Link(say("docs.facts-title", lang), page="facts.md"),)]
    add(Items(tuple(items)))
    if rules.facts:
        add(Heading(3, say("docs.facts", lang)))
        add(
            Items(
                tuple(
                    (Link(f.name, page="facts.md", anchor="f-" + f.name), ": ", flat(in_lang(f.description, lang)))
                    for f in rules.facts.values()
                )
            )
        )
    if rules.parameters:
        add(Heading(3, say("docs.shared-parameters", lang)))
        add(
            Items(
                tuple(
                    (Link(p.name, page="facts.md", anchor="p-" + p.name), ": ", flat(in_lang(p.description, lang)))
                    for p in rules.parameters.values()
                )
            )
        )
    if rules.shared_conditions:
        add(Heading(3, say("docs.shared-conditions", lang)))
        add(
            Items(
                tuple(
                    (Link(c.id, page="facts.md", anchor="c-" + c.id), ": ", write(c.text, lang))
                    for c in rules.shared_conditions.values()
                )
            )
        )
    add(Heading(2, say("docs.digest", lang)))
    add(Para((Code(rules.digest),)))
    return page


def _pages(rules: RuleSet, lang: str) -> list[Page]:
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}': use one of {', '.join(LANGS)}")
    extras = extras_of(rules)
    names = file_names(rules)
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
        f'<nav id="contents" aria-label="{esc(say("docs.contents", lang))}">',
        f"<h2>{esc(say('docs.contents', lang))}</h2>",
        "<ol>",
    ]
    out += [f'<li><a href="#{esc(page.anchor)}">{esc(page.title)}</a></li>' for page in rest]
    out += ["</ol>", "</nav>"]
    out += html_blocks(index.blocks, 0, anchors)
    for page in rest:
        out.append(f'<section id="{esc(page.anchor)}">')
        out.append(f"<h2>{esc(page.title)}</h2>")
        out += html_blocks(page.blocks, 1, anchors)
        out.append(f'<p class="top"><a href="#contents">{esc(say("docs.back", lang))}</a></p>')
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
