"""What ``validate``, ``test``, ``diff``, ``docs`` and ``evaluate`` say about a problem in a rule file, a case file
or a profile: the message and the hint (how to fix it) of each diagnostic, and the words around them.

The diagnostic codes (``yaml-syntax``, ``missing-key``) stay the same in both languages; a key here is the
code, or the code and what sets this message apart (``yaml-tab``, ``yaml-colon``), with ``-hint`` for its hint.
The texts are for rule editors who are not programmers: plain sentences that say where the problem is and how
to fix it, no parser jargon.
"""

PHRASES: dict[str, dict[str, str]] = {
    # the words around every diagnostic
    "error": {"en": "error", "nl": "fout"},
    "warning": {"en": "warning", "nl": "waarschuwing"},
    "hint": {"en": "hint", "nl": "tip"},
    "summary": {
        "en": "{errors} error(s), {warnings} warning(s) in {paths} path(s)",
        "nl": "{errors} fout(en), {warnings} waarschuwing(en) in {paths} pad(en)",
    },
    "clean": {"en": "no problems found", "nl": "geen problemen gevonden"},
    "rules-have-errors": {
        "en": "error: the rule set has errors; run 'subsidie validate' for details",
        "nl": "fout: de regels bevatten fouten; 'subsidie validate' zegt welke",
    },
    "no-case-files": {"en": "error: no *.cases.yaml files found", "nl": "fout: geen *.cases.yaml-bestanden gevonden"},
    "coverage-below": {
        "en": "coverage {percent}% is below the minimum of {minimum}%",
        "nl": "dekking {percent}% ligt onder het minimum van {minimum}%",
    },
    "cases-summary": {"en": "{passed} passed, {failed} failed", "nl": "{passed} geslaagd, {failed} mislukt"},
    "file-problems": {"en": ", {count} file problem(s)", "nl": ", {count} probleem/problemen in bestanden"},
    "cannot-write": {
        "en": "error: cannot write to {path}: {reason}",
        "nl": "fout: kan niet schrijven naar {path}: {reason}",
    },
    "wrote-pages": {"en": "wrote {count} files to {path}", "nl": "{count} bestanden geschreven naar {path}"},
    # kinds of values, as messages name them
    "kind-number": {"en": "a number", "nl": "een getal"},
    "kind-text": {"en": "a text", "nl": "een tekst"},
    "kind-boolean": {"en": "true or false", "nl": "true of false"},
    "kind-date": {"en": "a date", "nl": "een datum"},
    "kind-list": {"en": "a list", "nl": "een lijst"},
    "kind-table": {"en": "a table", "nl": "een tabel"},
    "kind-any": {"en": "any value", "nl": "om het even welke waarde"},
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
    # schema checks: values
    "value-null": {"en": "nothing (null)", "nl": "niets (null)"},
    "value-number": {"en": "the number {number}", "nl": "het getal {number}"},
    "value-text": {"en": "the text '{text}'", "nl": "de tekst '{text}'"},
    "value-mapping": {"en": "a mapping", "nl": "een mapping"},
    "type-integer": {"en": "a whole number", "nl": "een geheel getal"},
    "type-object": {"en": "a mapping (key: value lines)", "nl": "een mapping (regels sleutel: waarde)"},
    "type-null": {"en": "nothing", "nl": "niets"},
    "either": {"en": "{first} or {second}", "nl": "{first} of {second}"},
    "schema-type": {
        "en": "expected {expected} but found {found}",
        "nl": "verwacht: {expected}, maar gevonden: {found}",
    },
    "schema-enum": {
        "en": "{value} is not allowed here; expected one of: {options}",
        "nl": "{value} is hier niet toegelaten; verwacht een van: {options}",
    },
    "schema-format-date": {"en": "{value} is not a valid date", "nl": "{value} is geen geldige datum"},
    "schema-pattern": {"en": "{value} does not have the expected form", "nl": "{value} heeft niet de verwachte vorm"},
    "date-hint": {
        "en": "write dates as YYYY-MM-DD, for example 2021-09-13",
        "nl": "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-09-13",
    },
    "date-meant-hint": {
        "en": "write dates as YYYY-MM-DD (year, month, day): {date}",
        "nl": "schrijf datums als JJJJ-MM-DD (jaar, maand, dag): {date}",
    },
    "bare-word": {
        "en": "YAML reads a bare '{word}' as {value}; put it in quotes: '{word}'",
        "nl": "YAML leest een los '{word}' als {value}; zet het tussen aanhalingstekens: '{word}'",
    },
    "bare-word-options": {
        "en": "YAML reads a bare '{word}' as {value}; the allowed values are: {options}",
        "nl": "YAML leest een los '{word}' als {value}; de toegelaten waarden zijn: {options}",
    },
    "percent-sign-hint": {
        "en": "write the percentage as a plain number: {number}, not {text}",
        "nl": "schrijf het percentage als een gewoon getal: {number}, niet {text}",
    },
    "number-text-hint": {
        "en": "write numbers without quotes, thousands separators or spaces, with a dot for decimals: 12500.50",
        "nl": "schrijf getallen zonder aanhalingstekens, scheidingstekens voor duizendtallen of spaties, met een punt "
        "voor decimalen: 12500.50",
    },
    "decision-hint": {
        "en": "name a decision of docs/decisions.md (D1 to D26); a new decision gets its section there and its id "
        "in the list of schemas/measure.schema.json",
        "nl": "noem een beslissing uit docs/decisions.md (D1 tot D26); een nieuwe beslissing krijgt daar haar "
        "hoofdstuk en haar id in de lijst van schemas/measure.schema.json",
    },
    "did-you-mean": {"en": "did you mean '{word}'?", "nl": "bedoel je '{word}'?"},
    # schema checks: keys
    "unknown-key": {"en": "unknown key '{key}'", "nl": "onbekende sleutel '{key}'"},
    "allowed-keys": {"en": "allowed keys: {keys}", "nl": "toegelaten sleutels: {keys}"},
    "missing-key": {
        "en": "missing required key '{key}' in {owner}",
        "nl": "de verplichte sleutel '{key}' ontbreekt in {owner}",
    },
    "missing-key-hint": {"en": "add '{key}:' to it{what}", "nl": "voeg '{key}:' toe{what}"},
    "missing-source-hint": {
        "en": "add 'source:' with the web page (URL) that states it, at the indentation of the other keys of this item",
        "nl": "voeg 'source:' toe met de webpagina (URL) waar het staat, even ver ingesprongen als de andere "
        "sleutels van dit element",
    },
    "owner-key": {"en": "'{key}'", "nl": "'{key}'"},
    "owner-item-id": {"en": "'{id}' ({item})", "nl": "'{id}' ({item})"},
    "owner-document": {"en": "the document", "nl": "het document"},
    "item": {"en": "item {number}", "nl": "element {number}"},
    "item-of-list": {"en": "item {number} of '{list}'", "nl": "element {number} van '{list}'"},
    "item-of-list-of": {
        "en": "item {number} of '{list}' of '{owner}'",
        "nl": "element {number} van '{list}' van '{owner}'",
    },
    # expressions
    "in-where": {"en": "{message} in {where}", "nl": "{message} in {where}"},
    "where-fact": {"en": "fact '{name}'", "nl": "feit '{name}'"},
    "where-applies-when": {"en": "applies_when", "nl": "applies_when"},
    "where-reminder": {"en": "reminder '{id}'", "nl": "herinnering '{id}'"},
    "where-shared-condition": {"en": "shared condition '{id}'", "nl": "gedeelde voorwaarde '{id}'"},
    "where-condition": {"en": "condition '{id}'", "nl": "voorwaarde '{id}'"},
    "where-rate": {"en": "the rate", "nl": "het steunpercentage (rate)"},
    "where-base": {"en": "the base", "nl": "de basis (base)"},
    "where-part-rate": {"en": "part {number}'s rate", "nl": "het steunpercentage van deel {number}"},
    "where-part-base": {"en": "part {number}'s base", "nl": "de basis van deel {number}"},
    "where-fixed": {"en": "the fixed amount", "nl": "het vaste bedrag (fixed)"},
    "where-limit": {"en": "limit '{id}'", "nl": "grens '{id}'"},
    "unknown-function": {"en": "unknown function '{name}'", "nl": "onbekende functie '{name}'"},
    "function-not-called": {
        "en": "'{name}' is a function; call it with ( )",
        "nl": "'{name}' is een functie; roep ze op met ( )",
    },
    "incomplete-name": {
        "en": "'{name}' needs a field, for example {example}",
        "nl": "'{name}' heeft een veld nodig, bijvoorbeeld {example}",
    },
    "expression-syntax": {
        "en": "the expression cannot be read{reason}",
        "nl": "de uitdrukking kan niet gelezen worden{reason}",
    },
    "expression-brackets": {
        "en": "the expression cannot be read: a bracket is not closed, or closed twice",
        "nl": "de uitdrukking kan niet gelezen worden: een haakje wordt niet gesloten, of twee keer",
    },
    "expression-quote": {
        "en": "the expression cannot be read: a text in quotes is not closed",
        "nl": "de uitdrukking kan niet gelezen worden: een tekst tussen aanhalingstekens wordt niet gesloten",
    },
    "expression-equals-hint": {
        "en": "to compare, write == (two equals signs)",
        "nl": "schrijf == (twee gelijktekens) om te vergelijken",
    },
    "expression-and-or-hint": {
        "en": "write 'and' and 'or' instead of && and ||",
        "nl": "schrijf 'and' en 'or' in plaats van && en ||",
    },
    "unknown-name": {"en": "unknown name '{name}'", "nl": "onbekende naam '{name}'"},
    "unknown-field": {"en": "unknown profile field '{field}'", "nl": "onbekend profielveld '{field}'"},
    "amount-only-in-conditions": {
        "en": "the amount can only be read in conditions, after it is computed",
        "nl": "het bedrag kan alleen in voorwaarden gelezen worden, nadat het berekend is",
    },
    "must-give": {
        "en": "the expression must give {wanted}, but gives {kind}",
        "nl": "de uitdrukking moet {wanted} geven, maar geeft {kind}",
    },
    "must-give-number-hint": {
        "en": "a rate or amount must be a number or a parameter that holds numbers",
        "nl": "een percentage of bedrag moet een getal zijn, of een parameter die getallen bevat",
    },
    # case files and the cases of 'subsidie test'
    "duplicate-case": {
        "en": "case name '{name}' is used twice",
        "nl": "de naam '{name}' wordt voor twee cases gebruikt",
    },
    "profile-outside": {
        "en": "a case's profile file must be in the case file's folder or below it",
        "nl": "het profielbestand van een case moet in de map van het case-bestand staan, of eronder",
    },
    "profile-outside-hint": {
        "en": "write a relative path without '..', or put the profile inline",
        "nl": "schrijf een relatief pad zonder '..', of zet het profiel in de case zelf",
    },
    "unknown-profile": {"en": "profile file '{path}' does not exist", "nl": "het profielbestand '{path}' bestaat niet"},
    "unknown-profile-hint": {"en": "the path is relative to {folder}", "nl": "het pad is relatief tegenover {folder}"},
    "unknown-project": {
        "en": "project '{project}' is not in the case's profile",
        "nl": "project '{project}' staat niet in het profiel van de case",
    },
    "unknown-project-hint": {"en": "projects: {projects}", "nl": "projecten: {projects}"},
    "unknown-measure": {"en": "unknown measure '{measure}'", "nl": "onbekende maatregel '{measure}'"},
    "unknown-measure-hint": {"en": "measures: {measures}", "nl": "maatregelen: {measures}"},
    "case-differs": {
        "en": "{what}: expected {expected}, got {got}",
        "nl": "{what}: verwacht {expected}, gekregen {got}",
    },
    "case-where": {
        "en": "project '{project}', measure '{measure}'",
        "nl": "project '{project}', maatregel '{measure}'",
    },
    "case-at": {"en": "{where}: {problem}", "nl": "{where}: {problem}"},
    "case-present": {
        "en": "{where}: expected no result, got status {status}",
        "nl": "{where}: geen resultaat verwacht, maar status {status} gekregen",
    },
    "case-absent": {
        "en": "{where}: no result (the measure does not apply to the project)",
        "nl": "{where}: geen resultaat (de maatregel is niet van toepassing op het project)",
    },
    "case-conditions": {
        "en": "conditions that did not hold: {conditions}",
        "nl": "voorwaarden die niet voldaan waren: {conditions}",
    },
    "case-failed": {"en": "evaluation failed: {error}", "nl": "de evaluatie is mislukt: {error}"},
    "case-crashed": {"en": "evaluation crashed: {error}", "nl": "de evaluatie is vastgelopen: {error}"},
    # coverage ('subsidie test --coverage')
    "coverage": {
        "en": "coverage: {percent}% ({covered} of {total} items)",
        "nl": "dekking: {percent}% ({covered} van {total} punten)",
    },
    "coverage-owner": {"en": "{owner} ({file}): not covered", "nl": "{owner} ({file}): niet gedekt"},
    "coverage-true": {"en": "true", "nl": "waar"},
    "coverage-false": {"en": "false", "nl": "onwaar"},
    "coverage-unknown": {"en": "unknown", "nl": "onbekend"},
    "coverage-condition": {"en": "condition '{id}' {outcome}", "nl": "voorwaarde '{id}' {outcome}"},
    "coverage-version": {"en": "version '{id}' (from {start})", "nl": "versie '{id}' (vanaf {start})"},
    "coverage-version-day": {"en": "version '{id}' first day {start}", "nl": "versie '{id}' eerste dag {start}"},
    "coverage-call-first": {"en": "call '{name}' first day {day}", "nl": "oproep '{name}' eerste dag {day}"},
    "coverage-call-last": {"en": "call '{name}' last day {day}", "nl": "oproep '{name}' laatste dag {day}"},
    "coverage-value": {"en": "value of '{name}' from {start}", "nl": "waarde van '{name}' vanaf {start}"},
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
    # profiles
    "kbo-check": {
        "en": "the enterprise number '{number}' has the wrong check digits: expected {expected}, found {found}",
        "nl": "het ondernemingsnummer '{number}' heeft de verkeerde controlecijfers: verwacht {expected}, gevonden "
        "{found}",
    },
    "kbo-check-hint": {
        "en": "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are 97 minus the "
        "first eight modulo 97",
        "nl": "neem het nummer over uit de KBO (Kruispuntbank van Ondernemingen); de laatste twee cijfers zijn 97 min "
        "de eerste acht modulo 97",
    },
    "duplicate-project": {
        "en": "project id '{id}' is used twice (first by project {first})",
        "nl": "de project-id '{id}' wordt twee keer gebruikt (eerst door project {first})",
    },
    "duplicate-project-hint": {"en": "give every project its own id", "nl": "geef elk project een eigen id"},
    "application-before-founded": {
        "en": "the application date {applied} is before the company was founded ({founded})",
        "nl": "de aanvraagdatum {applied} ligt voor de oprichting van de onderneming ({founded})",
    },
    # files and folders
    "no-measure-files": {
        "en": "'{folder}' holds no measure files (*.yaml)",
        "nl": "'{folder}' bevat geen maatregelbestanden (*.yaml)",
    },
    "not-a-rule-folder": {"en": "'{folder}' is not a folder of rules", "nl": "'{folder}' is geen map met regels"},
    "empty-file": {"en": "the file holds no data", "nl": "het bestand bevat geen gegevens"},
    "encoding": {"en": "byte {byte} is not valid UTF-8", "nl": "byte {byte} is geen geldige UTF-8"},
    "encoding-hint": {"en": "save the file as UTF-8", "nl": "bewaar het bestand als UTF-8"},
    # YAML syntax
    "duplicate-key": {
        "en": "duplicate key '{key}' (first defined at line {line})",
        "nl": "de sleutel '{key}' staat twee keer in dezelfde mapping (eerst op regel {line})",
    },
    "duplicate-key-hint": {
        "en": "each key may appear once in a mapping; remove this one or the one at line {line}, or merge them",
        "nl": "elke sleutel mag maar één keer voorkomen; verwijder deze of die op regel {line}, of voeg ze samen",
    },
    "yaml-not-a-date": {"en": "'{value}' is not a date", "nl": "'{value}' is geen datum"},
    "yaml-not-a-date-hint": {
        "en": "write dates as YYYY-MM-DD, or remove the !!timestamp tag",
        "nl": "schrijf datums als JJJJ-MM-DD, of verwijder de tag !!timestamp",
    },
    "yaml-date": {"en": "'{value}' is not a valid date{reason}", "nl": "'{value}' is geen bestaande datum{reason}"},
    "yaml-date-hint": {
        "en": "write dates as YYYY-MM-DD with a day that exists in that month",
        "nl": "schrijf datums als JJJJ-MM-DD, met een dag die in die maand bestaat",
    },
    "yaml-base-60": {
        "en": "'{value}' is read as a base-60 number",
        "nl": "'{value}' wordt gelezen als een zestigtallig getal",
    },
    "yaml-base-60-hint": {
        "en": "write an ordinary number such as 12.5, or put it in quotes if it is a text",
        "nl": "schrijf een gewoon getal zoals 12.5, of zet het tussen aanhalingstekens als het een tekst is",
    },
    "yaml-tab": {
        "en": "this line is indented with a tab; YAML indents with spaces only",
        "nl": "deze regel springt in met een tab; YAML springt alleen in met spaties",
    },
    "yaml-tab-hint": {
        "en": "YAML does not allow tabs for indentation; use spaces: probably {spaces} here",
        "nl": "YAML staat geen tabs toe om in te springen; gebruik spaties: hier waarschijnlijk {spaces}",
    },
    "yaml-tab-in-text": {
        "en": "a tab in a text that is not in quotes",
        "nl": "een tab in een tekst die niet tussen aanhalingstekens staat",
    },
    "yaml-tab-in-text-hint": {
        "en": "replace the tab with a space (or put the whole text in quotes)",
        "nl": "vervang de tab door een spatie (of zet de hele tekst tussen aanhalingstekens)",
    },
    "yaml-colon": {
        "en": "the text of '{key}' holds ': ' (a colon and a space), which YAML reads as the start of a new key",
        "nl": "de tekst van '{key}' bevat ': ' (een dubbelpunt en een spatie), wat YAML leest als het begin van een "
        "nieuwe sleutel",
    },
    "yaml-colon-hint": {
        "en": "put the text in quotes: {example}",
        "nl": "zet de tekst tussen aanhalingstekens: {example}",
    },
    "yaml-deeper": {
        "en": "this key starts further right ({spaces} spaces) than the key on the line above ({above})",
        "nl": "deze sleutel begint verder naar rechts ({spaces} spaties) dan de sleutel op de regel erboven ({above})",
    },
    "yaml-deeper-hint": {
        "en": "check the indentation: keys of one mapping start in the same column; indent this line by {above} spaces",
        "nl": "kijk de inspringing na: sleutels van één mapping beginnen in dezelfde kolom; laat deze regel {above} "
        "spaties inspringen",
    },
    "yaml-colon-unclear": {
        "en": "a ': ' (a colon and a space) where no new key can start",
        "nl": "een ': ' (een dubbelpunt en een spatie) waar geen nieuwe sleutel kan beginnen",
    },
    "yaml-colon-unclear-hint": {
        "en": "put a text that holds ': ' in quotes, for example: en: \"Note: this applies\"; or check the "
        "indentation of this line",
        "nl": "zet een tekst met ': ' tussen aanhalingstekens, bijvoorbeeld: nl: \"Let op: dit geldt\"; of kijk de "
        "inspringing van deze regel na",
    },
    "yaml-indentation": {
        "en": "the indentation of this line ({spaces} spaces) does not fit the lines above it ({above})",
        "nl": "de inspringing van deze regel ({spaces} spaties) past niet bij de regels erboven ({above})",
    },
    "yaml-indentation-hint": {
        "en": "check the indentation: keys of one mapping start in the same column; indent this line by {above} "
        "spaces, like the line above",
        "nl": "kijk de inspringing na: sleutels van één mapping beginnen in dezelfde kolom; laat deze regel {above} "
        "spaties inspringen, zoals de regel erboven",
    },
    "yaml-ends-early": {
        "en": "the text ends where more must follow (a value, a closing bracket or a quote)",
        "nl": "de tekst stopt waar er nog iets moet volgen (een waarde, een sluitend haakje of aanhalingsteken)",
    },
    "yaml-unclosed-quote": {
        "en": "the file ends inside a text in quotes",
        "nl": "het bestand eindigt midden in een tekst tussen aanhalingstekens",
    },
    "yaml-unclosed-quote-hint": {
        "en": "close the quote that this text opens",
        "nl": "sluit het aanhalingsteken dat deze tekst opent",
    },
    "yaml-flow": {
        "en": "a list in [ ] or a mapping in {{ }} is not closed here, or a ',' is missing",
        "nl": "een lijst tussen [ ] of een mapping tussen {{ }} is hier niet gesloten, of er ontbreekt een ','",
    },
    "yaml-flow-hint": {
        "en": "separate the items with ', ' and close what [ or {{ opens on the same line",
        "nl": "scheid de elementen met ', ' en sluit wat [ of {{ opent op dezelfde regel",
    },
    "yaml-other": {
        "en": "YAML cannot read the file here ({problem})",
        "nl": "YAML kan het bestand hier niet lezen ({problem})",
    },
}
