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
    "yaml-character": {
        "en": "the character {character} is not allowed in YAML",
        "nl": "het teken {character} is niet toegelaten in YAML",
    },
    "yaml-character-hint": {
        "en": "remove the control character; only printable text is accepted",
        "nl": "verwijder het stuurteken; alleen afdrukbare tekst is toegelaten",
    },
    # YAML: tags, keys and values that plain data does not allow
    "yaml-tag": {"en": "tag '{tag}' is not allowed", "nl": "de tag '{tag}' is niet toegelaten"},
    "yaml-tag-list-hint": {
        "en": "remove the tag; only plain lists are accepted",
        "nl": "verwijder de tag; alleen gewone lijsten zijn toegelaten",
    },
    "yaml-tag-mapping-hint": {
        "en": "remove the tag; only plain mappings are accepted",
        "nl": "verwijder de tag; alleen gewone mappings zijn toegelaten",
    },
    "yaml-tag-value-hint": {
        "en": "remove the tag; only plain text, numbers, booleans and dates are accepted",
        "nl": "verwijder de tag; alleen gewone tekst, getallen, true of false en datums zijn toegelaten",
    },
    "yaml-key": {
        "en": "a key must be a plain name, not a list or mapping",
        "nl": "een sleutel moet een gewone naam zijn, geen lijst of mapping",
    },
    "yaml-surrogate": {
        "en": "the text holds a lone surrogate (an escape such as \\ud800 that is not a character)",
        "nl": "de tekst bevat een los surrogaat (een escape zoals \\ud800 die geen teken is)",
    },
    "yaml-surrogate-hint": {
        "en": "remove the escape or write the character itself",
        "nl": "verwijder de escape of schrijf het teken zelf",
    },
    "yaml-not-boolean": {"en": "'{value}' is not true or false", "nl": "'{value}' is geen true of false"},
    "yaml-not-boolean-hint": {
        "en": "write true or false, or remove the !!bool tag",
        "nl": "schrijf true of false, of verwijder de tag !!bool",
    },
    "yaml-number-digits": {
        "en": "the number '{start}…' has more than 30 digits",
        "nl": "het getal '{start}…' heeft meer dan 30 cijfers",
    },
    "yaml-number-digits-hint": {"en": "write an ordinary number", "nl": "schrijf een gewoon getal"},
    "yaml-not-decimal": {
        "en": "'{value}' is not a plain decimal number",
        "nl": "'{value}' is geen gewoon decimaal getal",
    },
    "yaml-not-decimal-read": {
        "en": "'{value}' is not a plain decimal number (YAML would read it as {number})",
        "nl": "'{value}' is geen gewoon decimaal getal (YAML zou het lezen als {number})",
    },
    "yaml-not-decimal-hint": {
        "en": "write the number without leading zeros, ':' or a 0x/0o/0b prefix, or put it in quotes if it is a text",
        "nl": "schrijf het getal zonder voorloopnullen, ':' of een voorvoegsel 0x/0o/0b, of zet het tussen "
        "aanhalingstekens als het een tekst is",
    },
    "yaml-not-finite": {"en": "'{value}' is not a finite number", "nl": "'{value}' is geen eindig getal"},
    "yaml-not-finite-hint": {
        "en": "write an ordinary number such as 12.5",
        "nl": "schrijf een gewoon getal zoals 12.5",
    },
    # the bounds of one file (docs/security.md)
    "yaml-size": {"en": "more than {limit} values", "nl": "meer dan {limit} waarden"},
    "yaml-size-hint": {"en": "split the data into smaller files", "nl": "verdeel de gegevens over kleinere bestanden"},
    "yaml-size-aliases": {
        "en": "more than {limit} values (after expanding aliases)",
        "nl": "meer dan {limit} waarden (als de aliassen uitgeschreven zijn)",
    },
    "yaml-aliases": {"en": "more than {limit} aliases", "nl": "meer dan {limit} aliassen"},
    "yaml-alias-loop": {
        "en": "the alias refers to a value that contains it",
        "nl": "de alias verwijst naar een waarde die de alias zelf bevat",
    },
    "yaml-anchors-hint": {
        "en": "write the values out; rule files and profiles do not need anchors",
        "nl": "schrijf de waarden uit; regelbestanden en profielen hebben geen ankers nodig",
    },
    "yaml-depth": {"en": "nesting deeper than {limit} levels", "nl": "dieper genest dan {limit} niveaus"},
    "yaml-too-deep": {"en": "the document is nested too deeply", "nl": "het document is te diep genest"},
    "file-too-large": {
        "en": "the file is {size} bytes; the limit is {limit}",
        "nl": "het bestand is {size} bytes groot; de grens is {limit}",
    },
    "input-too-large": {
        "en": "the input is larger than the limit of {limit} bytes",
        "nl": "de invoer is groter dan de grens van {limit} bytes",
    },
    "rules-too-large": {
        "en": "the rule files of the folder hold more than {limit} bytes together; this file and those after it are "
        "not read",
        "nl": "de regelbestanden van de map zijn samen groter dan {limit} bytes; dit bestand en de volgende worden "
        "niet gelezen",
    },
    "rules-too-large-hint": {
        "en": "a rule set is a few dozen files of some kilobytes; test cases go in *.cases.yaml files, which do not "
        "count",
        "nl": "een regelset bestaat uit enkele tientallen bestanden van enkele kilobytes; testgevallen horen in "
        "*.cases.yaml-bestanden, die niet meetellen",
    },
    "too-many-expressions": {
        "en": "the rule set holds more than {limit} expressions; this one and those after it are not read",
        "nl": "de regelset bevat meer dan {limit} uitdrukkingen; deze en de volgende worden niet gelezen",
    },
    "too-many-expressions-hint": {
        "en": "a rule set holds some dozens of conditions per measure; move what is shared to a facts file and use "
        "it from there",
        "nl": "een regelset bevat enkele tientallen voorwaarden per maatregel; zet wat gedeeld wordt in een "
        "feitenbestand en gebruik het van daaruit",
    },
    "schema-more": {
        "en": "the file has more than {limit} problems; the rest are not shown",
        "nl": "het bestand heeft meer dan {limit} problemen; de rest wordt niet getoond",
    },
    "schema-more-hint": {"en": "fix these and check again", "nl": "verbeter deze en kijk opnieuw na"},
    # files that cannot be read
    "unreadable": {"en": "cannot read the file: {reason}", "nl": "het bestand kan niet gelezen worden: {reason}"},
    "reason-missing": {"en": "No such file or directory", "nl": "het bestaat niet"},
    "reason-permission": {"en": "Permission denied", "nl": "geen toegang"},
    "reason-folder": {"en": "Is a directory", "nl": "het is een map"},
    "reason-other": {"en": "{reason}", "nl": "fout van het systeem: {reason}"},
    "not-a-file": {
        "en": "it is a {kind}, not a file; it is not read",
        "nl": "het is {kind}, geen bestand; het wordt niet gelezen",
    },
    "not-a-file-folder": {"en": "folder", "nl": "een map"},
    "not-a-file-fifo": {"en": "FIFO", "nl": "een FIFO (named pipe)"},
    "not-a-file-socket": {"en": "socket", "nl": "een socket"},
    "not-a-file-device": {"en": "device", "nl": "een apparaat"},
    "not-a-file-folder-hint": {
        "en": "rename the folder: a name ending in .yaml is read as a file",
        "nl": "geef de map een andere naam: een naam die op .yaml eindigt, wordt als bestand gelezen",
    },
    "not-a-file-hint": {
        "en": "put a plain file there, or remove it",
        "nl": "zet er een gewoon bestand, of verwijder het",
    },
    "link-outside": {
        "en": "the file is a link to a file outside the rule folder; it is not read",
        "nl": "het bestand is een link naar een bestand buiten de regelmap; het wordt niet gelezen",
    },
    "link-outside-hint": {
        "en": "commit the rule file itself, not a link",
        "nl": "voeg het regelbestand zelf toe (commit), geen link",
    },
    "case-link-outside": {
        "en": "the case file is a link to a file outside its folder; it is not read",
        "nl": "het testbestand is een link naar een bestand buiten zijn map; het wordt niet gelezen",
    },
    "case-link-outside-hint": {
        "en": "commit the case file itself, not a link",
        "nl": "voeg het testbestand zelf toe (commit), geen link",
    },
    "unknown-condition": {
        "en": "unknown shared condition '{id}'",
        "nl": "onbekende gedeelde voorwaarde '{id}'",
    },
    "unknown-condition-hint": {
        "en": "shared conditions are defined in rules/facts/",
        "nl": "gedeelde voorwaarden worden gedefinieerd in rules/facts/",
    },
    "profile-link-outside": {
        "en": "the file is a link to a file outside its folder; it is not read",
        "nl": "het bestand is een link naar een bestand buiten zijn map; het wordt niet gelezen",
    },
}
