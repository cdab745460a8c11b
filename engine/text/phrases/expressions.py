"""What ``validate`` says about an expression of the rule language beyond a name it does not know (that is in
:mod:`.diagnostics`): the syntax and operators it does not allow, the calls of its functions, and values of a kind
that does not fit where they stand."""

PHRASES: dict[str, dict[str, str]] = {
    # expressions: what the rule language does not allow
    "expression-parts": {
        "en": "the expression has more than {limit} parts",
        "nl": "de uitdrukking heeft meer dan {limit} delen",
    },
    "expression-parts-hint": {
        "en": "split it into facts or simpler conditions",
        "nl": "verdeel ze over feiten of eenvoudigere voorwaarden",
    },
    "expression-depth": {
        "en": "the expression is nested more than {limit} levels deep",
        "nl": "de uitdrukking is meer dan {limit} niveaus diep genest",
    },
    "expression-too-large": {
        "en": "the expression is too large or too deeply nested",
        "nl": "de uitdrukking is te groot of te diep genest",
    },
    "expression-too-deep": {"en": "the expression is nested too deeply", "nl": "de uitdrukking is te diep genest"},
    "not-allowed": {
        "en": "{what} is not allowed in rule expressions",
        "nl": "{what} is niet toegelaten in uitdrukkingen van de regels",
    },
    "not-allowed-hint": {
        "en": "use names, numbers, 'texts', comparisons, and/or/not, + - * /, x if c else y, in [...] and the "
        "engine's functions",
        "nl": "gebruik namen, getallen, 'teksten', vergelijkingen, and/or/not, + - * /, x if c else y, in [...] en "
        "de functies van de engine",
    },
    "syntax-lambda": {"en": "a lambda", "nl": "een lambda"},
    "syntax-comprehension": {"en": "a comprehension", "nl": "een comprehension"},
    "syntax-starred": {"en": "unpacking (*)", "nl": "uitpakken (*)"},
    "syntax-assignment": {"en": "assignment (:=)", "nl": "een toekenning (:=)"},
    "syntax-f-string": {"en": "an f-string", "nl": "een f-string"},
    "syntax-table": {"en": "a table literal", "nl": "een tabel in de uitdrukking zelf"},
    "syntax-set": {"en": "a set literal", "nl": "een verzameling in de uitdrukking zelf"},
    "syntax-await": {"en": "await", "nl": "await"},
    "syntax-yield": {"en": "yield", "nl": "yield"},
    "syntax-slice": {"en": "slicing", "nl": "een deel nemen met [a:b]"},
    "syntax-other": {"en": "'{name}' syntax", "nl": "de constructie '{name}'"},
    "number-too-large": {"en": "the number {number} is too large", "nl": "het getal {number} is te groot"},
    "string-too-long": {
        "en": "a text in an expression may have at most {limit} characters",
        "nl": "een tekst in een uitdrukking mag hoogstens {limit} tekens hebben",
    },
    "value-not-allowed": {
        "en": "the value {value} is not allowed in rule expressions",
        "nl": "de waarde {value} is niet toegelaten in uitdrukkingen van de regels",
    },
    "underscore-name": {
        "en": "names starting with '_' are not allowed: '{name}'",
        "nl": "namen die met '_' beginnen, zijn niet toegelaten: '{name}'",
    },
    "dot-only-fields": {
        "en": "only profile fields can be read with a dot (company.employees, project.cost)",
        "nl": "alleen velden van het profiel worden met een punt gelezen (company.employees, project.cost)",
    },
    "dot-only-fields-hint": {
        "en": "use table[key] for a parameter table",
        "nl": "gebruik tabel[sleutel] voor een tabel van een parameter",
    },
    "fields-with-dot": {
        "en": "profile fields are read with a dot, not with [ ]",
        "nl": "velden van het profiel worden met een punt gelezen, niet met [ ]",
    },
    "fields-with-dot-hint": {
        "en": "write project.consortium.independent_companies",
        "nl": "schrijf project.consortium.independent_companies",
    },
    "operator-not-allowed": {
        "en": "this operator is not allowed in rule expressions",
        "nl": "deze bewerking is niet toegelaten in uitdrukkingen van de regels",
    },
    "arithmetic-only": {
        "en": "only + - * / % and ** are allowed as arithmetic",
        "nl": "alleen + - * / % en ** zijn toegelaten als rekenbewerking",
    },
    "is-not-allowed": {"en": "'is' is not allowed; use == or !=", "nl": "'is' is niet toegelaten; gebruik == of !="},
    "call-by-name": {
        "en": "only the engine's functions can be called, by name",
        "nl": "alleen de functies van de engine kunnen opgeroepen worden, bij hun naam",
    },
    "takes-one-fact": {"en": "{name}() takes exactly one fact", "nl": "{name}() neemt precies één feit"},
    "takes-arguments": {
        "en": "{name}() takes {expected} arguments, found {found}",
        "nl": "{name}() neemt {expected} argumenten, gevonden: {found}",
    },
    "arguments-at-least": {"en": "at least {low}", "nl": "minstens {low}"},
    "arguments-between": {"en": "{low} to {high}", "nl": "{low} tot {high}"},
    "function-usage": {"en": "{name}: {doc}", "nl": "{name}: {doc}"},
    "unpacking-not-allowed": {
        "en": "unpacking (**) is not allowed in rule expressions",
        "nl": "uitpakken (**) is niet toegelaten in uitdrukkingen van de regels",
    },
    "no-option": {
        "en": "{name}() has no option '{option}' (options: {options})",
        "nl": "{name}() heeft geen optie '{option}' (opties: {options})",
    },
    "no-options": {"en": "none", "nl": "geen"},
    "option-twice": {
        "en": "{name}() is given the option '{option}' twice",
        "nl": "{name}() krijgt de optie '{option}' twee keer",
    },
    "unknown-measure": {"en": "unknown measure '{id}'", "nl": "onbekende maatregel '{id}'"},
    "function-problem": {"en": "{name}(): {problem}", "nl": "{name}(): {problem}"},
    # expressions: kinds of values that do not fit
    "never-computed": {
        "en": "'{expression}' can never be computed: {reason}",
        "nl": "'{expression}' kan nooit berekend worden: {reason}",
    },
    "never-computed-hint": {
        "en": "every evaluation would fail here; write the number it should be",
        "nl": "elke berekening zou hier mislukken; schrijf het getal dat het moet zijn",
    },
    "lookup-not-table": {
        "en": "only tables can be looked up with [ ], but this is {kind}",
        "nl": "alleen in tabellen kan iets opgezocht worden met [ ], maar dit is {kind}",
    },
    "table-key-kind": {
        "en": "a table key must be a text, found {kind}",
        "nl": "een sleutel van een tabel moet een tekst zijn, gevonden: {kind}",
    },
    "unknown-table-key": {
        "en": "the table has no entry '{key}' on any date (it has: {keys})",
        "nl": "de tabel heeft op geen enkele datum een waarde voor '{key}' (ze heeft: {keys})",
    },
    "needs-boolean-sides": {
        "en": "'{word}' needs true or false on each side",
        "nl": "'{word}' heeft aan elke kant true of false nodig",
    },
    "not-needs-boolean": {"en": "'not' needs true or false", "nl": "'not' heeft true of false nodig"},
    "sign-needs-number": {"en": "a sign needs a number", "nl": "een + of - ervoor heeft een getal nodig"},
    "needs-numbers": {
        "en": "'{symbol}' needs numbers, but this is {kind}",
        "nl": "'{symbol}' heeft getallen nodig, maar dit is {kind}",
    },
    "dates-arithmetic-hint": {
        "en": "use add_days(date, n) or add_years(date, n) for dates",
        "nl": "gebruik add_days(datum, n) of add_years(datum, n) voor datums",
    },
    "if-needs-boolean": {
        "en": "the condition after 'if' must be true or false",
        "nl": "de voorwaarde na 'if' moet true of false zijn",
    },
    "never-equal": {"en": "{left} is never equal to {right}", "nl": "{left} is nooit gelijk aan {right}"},
    "cannot-compare": {
        "en": "{left} cannot be compared with {right}",
        "nl": "{left} kan niet vergeleken worden met {right}",
    },
    "bare-dates-hint": {
        "en": "write dates bare (2024-01-01) in parameters, or use date('2024-01-01')",
        "nl": "schrijf datums zonder aanhalingstekens (2024-01-01) in parameters, of gebruik date('2024-01-01')",
    },
    "cannot-order": {
        "en": "{kind} cannot be ordered with < or >",
        "nl": "{kind} kan niet geordend worden met < of >",
    },
    "never-a-value": {
        "en": "'{value}' is never a value here; the values are: {values}",
        "nl": "'{value}' is hier nooit een waarde; de waarden zijn: {values}",
    },
    "in-needs-list": {
        "en": "'in' needs a list on its right, but this is {kind}",
        "nl": "'in' heeft rechts een lijst nodig, maar dit is {kind}",
    },
    "never-in-list": {
        "en": "{kind} is never in a list of values of another kind ({item})",
        "nl": "{kind} staat nooit in een lijst van waarden van een andere soort ({item})",
    },
    "function-needs": {"en": "{name}() needs {kind} here", "nl": "{name}() heeft hier {kind} nodig"},
    "option-needs": {"en": "{name}({option}=...) needs {kind}", "nl": "{name}({option}=...) heeft {kind} nodig"},
    "but-this-is": {"en": "{message}, but this is {kind}", "nl": "{message}, maar dit is {kind}"},
    "compare-it-hint": {
        "en": "compare it, for example company.region == 'flanders'",
        "nl": "vergelijk het, bijvoorbeeld company.region == 'flanders'",
    },
}
