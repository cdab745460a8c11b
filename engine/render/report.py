"""Turning results into JSON, and diagnostics into text, JSON and GitHub annotations.

The JSON form of an evaluation is documented in docs/output.md and the one other programs read;
what an adviser reads (text, Markdown, HTML) is the answer of :mod:`engine.render.answer`.
Diagnostics have text, JSON and GitHub workflow-command forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..diagnostics import Diagnostic
from ..evaluate.results import MeasureResult, ProfileResult
from ..text.formatting import json_number, json_text
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
