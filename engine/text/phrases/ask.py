"""The questionnaire (`subsidie ask` and the web form): its own few words and the reasons an answer is refused.

The English reasons are word for word the messages `evaluate` gives for the same value in a file.
"""

PHRASES: dict[str, dict[str, str]] = {
    "unknown": {"en": "? or empty: I don't know", "nl": "? of leeg: weet ik niet"},
    "unknown-short": {"en": "?: I don't know", "nl": "?: weet ik niet"},
    "default": {"en": "Enter: {value}", "nl": "Enter: {value}"},
    "choose": {"en": "Type the number or the answer.", "nl": "Typ het nummer of het antwoord."},
    "choose-open": {"en": "Type the number, or any other answer.", "nl": "Typ het nummer, of een ander antwoord."},
    "date": {
        "en": "Write the date as YYYY-MM-DD, for example 2026-03-01.",
        "nl": "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01.",
    },
    "invalid": {"en": "Invalid answer: {reason}", "nl": "Ongeldig antwoord: {reason}"},
    "hint": {"en": "hint: {hint}", "nl": "tip: {hint}"},
    "required": {
        "en": "an answer is needed here; give your best estimate",
        "nl": "hier is een antwoord nodig; geef je beste schatting",
    },
    "aborted": {
        "en": "the input ended before the questionnaire was finished; nothing was saved",
        "nl": "de invoer stopte voor de vragenlijst af was; er is niets bewaard",
    },
    "saved": {"en": "Profile saved to {path}", "nl": "Profiel bewaard in {path}"},
    "not-text": {
        "en": "the answer holds bytes that are not UTF-8 text",
        "nl": "het antwoord bevat bytes die geen UTF-8-tekst zijn",
    },
    "value-text": {"en": "the text '{value}'", "nl": "de tekst '{value}'"},
    "value-number": {"en": "the number {value}", "nl": "het getal {value}"},
    "expected": {"en": "expected {words} but found {value}", "nl": "verwacht {words}, maar gevonden: {value}"},
    "a-number": {"en": "a number", "nl": "een getal"},
    "a-whole-number": {"en": "a whole number", "nl": "een geheel getal"},
    "true-false": {"en": "true or false", "nl": "ja of nee"},
    "number-hint": {
        "en": "write a number with at most one decimal mark, for example 12500 or 2.5",
        "nl": "schrijf een getal met hoogstens één decimaalteken, bijvoorbeeld 12500 of 2,5",
    },
    "ambiguous": {
        "en": "'{text}' is ambiguous: {whole} written with a thousands separator, or {small} with three decimals",
        "nl": "'{text}' is dubbelzinnig: {whole} met een scheidingsteken voor duizendtallen, of "
        "{small} met drie decimalen",
    },
    "ambiguous-hint": {
        "en": "write {whole} or {small}, without thousands separators",
        "nl": "schrijf {whole} of {small}, zonder scheidingsteken voor duizendtallen",
    },
    "enum": {
        "en": "{value} is not allowed here; expected one of: {options}",
        "nl": "{value} is hier niet toegelaten; verwacht een van: {options}",
    },
    "did-you-mean": {"en": "did you mean '{option}'?", "nl": "bedoel je '{option}'?"},
    "at-least": {
        "en": "must be at least {limit}, found {value}",
        "nl": "moet minstens {limit} zijn, gevonden: {value}",
    },
    "at-most": {"en": "must be at most {limit}, found {value}", "nl": "mag hoogstens {limit} zijn, gevonden: {value}"},
    "bad-date": {"en": "{value} is not a valid date", "nl": "{value} is geen geldige datum"},
    "date-hint": {
        "en": "write dates as YYYY-MM-DD, for example 2021-09-13",
        "nl": "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-09-13",
    },
    "no-such-day": {"en": "'{value}' is not a valid date: {reason}", "nl": "'{value}' is geen bestaande datum"},
    "no-such-day-hint": {
        "en": "write dates as YYYY-MM-DD with a day that exists in that month",
        "nl": "schrijf datums als JJJJ-MM-DD, met een dag die in die maand bestaat",
    },
    "form": {"en": "{value} does not have the expected form", "nl": "{value} heeft niet de verwachte vorm"},
    "too-long": {"en": "'{value}' is too long", "nl": "'{value}' is te lang (hoogstens {limit} tekens)"},
    "kbo": {
        "en": "the enterprise number '{number}' has the wrong check digits: expected {expected}, found {found}",
        "nl": "het ondernemingsnummer '{number}' heeft de verkeerde controlecijfers: verwacht {expected}, "
        "gevonden {found}",
    },
    "kbo-hint": {
        "en": "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are "
        "97 minus the first eight modulo 97",
        "nl": "neem het nummer over uit de KBO (Kruispuntbank van Ondernemingen); de laatste twee cijfers "
        "zijn 97 min de eerste acht modulo 97",
    },
    "duplicate": {
        "en": "project id '{id}' is used twice (first by project {n})",
        "nl": "projectnaam '{id}' wordt twee keer gebruikt (eerst door project {n})",
    },
    "duplicate-hint": {"en": "give every project its own id", "nl": "geef elk project een eigen naam"},
    "before-founded": {
        "en": "the application date {applied} is before the company was founded ({founded})",
        "nl": "de aanvraagdatum {applied} ligt voor de start van de onderneming ({founded})",
    },
}

# Placeholders that only one language writes (today's texts, kept as they are): the English reason for a
# day that does not exist quotes Python's own words ('day is out of range for month'), which have no Dutch;
# the Dutch 'too long' says the limit, the English one does not. The catalogue's test checks this list.
ONE_LANGUAGE_PLACEHOLDERS: dict[str, set[str]] = {"no-such-day": {"reason"}, "too-long": {"limit"}}
