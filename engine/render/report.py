"""Turning results and diagnostics into text, JSON, Markdown and GitHub annotations.

The JSON form of an evaluation is documented in docs/output.md
and the one other programs read; text is what an adviser reads; Markdown suits a pull
request or a mail. Diagnostics have text, JSON and GitHub workflow-command forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..diagnostics import Diagnostic
from ..evaluate.results import MeasureResult, ProfileResult
from ..text.escaping import markdown_code, markdown_link, markdown_text, terminal_lines
from ..text.formatting import json_number, json_text, money, number
from ..text.messages import say
from ..version import __version__


def result_json(result: MeasureResult) -> dict[str, Any]:
    """One (project, measure) result as its JSON object (docs/output.md)."""
    return {
        "project": result.project,
        "measure": result.measure.id,
        "title": result.title,
        "status": result.status,
        "rate": json_number(result.rate),
        "base": json_number(result.base),
        "amount": json_number(result.amount),
        **range_json(result),
        "recommended": result.recommended,
        "conditions": [{"id": c.id, "holds": c.holds, "text": c.text, "reason": c.reason} for c in result.conditions],
        "missing": list(result.missing),
        "explanation": list(result.explanation),
        "source": result.source,
        "de_minimis": result.measure.de_minimis,
        "application_date": result.application_date.isoformat(),
        "version": result.version,
        "reminders": [{"id": rid, "text": text} for rid, text in result.reminders],
        "tips": [{"date": t.date.isoformat(), "amount": json_number(t.amount), "text": t.text} for t in result.tips],
    }


def range_json(result: MeasureResult) -> dict[str, Any]:
    """``{"amount_range": {min, max}}`` for an undetermined result, else nothing (docs/output.md)."""
    if result.status != "undetermined":
        return {}
    low, high = result.amount_range or (Decimal("0.00"), None)
    return {"amount_range": {"min": json_number(low), "max": json_number(high)}}


def profile_header(name: str, outcome: ProfileResult, digest: str) -> dict[str, Any]:
    """What every JSON document about a profile starts with: enough to reproduce it, and the company facts."""
    return {
        "profile": name,
        "engine_version": __version__,
        "rules_digest": digest,
        "as_of": outcome.dates["as_of"].isoformat(),
        "company": {"size": outcome.size, "nis2": outcome.nis2},
    }


def profile_json(name: str, outcome: ProfileResult, digest: str) -> dict[str, Any]:
    """A whole profile's evaluation as its JSON object (docs/output.md)."""
    de_minimis = None
    if outcome.de_minimis is not None:
        de_minimis = {key: json_number(value) for key, value in outcome.de_minimis.items()}
    return {
        **profile_header(name, outcome, digest),
        "results": [result_json(r) for r in outcome.results],
        "totals": {"amount": json_number(outcome.total), "de_minimis": de_minimis},
    }


def dumps(document: Any) -> str:
    """JSON text, UTF-8 friendly and indented, every amount exact (:func:`~engine.text.formatting.json_text`)."""
    return json_text(document)


def _by_project(outcome: ProfileResult) -> list[tuple[str, list[MeasureResult]]]:
    groups: dict[str, list[MeasureResult]] = {}
    for result in outcome.results:
        groups.setdefault(result.project, []).append(result)
    return list(groups.items())


def _amount_text(result: MeasureResult, lang: str) -> str:
    if result.status == "undetermined" and result.amount_range is not None:
        low, high = result.amount_range
        top = money(high, lang) if high is not None else say("report.no-bound", lang)
        return say("report.range", lang, low=money(low, lang), high=top)
    if result.amount is None:
        return ""
    text = money(result.amount, lang)
    if result.rate is not None and result.status == "eligible":
        text += f" ({number(result.rate)}%)"
    return text


