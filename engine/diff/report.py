"""The report of ``subsidie diff`` for a terminal and as a pull-request comment (Markdown), in Dutch or English.

The comparison on the corpus comes first, then one section per re-dated copy of the corpus (the
day before each effect date, and the effect date itself). Profile, project and measure names come
from files a pull request may change: they are escaped for the terminal or for Markdown.
"""

from __future__ import annotations

from decimal import Decimal

from ..text.escaping import markdown_code, terminal_lines
from ..text.formatting import money, number
from ..text.messages import say
from ..version import __version__
from .effects import MAX_EFFECT_DATES
from .impact import Change, Impact, Outcome


def describe(outcome: Outcome | None, lang: str) -> str:
    """A result's outcome as the report shows it: status, rate and amount ('—' where there is no result)."""
    if outcome is None:
        return "—"
    text = say(f"status.{outcome.status}", lang)
    if outcome.rate is not None:
        text += f" {number(outcome.rate)}%"
    if outcome.amount is not None:
        text += f" {money(outcome.amount, lang)}"
    return text


def signed(value: Decimal, lang: str) -> str:
    """A difference of amounts with its sign: '+EUR 500.00', '-EUR 500.00', '±EUR 0.00'."""
    return ("+" if value > 0 else "-" if value < 0 else "±") + money(abs(value), lang)


def change_line(change: Change, lang: str) -> str:
    """One change as a line of the terminal report: the difference, where, and the outcomes before and after."""
    return (
        f"  {signed(change.difference, lang):>16}  {change.profile}  {change.project}  "
        f"{change.measure}: {describe(change.before, lang)} → {describe(change.after, lang)}"
    )


def _summary(impact: Impact, lang: str) -> list[str]:
    counts = impact.counts()
    line = say(
        "impact.counts",
        lang,
        profiles=impact.profiles,
        results=impact.results,
        changed=counts["changed"],
        newly_eligible=counts["newly_eligible"],
        no_longer_eligible=counts["no_longer_eligible"],
        undetermined=counts["undetermined"],
    )
    if impact.not_in_force:
        line += say("impact.not-in-force", lang, count=impact.not_in_force)
    totals = say(
        "impact.totals",
        lang,
        before=money(impact.total_before, lang),
        after=money(impact.total_after, lang),
        difference=signed(impact.total_after - impact.total_before, lang),
    )
    return [line, totals]


def _heading(section: Impact, lang: str) -> str:
    if section.day == section.effect_date:
        return say("impact.redated-on", lang, day=section.day)
    return say("impact.redated-before", lang, day=section.day, effect=section.effect_date)


def _dates_lines(impact: Impact, lang: str) -> list[str]:
    lines = []
    if impact.effect_dates:
        lines.append(say("impact.effect-dates", lang, dates=", ".join(d.isoformat() for d in impact.effect_dates)))
    if impact.left_out:
        dates = ", ".join(d.isoformat() for d in impact.left_out)
        lines.append(say("impact.left-out", lang, limit=MAX_EFFECT_DATES, dates=dates))
    return lines


def _text_rows(section: Impact, lang: str) -> list[str]:
    lines = [""] if section.changes else []
    lines += [change_line(c, lang) for c in section.changes]
    return lines + [say("impact.error", lang, error=error) for error in section.errors]


def impact_text(impact: Impact, lang: str = "en") -> str:
    """The report for a terminal."""
    lines = [
        say(
            "impact.header",
            lang,
            base=impact.base,
            base_digest=impact.base_digest[:19] + "…",
            current_digest=impact.current_digest[:19] + "…",
        ),
        *_summary(impact, lang),
        *_text_rows(impact, lang),
    ]
    if impact.effect_dates or impact.left_out:
        lines += ["", *_dates_lines(impact, lang)]
    for section in impact.redated:
        lines += ["", _heading(section, lang), *_summary(section, lang), *_text_rows(section, lang)]
    return terminal_lines(lines)


def _markdown_rows(section: Impact, lang: str) -> list[str]:
    lines = [f"- {line}" for line in _summary(section, lang)] + [""]
    if section.changes:
        lines += [say("impact.table-head", lang), "|---|---|---|---|---|---:|"]
        for c in section.changes:
            cells = [
                markdown_code(c.profile),
                markdown_code(c.project),
                markdown_code(c.measure),
                describe(c.before, lang),
                describe(c.after, lang),
                signed(c.difference, lang),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    else:
        lines.append(say("impact.no-change", lang))
    if section.errors:
        lines += ["", say("impact.unreadable", lang), *[f"- {markdown_code(e)}" for e in section.errors]]
    return lines


def markdown_heading(base: str, base_digest: str, current_digest: str, lang: str) -> list[str]:
    """The first lines of a Markdown report of a rule change: its title and the two rule sets compared."""
    return [
        f"## {say('impact.title', lang)}",
        "",
        say(
            "impact.base-line",
            lang,
            base=markdown_code(base),
            base_digest=f"`{base_digest[:19]}…`",
            current_digest=f"`{current_digest[:19]}…`",
            version=__version__,
        ),
        "",
    ]


def impact_markdown(impact: Impact, lang: str = "en") -> str:
    """The report as a pull-request comment."""
    lines = [
        *markdown_heading(impact.base, impact.base_digest, impact.current_digest, lang),
        *_markdown_rows(impact, lang),
    ]
    if impact.effect_dates or impact.left_out:
        lines += ["", *_dates_lines(impact, lang)]
    for section in impact.redated:
        lines += ["", f"### {_heading(section, lang)}", "", *_markdown_rows(section, lang)]
    return "\n".join(lines) + "\n"
