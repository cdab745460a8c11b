"""The engine's own texts in Dutch and English, and how numbers and money are written.

Measure-specific texts live in the rule files; these are the few generic phrases
the engine itself needs (explanation lines, the in-force check, report headings).
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")

MESSAGES: dict[str, dict[str, str]] = {
    "in-force": {"en": "The measure exists on the application date ({start} to {end}).",
                 "nl": "De maatregel bestaat op de aanvraagdatum ({start} tot {end})."},
    "open-ended": {"en": "no end date", "nl": "geen einddatum"},
    "rules-in-force": {"en": "Rules in force on {date}: version {version} (from {start}).",
                       "nl": "Regels van kracht op {date}: versie {version} (vanaf {start})."},
    "part": {"en": "{rate}% of {base} = {product}", "nl": "{rate}% van {base} = {product}"},
    "part-labelled": {"en": "{label}: {rate}% of {base} = {product}",
                      "nl": "{label}: {rate}% van {base} = {product}"},
    "sum": {"en": "Total of the parts = {total}", "nl": "Totaal van de delen = {total}"},
    "rounded": {"en": "Rounded half-up to the cent: {amount}", "nl": "Afgerond op de cent: {amount}"},
    "fixed": {"en": "Fixed amount: {amount}", "nl": "Vast bedrag: {amount}"},
    "cap-binds": {"en": "Cap '{id}': at most {limit}, so the amount becomes {amount}",
                  "nl": "Plafond '{id}': hoogstens {limit}, dus het bedrag wordt {amount}"},
    "cap-free": {"en": "Cap '{id}': at most {limit}; {amount} stays within it",
                 "nl": "Plafond '{id}': hoogstens {limit}; {amount} blijft eronder"},
    "cap-unknown": {"en": "Cap '{id}': unknown (missing facts)", "nl": "Plafond '{id}': onbekend (ontbrekende gegevens)"},
    "minimum-met": {"en": "Minimum '{id}': at least {limit}; {amount} reaches it",
                    "nl": "Minimum '{id}': minstens {limit}; {amount} haalt het"},
    "minimum-missed": {"en": "Minimum '{id}': at least {limit}; {amount} is below it, so not eligible",
                       "nl": "Minimum '{id}': minstens {limit}; {amount} is lager, dus niet in aanmerking"},
    "call-open": {"en": "open call: {name} ({open} to {close})", "nl": "open oproep: {name} ({open} tot {close})"},
    "call-closed": {"en": "no call open on {date}", "nl": "geen oproep open op {date}"},
    "not-given": {"en": "not given", "nl": "niet opgegeven"},
    "condition-failed": {"en": "Not eligible: condition '{id}' does not hold.",
                         "nl": "Niet in aanmerking: voorwaarde '{id}' is niet voldaan."},
    "amount-unknown": {"en": "The amount cannot be computed yet: missing {facts}",
                       "nl": "Het bedrag kan nog niet berekend worden: ontbrekend {facts}"},
}

STATUS = {
    "eligible": {"en": "eligible", "nl": "in aanmerking"},
    "not_eligible": {"en": "not eligible", "nl": "niet in aanmerking"},
    "undetermined": {"en": "undetermined", "nl": "onbepaald"},
    "info": {"en": "information", "nl": "informatie"},
}


def say(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang``, filled in."""
    return MESSAGES[key][lang].format(**values)


def round_money(value: Decimal | int) -> Decimal:
    """Round half-up to the cent: the one rounding every amount gets."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def number(value: Any) -> str:
    """A number without needless zeros or exponent: 12, 37.5, 0.25."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def money(value: Decimal | int, lang: str) -> str:
    """Euro with two decimals: 'EUR 10,000.00' (en) or 'EUR 10.000,00' (nl)."""
    text = f"{round_money(value):,.2f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"EUR {text}"


def show(value: Any, lang: str) -> str:
    """A value as it reads in an explanation."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return number(value)
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(show(v, lang) for v in value[:8]) + (", ..." if len(value) > 8 else "") + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v, lang)}" for k, v in list(value.items())[:8]) + "}"
    return str(value)
