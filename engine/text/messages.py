"""The engine's own texts in Dutch and English: explanation lines, checks, statuses and the questionnaire's words.

Measure-specific texts live in the rule files; these are the few generic phrases
the engine itself needs (explanation lines, the in-force check, report headings).
How numbers and money are written is :mod:`engine.text.formatting`.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "in-force": {
        "en": "The measure exists on the application date ({start} to {end}).",
        "nl": "De maatregel bestaat op de aanvraagdatum ({start} tot {end}).",
    },
    "open-ended": {"en": "no end date", "nl": "geen einddatum"},
    "rules-in-force": {
        "en": "Rules in force on {date}: version {version} (from {start}).",
        "nl": "Regels van kracht op {date}: versie {version} (vanaf {start}).",
    },
    "part": {"en": "{rate}% of {base} = {product}", "nl": "{rate}% van {base} = {product}"},
    "part-labelled": {"en": "{label}: {rate}% of {base} = {product}", "nl": "{label}: {rate}% van {base} = {product}"},
    "sum": {"en": "Total of the parts = {total}", "nl": "Totaal van de delen = {total}"},
    "rounded": {"en": "Rounded half-up to the cent: {amount}", "nl": "Afgerond op de cent: {amount}"},
    "fixed": {"en": "Fixed amount: {amount}", "nl": "Vast bedrag: {amount}"},
    "cap-binds": {
        "en": "Cap '{id}': at most {limit}, so the amount becomes {amount}",
        "nl": "Plafond '{id}': hoogstens {limit}, dus het bedrag wordt {amount}",
    },
    "cap-free": {
        "en": "Cap '{id}': at most {limit}; {amount} stays within it",
        "nl": "Plafond '{id}': hoogstens {limit}; {amount} blijft eronder",
    },
    "cap-unknown": {
        "en": "Cap '{id}': unknown (missing facts)",
        "nl": "Plafond '{id}': onbekend (ontbrekende gegevens)",
    },
    "minimum-met": {
        "en": "Minimum '{id}': at least {limit}; {amount} reaches it",
        "nl": "Minimum '{id}': minstens {limit}; {amount} haalt het",
    },
    "minimum-missed": {
        "en": "Minimum '{id}': at least {limit}; {amount} is below it, so not eligible",
        "nl": "Minimum '{id}': minstens {limit}; {amount} is lager, dus niet in aanmerking",
    },
    "call-open": {"en": "open call: {name} ({open} to {close})", "nl": "open oproep: {name} ({open} tot {close})"},
    "call-closed": {"en": "no call open on {date}", "nl": "geen oproep open op {date}"},
    "not-given": {"en": "not given", "nl": "niet opgegeven"},
    "condition-failed": {
        "en": "Not eligible: condition '{id}' does not hold.",
        "nl": "Niet in aanmerking: voorwaarde '{id}' is niet voldaan.",
    },
    "amount-unknown": {
        "en": "The amount cannot be computed yet: missing {facts}",
        "nl": "Het bedrag kan nog niet berekend worden: ontbrekend {facts}",
    },
}

STATUS = {
    "eligible": {"en": "eligible", "nl": "in aanmerking"},
    "not_eligible": {"en": "not eligible", "nl": "niet in aanmerking"},
    "undetermined": {"en": "undetermined", "nl": "onbepaald"},
    "info": {"en": "information", "nl": "informatie"},
}

# The questionnaire (`subsidie ask`): its few words of its own and the reasons an answer is refused.
# The English reasons are word for word the messages `evaluate` gives for the same value in a file.
MESSAGES.update(
    {
        "ask-yes": {"en": "yes", "nl": "ja"},
        "ask-no": {"en": "no", "nl": "nee"},
        "ask-unknown": {"en": "? or empty: I don't know", "nl": "? of leeg: weet ik niet"},
        "ask-unknown-short": {"en": "?: I don't know", "nl": "?: weet ik niet"},
        "ask-default": {"en": "Enter: {value}", "nl": "Enter: {value}"},
        "ask-choose": {"en": "Type the number or the answer.", "nl": "Typ het nummer of het antwoord."},
        "ask-choose-open": {
            "en": "Type the number, or any other answer.",
            "nl": "Typ het nummer, of een ander antwoord.",
        },
        "ask-date": {
            "en": "Write the date as YYYY-MM-DD, for example 2026-03-01.",
            "nl": "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01.",
        },
        "ask-invalid": {"en": "Invalid answer: {reason}", "nl": "Ongeldig antwoord: {reason}"},
        "ask-hint": {"en": "hint: {hint}", "nl": "tip: {hint}"},
        "ask-required": {
            "en": "an answer is needed here; give your best estimate",
            "nl": "hier is een antwoord nodig; geef je beste schatting",
        },
        "ask-aborted": {
            "en": "the input ended before the questionnaire was finished; nothing was saved",
            "nl": "de invoer stopte voor de vragenlijst af was; er is niets bewaard",
        },
        "ask-saved": {"en": "Profile saved to {path}", "nl": "Profiel bewaard in {path}"},
        "ask-not-text": {
            "en": "the answer holds bytes that are not UTF-8 text",
            "nl": "het antwoord bevat bytes die geen UTF-8-tekst zijn",
        },
        "ask-value-text": {"en": "the text '{value}'", "nl": "de tekst '{value}'"},
        "ask-value-number": {"en": "the number {value}", "nl": "het getal {value}"},
        "ask-expected": {"en": "expected {words} but found {value}", "nl": "verwacht {words}, maar gevonden: {value}"},
        "ask-a-number": {"en": "a number", "nl": "een getal"},
        "ask-a-whole-number": {"en": "a whole number", "nl": "een geheel getal"},
        "ask-true-false": {"en": "true or false", "nl": "ja of nee"},
        "ask-number-hint": {
            "en": "write a number with at most one decimal mark, for example 12500 or 2.5",
            "nl": "schrijf een getal met hoogstens één decimaalteken, bijvoorbeeld 12500 of 2,5",
        },
        "ask-ambiguous": {
            "en": "'{text}' is ambiguous: {whole} written with a thousands separator, or {small} with three decimals",
            "nl": "'{text}' is dubbelzinnig: {whole} met een scheidingsteken voor duizendtallen, of "
            "{small} met drie decimalen",
        },
        "ask-ambiguous-hint": {
            "en": "write {whole} or {small}, without thousands separators",
            "nl": "schrijf {whole} of {small}, zonder scheidingsteken voor duizendtallen",
        },
        "ask-enum": {
            "en": "{value} is not allowed here; expected one of: {options}",
            "nl": "{value} is hier niet toegelaten; verwacht een van: {options}",
        },
        "ask-did-you-mean": {"en": "did you mean '{option}'?", "nl": "bedoel je '{option}'?"},
        "ask-at-least": {
            "en": "must be at least {limit}, found {value}",
            "nl": "moet minstens {limit} zijn, gevonden: {value}",
        },
        "ask-at-most": {
            "en": "must be at most {limit}, found {value}",
            "nl": "mag hoogstens {limit} zijn, gevonden: {value}",
        },
        "ask-bad-date": {"en": "{value} is not a valid date", "nl": "{value} is geen geldige datum"},
        "ask-date-hint": {
            "en": "write dates as YYYY-MM-DD, for example 2021-09-13",
            "nl": "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-09-13",
        },
        "ask-no-such-day": {"en": "'{value}' is not a valid date: {reason}", "nl": "'{value}' is geen bestaande datum"},
        "ask-no-such-day-hint": {
            "en": "write dates as YYYY-MM-DD with a day that exists in that month",
            "nl": "schrijf datums als JJJJ-MM-DD, met een dag die in die maand bestaat",
        },
        "ask-form": {"en": "{value} does not have the expected form", "nl": "{value} heeft niet de verwachte vorm"},
        "ask-too-long": {"en": "'{value}' is too long", "nl": "'{value}' is te lang (hoogstens {limit} tekens)"},
        "ask-kbo": {
            "en": "the enterprise number '{number}' has the wrong check digits: expected {expected}, found {found}",
            "nl": "het ondernemingsnummer '{number}' heeft de verkeerde controlecijfers: verwacht {expected}, "
            "gevonden {found}",
        },
        "ask-kbo-hint": {
            "en": "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are "
            "97 minus the first eight modulo 97",
            "nl": "neem het nummer over uit de KBO (Kruispuntbank van Ondernemingen); de laatste twee cijfers "
            "zijn 97 min de eerste acht modulo 97",
        },
        "ask-duplicate": {
            "en": "project id '{id}' is used twice (first by project {n})",
            "nl": "projectnaam '{id}' wordt twee keer gebruikt (eerst door project {n})",
        },
        "ask-duplicate-hint": {"en": "give every project its own id", "nl": "geef elk project een eigen naam"},
        "ask-before-founded": {
            "en": "the application date {applied} is before the company was founded ({founded})",
            "nl": "de aanvraagdatum {applied} ligt voor de start van de onderneming ({founded})",
        },
        "work-limit": {
            "en": "the evaluation stopped: it needs more than the {steps} steps of work {what} may take "
            "(the rules and the profile are too large together: fewer projects, aid entries or conditions)",
            "nl": "de evaluatie is gestopt: ze vraagt meer dan de {steps} stappen werk die {what} mag kosten "
            "(de regels en het profiel zijn samen te groot: minder projecten, steunbedragen of voorwaarden)",
        },
        "work-profile": {"en": "one profile", "nl": "één profiel"},
        "work-command": {"en": "one command", "nl": "één opdracht"},
    }
)


def say(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang``, filled in."""
    return MESSAGES[key][lang].format(**values)
