"""What a schema check says about a value of a rule file, a case file or a profile beyond its type and keys (those
are in :mod:`.diagnostics`): a name that is not valid, a form that is not allowed, a value out of range, a list or
text too long or too short, and the hint for each form a schema's ``x-hint`` names (the schemas' own descriptions
are in English only)."""

PHRASES: dict[str, dict[str, str]] = {
    # schema checks: names, forms, ranges, sizes
    "schema-name": {
        "en": "'{name}' is not a valid name in {owner}{why}",
        "nl": "'{name}' is geen geldige naam in {owner}{why}",
    },
    "schema-name-lookalike": {
        "en": ": it holds '{character}' ({unicode}), which only looks like a plain letter",
        "nl": ": het bevat '{character}' ({unicode}), dat er enkel uitziet als een gewone letter",
    },
    "schema-names": {
        "en": "a name in '{owner}' is not valid: '{name}'",
        "nl": "een naam in '{owner}' is niet geldig: '{name}'",
    },
    "schema-names-hint": {
        "en": "names are lower-case letters, digits and underscores",
        "nl": "namen bestaan uit kleine letters, cijfers en liggende streepjes (_)",
    },
    "schema-form": {
        "en": "'{name}' does not have an allowed form",
        "nl": "'{name}' heeft geen toegelaten vorm",
    },
    "schema-format": {"en": "{value} is not a valid {format}", "nl": "{value} is geen geldige {format}"},
    "schema-list-short": {
        "en": "the list has {count} items; at least {limit} are needed",
        "nl": "de lijst heeft {count} elementen; er zijn er minstens {limit} nodig",
    },
    "schema-text-short": {
        "en": "the text has {count} characters; at least {limit} are needed",
        "nl": "de tekst heeft {count} tekens; er zijn er minstens {limit} nodig",
    },
    "schema-not": {
        "en": "'{name}' holds keys that cannot be used together",
        "nl": "'{name}' bevat sleutels die niet samen gebruikt kunnen worden",
    },
    "schema-other": {
        "en": "'{name}' does not meet the schema's rule '{keyword}'",
        "nl": "'{name}' voldoet niet aan de regel '{keyword}' van het schema",
    },
    # the forms the schemas' patterns ask for (x-hint), as hints
    "form-id": {
        "en": "an id: lower-case letters and digits, words joined by hyphens (for example cyber-scan)",
        "nl": "een id: kleine letters en cijfers, woorden verbonden met koppeltekens (bijvoorbeeld cyber-scan)",
    },
    "form-name": {
        "en": "a name used in expressions: lower-case letters, digits and underscores, starting with a letter",
        "nl": "een naam voor uitdrukkingen: kleine letters, cijfers en liggende streepjes (_), die met een letter "
        "begint",
    },
    "form-url": {
        "en": "a web address starting with http:// or https://",
        "nl": "een webadres dat begint met http:// of https://",
    },
    "form-table-key": {
        "en": "the keys of a table are lower-case letters, digits and underscores (for example small, medium)",
        "nl": "de sleutels van een tabel bestaan uit kleine letters, cijfers en liggende streepjes (bijvoorbeeld "
        "small, medium)",
    },
    "form-kbo": {
        "en": "the Belgian enterprise number (KBO/BCE): ten digits starting with 0 or 1, for example 0566.988.259",
        "nl": "het Belgische ondernemingsnummer (KBO): tien cijfers die met 0 of 1 beginnen, bijvoorbeeld 0566.988.259",
    },
    "form-nace": {
        "en": 'a NACE-BEL code as text (in quotes), for example "62.010"',
        "nl": 'een NACE-BEL-code als tekst (tussen aanhalingstekens), bijvoorbeeld "62.010"',
    },
    "form-texts": {
        "en": "one text, or a Dutch and an English one: {{nl: ..., en: ...}}",
        "nl": "één tekst, of een Nederlandse en een Engelse: {{nl: ..., en: ...}}",
    },
    "form-value": {
        "en": "a number, a text, true or false, a date, a list, or a table (for example {{small: 50, medium: 40}})",
        "nl": "een getal, een tekst, true of false, een datum, een lijst of een tabel (bijvoorbeeld {{small: 50, "
        "medium: 40}})",
    },
    "form-condition": {
        "en": "a condition ('id', 'when', 'text' and 'source'), or {{use: id}} for a shared one",
        "nl": "een voorwaarde ('id', 'when', 'text' en 'source'), of {{use: id}} voor een gedeelde",
    },
    "form-amount": {
        "en": "an amount has a rate and a base, or parts, or a fixed amount: exactly one of the three",
        "nl": "een bedrag heeft een rate en een base, of parts, of een vast bedrag (fixed): precies één van de drie",
    },
    "form-case-profile": {
        "en": "the profile written here, or the path of a profile file relative to this file",
        "nl": "het profiel hier uitgeschreven, of het pad van een profielbestand vanaf dit bestand",
    },
    "schema-range-minimum": {
        "en": "must be at least {limit}, found {value}",
        "nl": "moet minstens {limit} zijn, gevonden: {value}",
    },
    "schema-range-maximum": {
        "en": "must be at most {limit}, found {value}",
        "nl": "mag hoogstens {limit} zijn, gevonden: {value}",
    },
    "schema-range-exclusive-minimum": {
        "en": "must be more than {limit}, found {value}",
        "nl": "moet meer dan {limit} zijn, gevonden: {value}",
    },
    "schema-range-exclusive-maximum": {
        "en": "must be less than {limit}, found {value}",
        "nl": "moet minder dan {limit} zijn, gevonden: {value}",
    },
    "schema-size-list": {
        "en": "the list has {count} items; at most {limit} are allowed",
        "nl": "de lijst heeft {count} elementen; hoogstens {limit} zijn toegelaten",
    },
    "schema-size-text": {
        "en": "the text has {count} characters; at most {limit} are allowed",
        "nl": "de tekst heeft {count} tekens; hoogstens {limit} zijn toegelaten",
    },
    "schema-repeated": {"en": "the list has repeated items", "nl": "de lijst bevat herhaalde elementen"},
    "schema-repeated-hint": {"en": "list each item once", "nl": "vermeld elk element één keer"},
    "empty-list": {"en": "the list is empty", "nl": "de lijst is leeg"},
    "empty-text": {"en": "the text is empty", "nl": "de tekst is leeg"},
    "empty": {"en": "it is empty", "nl": "het is leeg"},
}
