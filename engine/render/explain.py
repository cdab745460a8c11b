"""`subsidie explain`: the full trace of how each result came about.

For every (project, measure): the version and every parameter value in force on
the application date (with the date it holds from and its source), each condition
with the expression and the values it read, each step of the amount with its
numbers, each cap and minimum, and every read of the aid history (yearly caps,
the de minimis ledger, once-only rules) with the grants it counted.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..evaluate.results import ConditionResult, MeasureResult, ProfileResult
from ..language.functions import AidEntry, AidRead
from ..language.runtime import Missing
from ..text.escaping import terminal_lines
from ..text.formatting import json_number, money, show
from ..text.messages import STATUS
from .report import profile_header

_WORDS = {
    "en": {
        "project": "Project",
        "measure": "measure",
        "applied": "applied",
        "version": "version",
        "none": "none",
        "parameters": "Parameters in force",
        "from": "from",
        "conditions": "Conditions",
        "amount": "Amount",
        "history": "Aid history read",
        "no-entries": "no grants",
        "received": "received",
        "result": "Result",
        "missing": "missing",
        "all": "all",
        "de-minimis": "de minimis only",
        "not-de-minimis": "not de minimis",
        "reminders": "Reminders",
        "unknown": "not given",
        "header": "Explanation",
        "as-of": "as of",
    },
    "nl": {
        "project": "Project",
        "measure": "maatregel",
        "applied": "aanvraag",
        "version": "versie",
        "none": "geen",
        "parameters": "Parameters van kracht",
        "from": "vanaf",
        "conditions": "Voorwaarden",
        "amount": "Bedrag",
        "history": "Gelezen steungeschiedenis",
        "no-entries": "geen steun",
        "received": "ontvangen",
        "result": "Resultaat",
        "missing": "ontbreekt",
        "all": "alle",
        "de-minimis": "enkel de minimis",
        "not-de-minimis": "geen de minimis",
        "reminders": "Herinneringen",
        "unknown": "niet opgegeven",
        "header": "Uitleg",
        "as-of": "datum",
    },
}


def _value(value: Any) -> Any:
    """A value as JSON: numbers as numbers, dates as texts, tables and lists kept."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Missing):
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return json_number(value)


def _entry(entry: AidEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "amount": json_number(entry.amount),
        "measure": entry.measure,
        "de_minimis": entry.de_minimis,
        "origin": entry.origin,
    }


def _read(read: AidRead) -> dict[str, Any]:
    return {
        "from": read.start.isoformat() if isinstance(read.start, _dt.date) else None,
        "to": read.end.isoformat() if isinstance(read.end, _dt.date) else None,
        "measure": read.measure,
        "de_minimis": read.de_minimis,
        "entries": [_entry(e) for e in read.entries],
        "total": json_number(sum((e.amount for e in read.entries), 0)),
    }


def _condition(condition: ConditionResult) -> dict[str, Any]:
    return {
        "id": condition.id,
        "holds": condition.holds,
        "text": condition.text,
        "expression": condition.expression or None,
        "values": [
            {"name": name, "value": _value(value), "given": not isinstance(value, Missing)}
            for name, value in condition.reads
        ],
        "missing": sorted(condition.missing),
    }


def result_trace(result: MeasureResult) -> dict[str, Any]:
    """The trace of one (project, measure) result, as JSON-ready data."""
    version = next((v for v in result.measure.versions if v.id == result.version), None)
    return {
        "project": result.project,
        "measure": result.measure.id,
        "title": result.title,
        "application_date": result.application_date.isoformat(),
        "status": result.status,
        "rate": json_number(result.rate),
        "base": json_number(result.base),
        "amount": json_number(result.amount),
        "recommended": result.recommended,
        "version": None
        if version is None
        else {"id": version.id, "from": version.start.isoformat(), "source": version.source},
        "parameters": [
            {
                "name": name,
                "value": _value(entry.value),
                "from": entry.start.isoformat(),
                "source": entry.source,
                "origin": entry.origin,
            }
            for name, entry in sorted(result.parameters.items())
        ],
        "conditions": [_condition(c) for c in result.conditions],
        "steps": list(result.explanation),
        "aid_history": _unique([_read(r) for r in result.aid_reads]),
        "missing": list(result.missing),
        "reminders": [{"id": rid, "text": text} for rid, text in result.reminders],
        "source": result.source,
    }


