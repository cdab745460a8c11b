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
from ..text.messages import say
from .report import profile_header, range_json


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
        **range_json(result),
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
    lines = [
        f"{say('explain.header', lang)}: {document['profile']} (subsidie {document['engine_version']}, "
        f"{document['rules_digest'][:19]}…, {say('explain.as-of', lang)} {document['as_of']})"
    ]
    for item in document["explanations"]:
        lines += [
            "",
            f"{say('explain.project', lang)} {item['project']}, {say('explain.measure', lang)} {item['measure']} "
            f"({say('explain.applied', lang)} {item['application_date']})",
        ]
        version = item["version"]
        lines.append(
            f"  {say('explain.version', lang)}: "
            + (
                f"{version['id']} ({say('explain.from', lang)} {version['from']}, {version['source']})"
                if version
                else say("explain.none", lang)
            )
        )
        lines.append(f"  {say('explain.parameters', lang)}:")
        for p in item["parameters"]:
            value = show(_from_json(p["value"]), lang)
            lines.append(f"    {p['name']} = {value}  ({say('explain.from', lang)} {p['from']}, {p['source']})")
        lines.append(f"  {say('explain.conditions', lang)}:")
        for c in item["conditions"]:
            mark = {True: "✓", False: "✗", None: "?"}[c["holds"]]
            head = f"    {mark} {c['id']}" + (f": {c['expression']}" if c["expression"] else "")
            lines.extend(head.split("\n"))  # an expression written over several lines keeps them
            values = "; ".join(
                f"{v['name']} = {show(_from_json(v['value']), lang)}"
                if v["given"]
                else f"{v['name']}: {say('explain.unknown', lang)}"
                for v in c["values"]
            )
            if values:
                lines.append(f"        {values}")
        if item["steps"]:
            lines.append(f"  {say('explain.amount', lang)}:")
            lines += [f"    {step}" for step in item["steps"]]
        if item["aid_history"]:
            lines.append(f"  {say('explain.history', lang)}:")
            for read in item["aid_history"]:
                span = f"{read['from'] or '…'} – {read['to'] or '…'}"
                which = read["measure"] or say("explain.all", lang)
                if read["de_minimis"] is True:
                    which += f", {say('explain.de-minimis', lang)}"
                lines.append(f"    {span} ({which}): {money(_dec(read['total']), lang)}")
                if not read["entries"]:
                    lines.append(f"      {say('explain.no-entries', lang)}")
                for e in read["entries"]:
                    origin = say("explain.received", lang) if e["origin"] == "received" else e["origin"]
                    lines.append(f"      {e['date']} {money(_dec(e['amount']), lang)} {e['measure'] or ''} ({origin})")
        amount = money(_dec(item["amount"]), lang) if item["amount"] is not None else ""
        status = say(f"status.{item['status']}", lang)
        lines.append(f"  {say('explain.result', lang)}: {status}" + (f", {amount}" if amount else ""))
        if item["missing"]:
            lines.append(f"    {say('explain.missing', lang)}: {', '.join(item['missing'])}")
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