def profile_text(name: str, outcome: ProfileResult, project_ids: list[str], lang: str) -> str:
    """The adviser's view: per project, each measure, its status and amount, and why."""
    unknown = say("report.unknown", lang)
    lines = [f"{name}", f"  {say('report.size', lang)}: {outcome.size or unknown}; NIS2: {outcome.nis2 or unknown}", ""]
    groups = dict(_by_project(outcome))
    for project in project_ids:
        results = groups.get(project, [])
        date = results[0].application_date.isoformat() if results else ""
        lines.append(
            f"{say('report.project', lang)} {project}" + (f" ({say('report.applied', lang)} {date})" if date else "")
        )
        if not results:
            lines.append(f"  {say('report.none', lang)}")
        for result in results:
            mark = f"  [{say('report.recommended', lang)}]" if result.recommended else ""
            amount = _amount_text(result, lang)
            status = say(f"status.{result.status}", lang)
            lines.append(f"  {result.title}: {status}" + (f", {amount}" if amount else "") + mark)
            for condition in result.conditions:
                if condition.holds is False:
                    lines.append(
                        f"    ✗ {condition.id}: {condition.text}"
                        + (f" ({condition.reason})" if condition.reason else "")
                    )
                elif condition.holds is None:
                    lines.append(f"    ? {condition.id}: {condition.text}")
            if result.missing:
                lines.append(f"    {say('report.missing', lang)}: {', '.join(result.missing)}")
            if result.status == "eligible":
                for line in result.explanation:
                    lines.append(f"    {line}")
            for _, text in result.reminders:
                lines.append(f"    {say('report.reminder', lang)}: {text}")
            for tip in result.tips:
                lines.append(f"    {say('report.tip', lang)}: {tip.text}")
            lines.append(f"    {say('report.source', lang)}: {result.source}")
        lines.append("")
    lines.append(f"{say('report.total', lang)}: {money(outcome.total, lang)}")
    if outcome.de_minimis is not None:
        d = outcome.de_minimis
        lines.append(
            say(
                "report.de-minimis",
                lang,
                ceiling=money(d["ceiling"], lang),
                used=money(d["used"], lang),
                now=money(d["granted_now"], lang),
                remaining=money(d["remaining"], lang),
            )
        )
    return terminal_lines(lines)


def profile_markdown(name: str, outcome: ProfileResult, project_ids: list[str], lang: str) -> str:
    """The same as text, as a Markdown document with one table per project."""
    unknown = say("report.unknown", lang)
    lines = [
        f"# {markdown_text(name)}",
        "",
        f"{say('report.size', lang)}: **{outcome.size or unknown}**; NIS2: **{outcome.nis2 or unknown}**",
        "",
    ]
    groups = dict(_by_project(outcome))
    for project in project_ids:
        results = groups.get(project, [])
        lines += [f"## {say('report.project', lang)} {markdown_code(project)}", ""]
        if not results:
            lines += [say("report.none", lang), ""]
            continue
        lines += [say("report.table-head", lang), "|---|---|---:|---:|---|"]
        for r in results:
            why = [f"✗ {markdown_code(c.id)}: {markdown_text(c.text)}" for c in r.conditions if c.holds is False]
            why += [f"? {markdown_code(c.id)}" for c in r.conditions if c.holds is None]
            if r.missing:
                why.append(f"{say('report.missing', lang)}: " + ", ".join(markdown_code(m) for m in r.missing))
            if r.status == "eligible":
                why += [markdown_text(line) for line in r.explanation]
            why += [f"{say('report.tip', lang)}: {markdown_text(tip.text)}" for tip in r.tips]
            title = markdown_link(r.title, r.source) + (
                f" ({say('report.recommended', lang)})" if r.recommended else ""
            )
            rate = f"{number(r.rate)}%" if r.rate is not None else ""
            amount = _amount_text(r, lang) if r.status == "undetermined" else ""
            amount = money(r.amount, lang) if r.amount is not None else amount
            cell = "<br>".join(why)
            lines.append(f"| {title} | {say(f'status.{r.status}', lang)} | {rate} | {amount} | {cell} |")
        lines.append("")
    lines.append(f"**{say('report.total', lang)}: {money(outcome.total, lang)}**")
    return "\n".join(lines) + "\n"


def diagnostics_text(diagnostics: Iterable[Diagnostic], lang: str = "en") -> str:
    """One diagnostic per line (`file:line:col: severity: message [code]`), hints indented below, in ``lang``."""
    return "".join(d.text(lang) + "\n" for d in diagnostics)


def diagnostics_json(diagnostics: Iterable[Diagnostic], lang: str = "en") -> str:
    """A stable JSON list of diagnostics for tools (the message and hint in ``lang``; the keys and codes stay)."""
    return dumps([d.said(lang).as_dict() for d in diagnostics])


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def diagnostics_github(diagnostics: Iterable[Diagnostic], lang: str = "en") -> str:
    """GitHub Actions workflow commands, one annotation per diagnostic (its words in ``lang``)."""
    out = []
    for said in diagnostics:
        d = said.said(lang)
        message = d.message + (f" ({say('diagnostics.hint', lang)}: {d.hint})" if d.hint else "")
        out.append(
            f"::{d.severity} file={_escape(d.file, prop=True)},line={d.line},col={d.column},"
            f"title={_escape(d.code, prop=True)}::{_escape(message)}"
        )
    return "".join(line + "\n" for line in out)
