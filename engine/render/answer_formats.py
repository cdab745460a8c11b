"""The adviser's answer (:mod:`engine.render.answer`) as plain text, Markdown and HTML.

The three say the same in the same order: the company, the date and the total first, one line
per project's measure with its amount and status, why a measure is not possible and what would
help, the open questions, the reminders and the de minimis position, then the details. Text goes
to a terminal or an e-mail; Markdown to a document; the HTML report is one fragment that the web
page shows as its result (``POST /report``) and that ``evaluate --format html`` writes as one
self-contained file with the report's style sheet inline (:func:`html_document`). Every text from
a profile or the rules is escaped for where it lands.
"""

from __future__ import annotations

from ..text.escaping import markdown_link, markdown_text, terminal_lines
from ..text.messages import say
from .answer import Answer, Line

STYLE = "report.css"
"""The report's style sheet, beside this module: inlined by :func:`html_document`, served to the web page."""


def style_sheet() -> str:
    """The report's CSS (screen and print)."""
    from importlib.resources import files  # here: it imports tempfile, shutil and more, which text never needs

    return files(__package__).joinpath(STYLE).read_text(encoding="utf-8")


def escape(text: str) -> str:
    """``html.escape``: the html module is imported when HTML is written, not for text or Markdown."""
    from html import escape as html_escape

    return html_escape(text)


# ---- text ----


def answer_text(answer: Answer) -> str:
    """The answer as plain text: for a terminal, and for an e-mail (the web page copies it)."""
    lang = answer.lang
    out = [answer.title, answer.date, answer.total, answer.estimate, ""]
    for project in answer.projects:
        out.append(project.heading)
        if not project.lines and not project.others:
            out.append(f"  {say('answer.none', lang)}")
        for line in project.lines:
            out.append(f"  {_headline(line, lang)}")
            out += [f"    {text}" for text in line.why_not + line.helps]
        if project.others:
            out.append(f"  {say('answer.others', lang)}: {', '.join(o.title for o in project.others)}")
    out.append("")
    if answer.questions:
        out += [say("answer.questions", lang), say("answer.questions-intro", lang)]
        out += [f"  - {q.text}" for q in answer.questions] + [""]
    if answer.reminders:
        out += [say("answer.reminders", lang)] + [f"  - {text}" for text in answer.reminders] + [""]
    out.append(answer.company)
    if answer.de_minimis:
        out.append(answer.de_minimis)
    out += ["", say("answer.details", lang)]
    met, calculation, source = (
        f"    {say('answer.met', lang)}:",
        f"    {say('answer.calculation', lang)}:",
        say("answer.source", lang),
    )
    for project in answer.projects:
        for line in project.lines + project.others:
            out.append(f"  {project.id}: {line.title}")
            if line.met:
                out += [met] + [f"      - {text}" for text in line.met]
            if line.calculation:
                out += [calculation] + [f"      {text}" for text in line.calculation]
            out.append(f"    {source}: {line.source}")
    return terminal_lines(out)


def _headline(line: Line, lang: str) -> str:
    parts = [f"{line.title}:"]
    if line.amount:
        parts.append(line.amount + ",")
    parts.append(line.status_words)
    text = " ".join(parts)
    return text + (f" ({say('answer.counted', lang)})" if line.counted else "")


# ---- Markdown ----


def answer_markdown(answer: Answer) -> str:
    """The answer as a Markdown document: headings, one table of the lines, lists, and the details."""
    lang = answer.lang
    out = [
        f"# {markdown_text(answer.title)}",
        "",
        f"{markdown_text(answer.date)}  ",
        f"**{markdown_text(answer.total)}**  ",
        f"{markdown_text(answer.estimate)}",
        "",
    ]
    for project in answer.projects:
        out += [f"## {markdown_text(project.heading)}", ""]
        if not project.lines and not project.others:
            out += [markdown_text(say("answer.none", lang)), ""]
        for line in project.lines:
            out.append(f"- **{markdown_text(_headline(line, lang))}**")
            out += [f"  - {markdown_text(text)}" for text in line.why_not + line.helps]
        if project.others:
            others = ", ".join(markdown_link(o.title, o.source) for o in project.others)
            out.append(f"- {markdown_text(say('answer.others', lang))}: {others}")
        out.append("")
    if answer.questions:
        out += [f"## {say('answer.questions', lang)}", "", markdown_text(say("answer.questions-intro", lang)), ""]
        out += [f"- {markdown_text(q.text)}" for q in answer.questions] + [""]
    if answer.reminders:
        out += [f"## {say('answer.reminders', lang)}", ""] + [f"- {markdown_text(t)}" for t in answer.reminders]
        out.append("")
    out += [markdown_text(answer.company)] + (["", markdown_text(answer.de_minimis)] if answer.de_minimis else [])
    out += ["", f"## {say('answer.details', lang)}", ""]
    for project in answer.projects:
        for line in project.lines + project.others:
            out += [f"### {markdown_text(project.id)}: {markdown_link(line.title, line.source)}", ""]
            if line.met:
                out += [f"{say('answer.met', lang)}:", ""] + [f"- {markdown_text(t)}" for t in line.met] + [""]
            if line.calculation:
                out += [f"{say('answer.calculation', lang)}:", ""]
                out += [f"- {markdown_text(t)}" for t in line.calculation] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# ---- HTML ----


