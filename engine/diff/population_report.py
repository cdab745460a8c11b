"""The report of ``subsidie diff`` over a population (:mod:`.population`): JSON, a terminal's text, Markdown.

What a policy maker reads first: how many companies and projects a rule change affects, how many
results become eligible or stop being so, and the recommended total before and after; then the same
per measure and per company size, the largest changes, and the rows that could not be evaluated.
Names and messages come from the input file: they are escaped for the terminal or for Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..text.escaping import markdown_code, terminal_lines
from ..text.formatting import json_number, money
from ..text.messages import say
from ..version import __version__
from .effects import MAX_EFFECT_DATES
from .impact import outcome_json
from .population import Population
from .report import change_line, describe, markdown_heading, signed
from .tally import MeasureFigures, SizeFigures, Tally


def _totals(before: Decimal, after: Decimal) -> dict[str, Any]:
    return {"before": json_number(before), "after": json_number(after), "difference": json_number(after - before)}


def _counts(figures: Tally | MeasureFigures) -> dict[str, int]:
    return {
        "changed": figures.changed,
        "newly_eligible": figures.newly_eligible,
        "no_longer_eligible": figures.no_longer_eligible,
        "undetermined": figures.undetermined,
    }


def population_json(population: Population) -> dict[str, Any]:
    """The stable JSON form (docs/output.md)."""
    tally = population.tally
    largest = tally.largest()
    return {
        "engine_version": __version__,
        "base": {"rules": population.base, "rules_digest": population.base_digest},
        "current": {"rules_digest": population.current_digest},
        "as_of": population.as_of.isoformat(),
        "input": population.input,
        "rows": tally.rows,
        "companies": tally.companies,
        "projects": tally.projects,
        "results": tally.results,
        "affected": {"companies": tally.affected_companies, "projects": tally.affected_projects},
        "counts": {**_counts(tally), "not_in_force": tally.not_in_force},
        "totals": _totals(tally.before, tally.after),
        "by_measure": [
            {"measure": measure, "results": f.results, "counts": _counts(f), "totals": _totals(f.before, f.after)}
            for measure, f in tally.by_measure()
        ],
        "by_size": [
            {"size": size, "companies": f.companies, "affected": f.affected, "totals": _totals(f.before, f.after)}
            for size, f in tally.by_size()
        ],
        "largest_changes": [
            {
                "row": item.row,
                "profile": item.change.profile,
                "project": item.change.project,
                "measure": item.change.measure,
                "size": item.size,
                "before": outcome_json(item.change.before),
                "after": outcome_json(item.change.after),
                "difference": json_number(item.change.difference),
            }
            for item in largest
        ],
        "largest_changes_left_out": tally.changed - len(largest),
        "error_rows": tally.error_rows,
        "errors": [{"row": row, "error": message} for row, message in tally.errors],
        "effect_dates": [day.isoformat() for day in population.effect_dates],
        "effect_dates_left_out": [day.isoformat() for day in population.left_out],
    }


def _count(value: int, lang: str) -> str:
    """A count with thousands separators: '1,000,000' (en) or '1.000.000' (nl)."""
    return f"{value:,}".replace(",", "." if lang == "nl" else ",")


def _size(size: str | None, lang: str) -> str:
    return size if size is not None else say("status.undetermined", lang)


def _summary(population: Population, lang: str, name: str) -> list[str]:
    tally = population.tally
    affected = say(
        "population.affected",
        lang,
        companies=_count(tally.affected_companies, lang),
        projects=_count(tally.affected_projects, lang),
        changed=_count(tally.changed, lang),
        newly_eligible=_count(tally.newly_eligible, lang),
        no_longer_eligible=_count(tally.no_longer_eligible, lang),
        undetermined=_count(tally.undetermined, lang),
    )
    if tally.not_in_force:
        affected += say("impact.not-in-force", lang, count=_count(tally.not_in_force, lang))
    return [
        say(
            "population.rows",
            lang,
            input=name,
            rows=_count(tally.rows, lang),
            companies=_count(tally.companies, lang),
            projects=_count(tally.projects, lang),
            results=_count(tally.results, lang),
            errors=_count(tally.error_rows, lang),
        ),
        affected,
        say(
            "impact.totals",
            lang,
            before=money(tally.before, lang),
            after=money(tally.after, lang),
            difference=signed(tally.after - tally.before, lang),
        ),
    ]


def _measure_rows(tally: Tally, lang: str, name: Callable[[str], str]) -> tuple[list[str], list[list[str]]]:
    """The table by measure: its head and rows, each measure id written by ``name``."""
    head = [
        say("population.measure", lang),
        say("population.results", lang),
        say("population.changed", lang),
        say("population.newly-eligible", lang),
        say("population.no-longer-eligible", lang),
        *_money_head(lang),
    ]
    rows = [
        [
            name(measure),
            _count(f.results, lang),
            _count(f.changed, lang),
            _count(f.newly_eligible, lang),
            _count(f.no_longer_eligible, lang),
            *_money_cells(f, lang),
        ]
        for measure, f in tally.by_measure()
    ]
    return head, rows


def _size_rows(tally: Tally, lang: str) -> tuple[list[str], list[list[str]]]:
    """The table by company size: its head and rows."""
    head = [
        say("population.size", lang),
        say("population.companies", lang),
        say("population.affected-companies", lang),
        *_money_head(lang),
    ]
    rows = [
        [_size(size, lang), _count(f.companies, lang), _count(f.affected, lang), *_money_cells(f, lang)]
        for size, f in tally.by_size()
    ]
    return head, rows


def _money_head(lang: str) -> list[str]:
    return [say("population.before", lang), say("population.after", lang), say("population.difference", lang)]


def _money_cells(figures: MeasureFigures | SizeFigures, lang: str) -> list[str]:
    return [money(figures.before, lang), money(figures.after, lang), signed(figures.after - figures.before, lang)]


def _aligned(head: list[str], rows: list[list[str]]) -> list[str]:
    """A table for the terminal: the first column to the left, the figures to the right."""
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return [
        "  " + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in [head, *rows]
    ]


def _largest_heading(tally: Tally, listed: int, lang: str) -> str:
    return say("population.largest", lang, listed=_count(listed, lang), changed=_count(tally.changed, lang))


def _errors_heading(tally: Tally, lang: str) -> str:
    count = _count(tally.error_rows, lang)
    if tally.error_rows > len(tally.errors):
        return say("population.errors-first", lang, count=count, listed=_count(len(tally.errors), lang))
    return say("population.errors", lang, count=count)


def _dates(population: Population, lang: str) -> list[str]:
    lines = []
    if population.effect_dates:
        dates = ", ".join(day.isoformat() for day in population.effect_dates)
        lines.append(say("population.effect-dates", lang, dates=dates))
    if population.left_out:
        dates = ", ".join(day.isoformat() for day in population.left_out)
        lines.append(say("impact.left-out", lang, limit=MAX_EFFECT_DATES, dates=dates))
    return lines


def population_text(population: Population, lang: str = "en") -> str:
    """The report for a terminal."""
    tally = population.tally
    lines = [
        say(
            "impact.header",
            lang,
            base=population.base,
            base_digest=population.base_digest[:19] + "…",
            current_digest=population.current_digest[:19] + "…",
        ),
        *_summary(population, lang, population.input),
    ]
    for title, (head, rows) in (
        ("population.by-measure", _measure_rows(tally, lang, str)),
        ("population.by-size", _size_rows(tally, lang)),
    ):
        if rows:
            lines += ["", say(title, lang) + ":", *_aligned(head, rows)]
    largest = tally.largest()
    if largest:
        lines += ["", _largest_heading(tally, len(largest), lang) + ":"]
        lines += [change_line(item.change, lang) for item in largest]
    if tally.errors:
        lines += ["", _errors_heading(tally, lang) + ":"]
        lines += ["  " + say("population.error-row", lang, row=row, error=error) for row, error in tally.errors]
    dates = _dates(population, lang)
    return terminal_lines(lines + ([""] + dates if dates else []))


def _markdown_table(head: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|---|" + "---:|" * (len(head) - 1),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def population_markdown(population: Population, lang: str = "en") -> str:
    """The report as a pull-request comment or a page of a note."""
    tally = population.tally
    lines = [
        *markdown_heading(population.base, population.base_digest, population.current_digest, lang),
        *(f"- {line}" for line in _summary(population, lang, markdown_code(population.input))),
    ]
    for title, (head, rows) in (
        ("population.by-measure", _measure_rows(tally, lang, markdown_code)),
        ("population.by-size", _size_rows(tally, lang)),
    ):
        if rows:
            lines += ["", f"### {say(title, lang)}", "", *_markdown_table(head, rows)]
    largest = tally.largest()
    if largest:
        lines += [
            "",
            f"### {_largest_heading(tally, len(largest), lang)}",
            "",
            say("population.largest-head", lang),
            "|---:|---|---|---|---|---|---:|",
        ]
        for item in largest:
            c = item.change
            cells = [
                str(item.row),
                markdown_code(c.project),
                markdown_code(c.measure),
                _size(item.size, lang),
                describe(c.before, lang),
                describe(c.after, lang),
                signed(c.difference, lang),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    elif not tally.changed:
        lines += ["", say("impact.no-change", lang)]
    if tally.errors:
        lines += ["", f"### {_errors_heading(tally, lang)}", ""]
        lines += [
            "- " + say("population.error-row", lang, row=row, error=markdown_code(error)) for row, error in tally.errors
        ]
    dates = _dates(population, lang)
    return "\n".join(lines + ([""] + dates if dates else [])) + "\n"
