"""The engine's own texts in Dutch and English, and how numbers and money are written.

Measure-specific texts live in the rule files; these are the few generic phrases
the engine itself needs (explanation lines, the in-force check, report headings).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
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

# The questionnaire (`subsidie ask`): its few words of its own and the reasons an answer is refused.
# The English reasons are word for word the messages `evaluate` gives for the same value in a file.
MESSAGES.update({
    "ask-yes": {"en": "yes", "nl": "ja"},
    "ask-no": {"en": "no", "nl": "nee"},
    "ask-unknown": {"en": "? or empty: I don't know", "nl": "? of leeg: weet ik niet"},
    "ask-unknown-short": {"en": "?: I don't know", "nl": "?: weet ik niet"},
    "ask-default": {"en": "Enter: {value}", "nl": "Enter: {value}"},
    "ask-choose": {"en": "Type the number or the answer.", "nl": "Typ het nummer of het antwoord."},
    "ask-choose-open": {"en": "Type the number, or any other answer.", "nl": "Typ het nummer, of een ander antwoord."},
    "ask-date": {"en": "Write the date as YYYY-MM-DD, for example 2026-03-01.",
                 "nl": "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01."},
    "ask-invalid": {"en": "Invalid answer: {reason}", "nl": "Ongeldig antwoord: {reason}"},
    "ask-hint": {"en": "hint: {hint}", "nl": "tip: {hint}"},
    "ask-required": {"en": "an answer is needed here; give your best estimate",
                     "nl": "hier is een antwoord nodig; geef je beste schatting"},
    "ask-aborted": {"en": "the input ended before the questionnaire was finished; nothing was saved",
                    "nl": "de invoer stopte voor de vragenlijst af was; er is niets bewaard"},
    "ask-saved": {"en": "Profile saved to {path}", "nl": "Profiel bewaard in {path}"},
    "ask-not-text": {"en": "the answer holds bytes that are not UTF-8 text",
                     "nl": "het antwoord bevat bytes die geen UTF-8-tekst zijn"},
    "ask-value-text": {"en": "the text '{value}'", "nl": "de tekst '{value}'"},
    "ask-value-number": {"en": "the number {value}", "nl": "het getal {value}"},
    "ask-expected": {"en": "expected {words} but found {value}", "nl": "verwacht {words}, maar gevonden: {value}"},
    "ask-a-number": {"en": "a number", "nl": "een getal"},
    "ask-a-whole-number": {"en": "a whole number", "nl": "een geheel getal"},
    "ask-true-false": {"en": "true or false", "nl": "ja of nee"},
    "ask-number-hint": {"en": "write a number with at most one decimal mark, for example 12500 or 2.5",
                        "nl": "schrijf een getal met hoogstens één decimaalteken, bijvoorbeeld 12500 of 2,5"},
    "ask-ambiguous": {"en": "'{text}' is ambiguous: {whole} written with a thousands separator, or {small} with "
                            "three decimals",
                      "nl": "'{text}' is dubbelzinnig: {whole} met een scheidingsteken voor duizendtallen, of "
                            "{small} met drie decimalen"},
    "ask-ambiguous-hint": {"en": "write {whole} or {small}, without thousands separators",
                           "nl": "schrijf {whole} of {small}, zonder scheidingsteken voor duizendtallen"},
    "ask-enum": {"en": "{value} is not allowed here; expected one of: {options}",
                 "nl": "{value} is hier niet toegelaten; verwacht een van: {options}"},
    "ask-did-you-mean": {"en": "did you mean '{option}'?", "nl": "bedoel je '{option}'?"},
    "ask-at-least": {"en": "must be at least {limit}, found {value}", "nl": "moet minstens {limit} zijn, gevonden: {value}"},
    "ask-at-most": {"en": "must be at most {limit}, found {value}", "nl": "mag hoogstens {limit} zijn, gevonden: {value}"},
    "ask-bad-date": {"en": "{value} is not a valid date", "nl": "{value} is geen geldige datum"},
    "ask-date-hint": {"en": "write dates as YYYY-MM-DD, for example 2021-09-13",
                      "nl": "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-09-13"},
    "ask-no-such-day": {"en": "'{value}' is not a valid date: {reason}", "nl": "'{value}' is geen bestaande datum"},
    "ask-no-such-day-hint": {"en": "write dates as YYYY-MM-DD with a day that exists in that month",
                             "nl": "schrijf datums als JJJJ-MM-DD, met een dag die in die maand bestaat"},
    "ask-form": {"en": "{value} does not have the expected form", "nl": "{value} heeft niet de verwachte vorm"},
    "ask-too-long": {"en": "'{value}' is too long", "nl": "'{value}' is te lang (hoogstens {limit} tekens)"},
    "ask-kbo": {"en": "the enterprise number '{number}' has the wrong check digits: expected {expected}, found {found}",
                "nl": "het ondernemingsnummer '{number}' heeft de verkeerde controlecijfers: verwacht {expected}, "
                      "gevonden {found}"},
    "ask-kbo-hint": {"en": "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are "
                           "97 minus the first eight modulo 97",
                     "nl": "neem het nummer over uit de KBO (Kruispuntbank van Ondernemingen); de laatste twee cijfers "
                           "zijn 97 min de eerste acht modulo 97"},
    "ask-duplicate": {"en": "project id '{id}' is used twice (first by project {n})",
                      "nl": "projectnaam '{id}' wordt twee keer gebruikt (eerst door project {n})"},
    "ask-duplicate-hint": {"en": "give every project its own id", "nl": "geef elk project een eigen naam"},
    "ask-before-founded": {"en": "the application date {applied} is before the company was founded ({founded})",
                           "nl": "de aanvraagdatum {applied} ligt voor de start van de onderneming ({founded})"},
})


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


# -- parameter values written into rule texts ------------------------------------------------------
# A rule text may name a parameter in braces ("at least {lowest_cost}"): the value in force
# on the application date is written in its place, in the words of the text's language. "{{" and
# "}}" stand for a brace.

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9_]*)\}|[{}]")
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def placeholders(text: str) -> tuple[list[tuple[str, int]], list[int]]:
    """The parameter names a rule text names, each with its offset, and the offsets of stray braces."""
    names, stray = [], []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1):
            names.append((match.group(1), match.start()))
        elif match.group(0) in ("{", "}"):
            stray.append(match.start())
    return names, stray


def fill(text: str, value_of: Callable[[str], str]) -> str:
    """``text`` with every ``{name}`` replaced by ``value_of(name)`` and ``{{``, ``}}`` by a brace."""
    if "{" not in text and "}" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: value_of(m.group(1)) if m.group(1) else m.group(0)[0], text)


def _decimal_text(value: Decimal | int, lang: str, grouped: bool = False) -> str:
    text = number(value) if not grouped else f"{Decimal(value):,f}"
    if grouped and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def written(value: Any, unit: str | None, lang: str) -> str:
    """A parameter's value as a rule text writes it: 'EUR 8.500', '12,5%', '14 april 2021', 'ja'."""
    if isinstance(value, bool):
        return say("ask-yes" if value else "ask-no", lang)
    if isinstance(value, _dt.date):
        return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"
    if isinstance(value, (int, Decimal)):
        if unit == "euro":
            amount = Decimal(value)
            if amount == amount.to_integral_value():
                return "EUR " + _decimal_text(amount.quantize(Decimal(1)), lang, grouped=True)
            return money(amount, lang)
        if unit == "percent":
            return _decimal_text(value, lang) + "%"
        return _decimal_text(value, lang)
    if isinstance(value, list):
        return ", ".join(written(v, unit, lang) for v in value)
    return str(value)
