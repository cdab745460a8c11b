"""What ``validate`` says about the rule set as a whole (the checks of :mod:`engine.load.checks`): dated values
and their units, call windows, versions, names, ids, conditions, texts and facts; each message and hint of a
diagnostic in Dutch and English. The words around them (error, hint) are in :mod:`.diagnostics`."""

PHRASES: dict[str, dict[str, str]] = {
    # dated values and their units
    "timeline-order-after": {
        "en": "the dates of parameter '{name}' must increase: {date} comes after {other}",
        "nl": "de datums van parameter '{name}' moeten oplopen: {date} staat na {other}",
    },
    "timeline-order-before": {
        "en": "the dates of parameter '{name}' must increase: {date} comes before {other}",
        "nl": "de datums van parameter '{name}' moeten oplopen: {date} staat voor {other}",
    },
    "timeline-order-hint": {
        "en": "the values go from the oldest to the newest date: correct this date, or move this value to just "
        "after the one from {after}",
        "nl": "de waarden gaan van de oudste naar de nieuwste datum: verbeter deze datum, of zet deze waarde net na "
        "die van {after}",
    },
    "timeline-order-hint-top": {
        "en": "the values go from the oldest to the newest date: correct this date, or move this value to the top "
        "of the list",
        "nl": "de waarden gaan van de oudste naar de nieuwste datum: verbeter deze datum, of zet deze waarde "
        "bovenaan de lijst",
    },
    "timeline-duplicate": {
        "en": "parameter '{name}' gets two values from {date} ({first} and {second})",
        "nl": "parameter '{name}' krijgt twee waarden vanaf {date} ({first} en {second})",
    },
    "timeline-duplicate-hint": {"en": "keep one value per date", "nl": "hou één waarde per datum"},
    "parameter-kinds": {
        "en": "parameter '{name}' holds {here} here but {kind} elsewhere",
        "nl": "parameter '{name}' bevat hier {here} maar elders {kind}",
    },
    "parameter-kinds-hint": {
        "en": "every value of a parameter must be of the same kind",
        "nl": "elke waarde van een parameter moet van dezelfde soort zijn",
    },
    "yaml-boolean-value": {
        "en": "YAML reads the bare word '{word}' as {value} in '{name}'",
        "nl": "YAML leest het losse woord '{word}' als {value} in '{name}'",
    },
    "quote-it": {"en": "put it in quotes: '{word}'", "nl": "zet het tussen aanhalingstekens: '{word}'"},
    "not-a-number": {"en": "'{text}' in '{name}' is not a number", "nl": "'{text}' in '{name}' is geen getal"},
    "not-a-number-percent-hint": {
        "en": "write the number alone: {number}",
        "nl": "schrijf alleen het getal: {number} (zonder %)",
    },
    "not-a-number-hint": {
        "en": "write a plain number, without quotes or units",
        "nl": "schrijf een gewoon getal, zonder aanhalingstekens of eenheid",
    },
    "rate-range": {
        "en": "the percentage {number} of '{name}' is outside 0 to 100",
        "nl": "het percentage {number} van '{name}' ligt niet tussen 0 en 100",
    },
    "rate-range-hint": {
        "en": "write a percentage as a number from 0 to 100, for example 12.5 for 12.5%",
        "nl": "schrijf een percentage als een getal van 0 tot 100, bijvoorbeeld 12.5 voor 12,5%",
    },
    "negative-amount": {
        "en": "the amount {number} of '{name}' is negative",
        "nl": "het bedrag {number} van '{name}' is negatief",
    },
    "euro-thousands": {
        "en": "'{number}' in '{name}' is EUR {cents}: a point in a number is the decimal point",
        "nl": "'{number}' in '{name}' is EUR {cents}: een punt in een getal is de decimale komma",
    },
    "euro-thousands-hint": {
        "en": "for {whole} euro write {whole}, without a thousands separator",
        "nl": "schrijf voor {whole} euro {whole}, zonder scheidingsteken voor duizendtallen",
    },
    "euro-fraction": {
        "en": "'{number}' in '{name}' has cents; VLAIO's amounts are whole euro",
        "nl": "'{number}' in '{name}' heeft centen; de bedragen van VLAIO zijn hele euro",
    },
    "euro-fraction-hint": {
        "en": "write whole euro, for example {whole}; leave it if the cents are meant",
        "nl": "schrijf hele euro, bijvoorbeeld {whole}; laat het staan als de centen bedoeld zijn",
    },
    "owner-measure": {"en": "measure '{id}'", "nl": "maatregel '{id}'"},
    "owner-version": {
        "en": "version '{version}' of measure '{measure}'",
        "nl": "versie '{version}' van maatregel '{measure}'",
    },
    "unused-parameter": {
        "en": "parameter '{name}' is not used by any expression",
        "nl": "parameter '{name}' wordt door geen enkele uitdrukking gebruikt",
    },
    "parameter-gap-none": {
        "en": "parameter '{name}' has no value at all",
        "nl": "parameter '{name}' heeft geen enkele waarde",
    },
    "parameter-gap-none-hint": {
        "en": "add a value under 'values' or in a version",
        "nl": "geef een waarde onder 'values' of in een versie",
    },
    "parameter-gap": {
        "en": "parameter '{name}' has no value from {first} (when {whose} starts) until {start}",
        "nl": "parameter '{name}' heeft geen waarde van {first} (wanneer {whose} begint) tot {start}",
    },
    "parameter-gap-hint": {"en": "give it a value from {first}", "nl": "geef hem een waarde vanaf {first}"},
    "value-never-applies-early": {
        "en": "the value of '{name}' from {date} never applies: {owner} starts on {start} and a later value holds by "
        "then",
        "nl": "de waarde van '{name}' vanaf {date} geldt nooit: {owner} begint op {start} en dan geldt al een latere "
        "waarde",
    },
    "remove-it": {"en": "remove it", "nl": "verwijder ze"},
    "value-never-applies-late": {
        "en": "the value of '{name}' from {date} never applies: {owner} ends on {end}",
        "nl": "de waarde van '{name}' vanaf {date} geldt nooit: {owner} eindigt op {end}",
    },
    "value-never-applies-late-hint": {
        "en": "remove it or move the end date",
        "nl": "verwijder ze of verschuif de einddatum",
    },
    # calls and versions
    "call-dates": {
        "en": "call '{name}' closes on {close}, before it opens on {open}",
        "nl": "oproep '{name}' sluit op {close}, voor hij opent op {open}",
    },
    "call-order-after": {
        "en": "call '{name}' opens on {open}, after a call that opens on {other}",
        "nl": "oproep '{name}' opent op {open}, na een oproep die opent op {other}",
    },
    "call-order-before": {
        "en": "call '{name}' opens on {open}, before a call that opens on {other}",
        "nl": "oproep '{name}' opent op {open}, voor een oproep die opent op {other}",
    },
    "call-order-hint": {
        "en": "list the calls from the oldest to the newest: correct this date, or move this call to just after the "
        "one that opens on {after}",
        "nl": "zet de oproepen van de oudste naar de nieuwste: verbeter deze datum, of zet deze oproep net na die "
        "die opent op {after}",
    },
    "call-order-hint-top": {
        "en": "list the calls from the oldest to the newest: correct this date, or move this call to the top of the "
        "list",
        "nl": "zet de oproepen van de oudste naar de nieuwste: verbeter deze datum, of zet deze oproep bovenaan de "
        "lijst",
    },
    "call-overlap": {
        "en": "call '{name}' opens on {open}, while call '{other}' is open until {close}",
        "nl": "oproep '{name}' opent op {open}, terwijl oproep '{other}' open is tot {close}",
    },
    "call-overlap-hint": {
        "en": "calls may not overlap: check the year of this date, or end the earlier call the day before",
        "nl": "oproepen mogen niet overlappen: kijk het jaar van deze datum na, of laat de vorige oproep de dag "
        "ervoor eindigen",
    },
    # names, ids and texts of the rule set
    "duplicate-shared-condition": {
        "en": "shared condition '{id}' is defined twice",
        "nl": "de gedeelde voorwaarde '{id}' is twee keer gedefinieerd",
    },
    "duplicate-condition": {
        "en": "condition id '{id}' is used twice",
        "nl": "de voorwaarde-id '{id}' wordt twee keer gebruikt",
    },
    "duplicate-condition-hint": {"en": "give every condition its own id", "nl": "geef elke voorwaarde een eigen id"},
    "id-mismatch": {
        "en": "the id '{id}' differs from the file name '{stem}'",
        "nl": "de id '{id}' verschilt van de bestandsnaam '{stem}'",
    },
    "id-mismatch-hint": {
        "en": "name the file {id}.yaml, or change the id to '{stem}'",
        "nl": "noem het bestand {id}.yaml, of verander de id in '{stem}'",
    },
    "duplicate-parameter": {
        "en": "parameter '{name}' is also defined in {file}",
        "nl": "parameter '{name}' is ook gedefinieerd in {file}",
    },
    "duplicate-name": {
        "en": "the name '{name}' is also defined in {file}",
        "nl": "de naam '{name}' is ook gedefinieerd in {file}",
    },
    "reserved-name": {
        "en": "'{name}' is a reserved word in expressions and cannot name a parameter",
        "nl": "'{name}' is een gereserveerd woord in uitdrukkingen en kan geen parameter benoemen",
    },
    "reserved-name-hint": {"en": "choose a more specific name", "nl": "kies een specifiekere naam"},
    "parameter-hides-shared": {
        "en": "the parameter '{name}' hides a shared fact or parameter of the same name",
        "nl": "de parameter '{name}' verbergt een gedeeld feit of een gedeelde parameter met dezelfde naam",
    },
    "choose-another-name": {"en": "choose another name", "nl": "kies een andere naam"},
    "duplicate-measure": {
        "en": "measure id '{id}' is used twice",
        "nl": "de maatregel-id '{id}' wordt twee keer gebruikt",
    },
    "text-brace": {"en": "a lone '{brace}' in a text", "nl": "een losse '{brace}' in een tekst"},
    "text-brace-hint": {
        "en": "write {{name}} to show a parameter's value, or {{{{ and }}}} for a brace",
        "nl": "schrijf {{naam}} om de waarde van een parameter te tonen, of {{{{ en }}}} voor een accolade",
    },
    "unknown-placeholder": {
        "en": "the text names '{{{name}}}', which is not a parameter",
        "nl": "de tekst noemt '{{{name}}}', wat geen parameter is",
    },
    "did-you-mean-placeholder": {"en": "did you mean '{{{name}}}'?", "nl": "bedoel je '{{{name}}}'?"},
    "unknown-placeholder-hint": {
        "en": "name a parameter of this file or a shared one",
        "nl": "noem een parameter van dit bestand of een gedeelde",
    },
    "placeholder-table": {
        "en": "the text names '{{{name}}}', whose value is a table, which a text cannot show",
        "nl": "de tekst noemt '{{{name}}}', waarvan de waarde een tabel is, die een tekst niet kan tonen",
    },
    "placeholder-table-hint": {"en": "name a parameter with a single value", "nl": "noem een parameter met één waarde"},
    # versions, amounts and facts
    "missing-amount": {"en": "measure '{id}' has no amount", "nl": "maatregel '{id}' heeft geen bedrag (amount)"},
    "missing-amount-hint": {
        "en": "add an 'amount' (or set status: info)",
        "nl": "voeg een 'amount' toe (of zet status: info)",
    },
    "version-start": {
        "en": "the first version starts on {start}, after valid_from {valid_from}, and the measure has no amount of "
        "its own for the days between",
        "nl": "de eerste versie begint op {start}, na valid_from {valid_from}, en de maatregel heeft zelf geen bedrag "
        "voor de dagen ertussen",
    },
    "version-start-hint": {
        "en": "start the first version on valid_from, or give the measure an amount",
        "nl": "laat de eerste versie beginnen op valid_from, of geef de maatregel een bedrag",
    },
    "version-order": {
        "en": "version '{id}' starts on {start}, not after the version before it",
        "nl": "versie '{id}' begint op {start}, niet na de versie ervoor",
    },
    "version-order-hint": {
        "en": "list versions from the oldest to the newest",
        "nl": "zet de versies van de oudste naar de nieuwste",
    },
    "version-unknown-parameter": {
        "en": "version '{id}' sets '{name}', which is not declared under parameters",
        "nl": "versie '{id}' zet '{name}', dat niet onder parameters staat",
    },
    "version-unknown-parameter-hint": {
        "en": "declare it under parameters with a description",
        "nl": "zet het onder parameters, met een beschrijving (description)",
    },
    "version-dates": {
        "en": "version '{id}' ends on {until}, before it starts on {start}",
        "nl": "versie '{id}' eindigt op {until}, voor ze begint op {start}",
    },
    "version-overlap": {
        "en": "version '{id}' starts on {start}, while version '{other}' runs until {until}",
        "nl": "versie '{id}' begint op {start}, terwijl versie '{other}' loopt tot {until}",
    },
    "version-overlap-hint": {
        "en": "versions may not overlap: end the earlier one the day before",
        "nl": "versies mogen niet overlappen: laat de vorige de dag ervoor eindigen",
    },
    "version-gap": {
        "en": "the measure does not exist from {start} to {end}, between versions '{first}' and '{second}'",
        "nl": "de maatregel bestaat niet van {start} tot {end}, tussen de versies '{first}' en '{second}'",
    },
    "version-gap-hint": {
        "en": "if that is intended, add 'after_gap: true' to the later version",
        "nl": "als dat zo bedoeld is, voeg 'after_gap: true' toe aan de latere versie",
    },
    "version-before-start": {
        "en": "version '{id}' starts on {start}, before the measure's valid_from {valid_from}",
        "nl": "versie '{id}' begint op {start}, voor valid_from {valid_from} van de maatregel",
    },
    "fact-cycle": {
        "en": "facts depend on each other in a circle: {cycle}",
        "nl": "feiten hangen in een kring van elkaar af: {cycle}",
    },
}
