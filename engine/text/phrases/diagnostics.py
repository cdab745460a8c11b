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