def answer_html(answer: Answer) -> str:
    """The answer as one HTML fragment (an ``<article class="report">``), classes only, no style or script."""
    lang = answer.lang
    h = escape
    out = [
        f'<article class="report" lang="{lang}">',
        '<header class="report-head">',
        f"<h2>{h(answer.title)}</h2>",
        f'<p class="report-date">{h(answer.date)}</p>',
        f'<p class="report-total">{h(answer.total)}</p>',
        f'<p class="report-estimate">{h(answer.estimate)}</p>',
        "</header>",
    ]
    for project in answer.projects:
        out.append(f'<section class="report-project" data-project="{h(project.id)}">')
        out.append(f"<h3>{h(project.heading)}</h3>")
        if not project.lines and not project.others:
            out.append(f'<p class="report-none">{h(say("answer.none", lang))}</p>')
        for line in project.lines:
            out.append(_html_line(line, lang))
        if project.others:
            links = ", ".join(_link(o.title, o.source) for o in project.others)
            out.append(f'<p class="report-others">{h(say("answer.others", lang))}: {links}</p>')
        out.append(_html_details(project.lines + project.others, lang))
        out.append("</section>")
    if answer.questions:
        out += [
            '<section class="report-questions">',
            f"<h3>{h(say('answer.questions', lang))}</h3>",
            f"<p>{h(say('answer.questions-intro', lang))}</p>",
            "<ul>",
        ]
        out += [f'<li data-path="{h(q.path)}">{h(q.text)}</li>' for q in answer.questions]
        out += ["</ul>", "</section>"]
    if answer.reminders:
        out += ['<section class="report-reminders">', f"<h3>{h(say('answer.reminders', lang))}</h3>", "<ul>"]
        out += [f"<li>{h(text)}</li>" for text in answer.reminders] + ["</ul>", "</section>"]
    out.append('<div class="report-foot">')
    out.append(f'<p class="report-company">{h(answer.company)}</p>')
    if answer.de_minimis:
        out.append(f'<p class="report-de-minimis">{h(answer.de_minimis)}</p>')
    out += ["</div>", "</article>"]
    return "\n".join(out) + "\n"


def _html_line(line: Line, lang: str) -> str:
    h = escape
    out = [
        f'<div class="report-line status-{h(line.status)}" data-measure="{h(line.measure)}" '
        f'data-status="{h(line.status)}">',
        f'<p class="report-headline"><span class="title">{h(line.title)}</span>: '
        + (f'<span class="amount">{h(line.amount)}</span> ' if line.amount else "")
        + f'<span class="badge">{h(line.status_words)}</span>'
        + (f' <span class="counted">{h(say("answer.counted", lang))}</span>' if line.counted else "")
        + "</p>",
    ]
    out += [f'<p class="why-not">{h(text)}</p>' for text in line.why_not]
    out += [f'<p class="helps">{h(text)}</p>' for text in line.helps]
    out.append("</div>")
    return "\n".join(out)


def _html_details(lines: list[Line], lang: str) -> str:
    h = escape
    out = ['<details class="report-details">', f"<summary>{h(say('answer.details', lang))}</summary>"]
    for line in lines:
        out.append(f'<div class="report-detail" data-measure="{h(line.measure)}">')
        out.append(f"<h4>{h(line.title)}</h4>")
        if line.met:
            out += [f"<p>{h(say('answer.met', lang))}</p>", '<ul class="met">']
            out += [f"<li>{h(text)}</li>" for text in line.met] + ["</ul>"]
        if line.calculation:
            out += [f"<p>{h(say('answer.calculation', lang))}</p>", '<ul class="calculation">']
            out += [f"<li>{h(text)}</li>" for text in line.calculation] + ["</ul>"]
        if line.source:
            out.append(f'<p class="source">{h(say("answer.source", lang))}: {_link(line.source, line.source)}</p>')
        out.append("</div>")
    out.append("</details>")
    return "\n".join(out)


def _link(text: str, url: str) -> str:
    if not url.startswith("https://"):
        return escape(text)
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'


def html_document(answers: list[Answer]) -> str:
    """One self-contained HTML file: the reports of ``answers``, the style sheet inline, no external asset."""
    lang = answers[0].lang if answers else "en"
    title = answers[0].title if len(answers) == 1 else say("answer.title", lang, company="…")
    body = "\n".join(answer_html(a) for a in answers)
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{style_sheet()}</style>\n</head>\n"
        f'<body class="report-page">\n{body}</body>\n</html>\n'
    )