def _unique(reads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for read in reads:
        key = (read["from"], read["to"], read["measure"], read["de_minimis"])
        if key not in seen:
            seen.add(key)
            out.append(read)
    return out


def explain_json(
    name: str, outcome: ProfileResult, digest: str, project: str | None = None, measure: str | None = None
) -> dict[str, Any]:
    """The whole trace of a profile's evaluation, optionally of one project and/or measure."""
    results = [
        r
        for r in outcome.results
        if (project is None or r.project == project) and (measure is None or r.measure.id == measure)
    ]
    return {**profile_header(name, outcome, digest), "explanations": [result_trace(r) for r in results]}


def explain_text(document: dict[str, Any], lang: str) -> str:
    """The trace as text for people."""
    w = _WORDS[lang]
    lines = [
        f"{w['header']}: {document['profile']} (subsidie {document['engine_version']}, "
        f"{document['rules_digest'][:19]}…, {w['as-of']} {document['as_of']})"
    ]
    for item in document["explanations"]:
        lines += [
            "",
            f"{w['project']} {item['project']}, {w['measure']} {item['measure']} "
            f"({w['applied']} {item['application_date']})",
        ]
        version = item["version"]
        lines.append(
            f"  {w['version']}: "
            + (f"{version['id']} ({w['from']} {version['from']}, {version['source']})" if version else w["none"])
        )
        lines.append(f"  {w['parameters']}:")
        for p in item["parameters"]:
            lines.append(
                f"    {p['name']} = {show(_from_json(p['value']), lang)}  ({w['from']} {p['from']}, {p['source']})"
            )
        lines.append(f"  {w['conditions']}:")
        for c in item["conditions"]:
            mark = {True: "✓", False: "✗", None: "?"}[c["holds"]]
            head = f"    {mark} {c['id']}" + (f": {c['expression']}" if c["expression"] else "")
            lines.extend(head.split("\n"))  # an expression written over several lines keeps them
            values = "; ".join(
                f"{v['name']} = {show(_from_json(v['value']), lang)}" if v["given"] else f"{v['name']}: {w['unknown']}"
                for v in c["values"]
            )
            if values:
                lines.append(f"        {values}")
        if item["steps"]:
            lines.append(f"  {w['amount']}:")
            lines += [f"    {step}" for step in item["steps"]]
        if item["aid_history"]:
            lines.append(f"  {w['history']}:")
            for read in item["aid_history"]:
                span = f"{read['from'] or '…'} – {read['to'] or '…'}"
                which = read["measure"] or w["all"]
                if read["de_minimis"] is True:
                    which += f", {w['de-minimis']}"
                lines.append(f"    {span} ({which}): {money(_dec(read['total']), lang)}")
                if not read["entries"]:
                    lines.append(f"      {w['no-entries']}")
                for e in read["entries"]:
                    origin = w["received"] if e["origin"] == "received" else e["origin"]
                    lines.append(f"      {e['date']} {money(_dec(e['amount']), lang)} {e['measure'] or ''} ({origin})")
        amount = money(_dec(item["amount"]), lang) if item["amount"] is not None else ""
        lines.append(f"  {w['result']}: {STATUS[item['status']][lang]}" + (f", {amount}" if amount else ""))
        if item["missing"]:
            lines.append(f"    {w['missing']}: {', '.join(item['missing'])}")
    return terminal_lines(lines)


def _dec(value: Any) -> Any:
    from decimal import Decimal

    return Decimal(str(value))


def _from_json(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
