"""What ``subsidie batch`` says about its input: a file it cannot read or whose format it cannot tell, a CSV header,
a row or a cell it cannot use (the ``error`` of an error row), and the column or field a message is about. The
problems of a row's profile are those of ``evaluate`` (:mod:`.diagnostics`), named by their column."""

PHRASES: dict[str, dict[str, str]] = {
    # the input as a whole
    "input-format": {
        "en": "cannot tell the input format from the suffix '{suffix}'",
        "nl": "het formaat van de invoer valt niet af te leiden uit de extensie '{suffix}'",
    },
    "input-format-hint": {
        "en": "name the file *.csv, *.jsonl or *.ndjson",
        "nl": "geef het bestand de naam *.csv, *.jsonl of *.ndjson",
    },
    "input-changed": {
        "en": "the file changed while it was read; no output was written: run the batch again once the file is "
        "complete",
        "nl": "het bestand veranderde terwijl het gelezen werd; er werd geen uitvoer geschreven: voer de batch "
        "opnieuw uit als het bestand volledig is",
    },
    "same-file": {"en": "the output file is the input file", "nl": "het uitvoerbestand is het invoerbestand"},
    # the CSV header
    "header-too-long": {
        "en": "the header line is longer than {limit} characters",
        "nl": "de kopregel is langer dan {limit} tekens",
    },
    "header-hint": {
        "en": "the first line names the columns, for example company.employees",
        "nl": "de eerste regel noemt de kolommen, bijvoorbeeld company.employees",
    },
    "header-syntax": {
        "en": "the header is not valid CSV: {problem}",
        "nl": "de kopregel is geen geldige CSV (csv-module: {problem})",
    },
    "column-no-name": {"en": "column {index} has no name", "nl": "kolom {index} heeft geen naam"},
    "column-no-name-hint": {
        "en": "name every column with a profile path, for example company.employees",
        "nl": "geef elke kolom als naam een profielpad, bijvoorbeeld company.employees",
    },
    "column-repeated": {"en": "column '{name}' is repeated", "nl": "kolom '{name}' komt twee keer voor"},
    "unknown-column": {"en": "unknown column '{name}'", "nl": "onbekende kolom '{name}'"},
    "columns-are-paths": {"en": "columns are profile paths: {columns}", "nl": "kolommen zijn profielpaden: {columns}"},
    "did-you-mean-columns": {"en": "did you mean {columns}?", "nl": "bedoel je {columns}?"},
    "or": {"en": "{first} or {second}", "nl": "{first} of {second}"},
    # rows
    "row-syntax": {"en": "not valid CSV: {problem}", "nl": "geen geldige CSV (csv-module: {problem})"},
    "row-too-long": {
        "en": "the row is longer than {limit} characters",
        "nl": "de rij is langer dan {limit} tekens",
    },
    "line-too-long": {"en": "the line is longer than {limit} bytes", "nl": "de regel is langer dan {limit} bytes"},
    "row-cells": {
        "en": "the row has {cells} cells but the header has {columns} columns",
        "nl": "de rij heeft {cells} cellen maar de kopregel heeft {columns} kolommen",
    },
    "row-cells-more-hint": {
        "en": "put texts that contain the separator in double quotes",
        "nl": "zet teksten die het scheidingsteken bevatten tussen dubbele aanhalingstekens",
    },
    "row-cells-fewer-hint": {
        "en": "give every column a cell, an empty one for an unknown fact; was the row cut short?",
        "nl": "geef elke kolom een cel, een lege voor een onbekend feit; is de rij afgebroken?",
    },
    "row-unreadable": {"en": "the row could not be read", "nl": "de rij kon niet gelezen worden"},
    "hinted": {"en": "{message} (hint: {hint})", "nl": "{message} (tip: {hint})"},
    "worker-rules": {
        "en": "the worker could not load the rules in {root}: {problem}",
        "nl": "het werkproces kon de regels in {root} niet laden: {problem}",
    },
    "worker-changed": {
        "en": "the rules in {root} changed while the batch ran",
        "nl": "de regels in {root} veranderden terwijl de batch liep",
    },
    # cells
    "cell-encoding": {"en": "byte 0x{byte} is not valid UTF-8", "nl": "byte 0x{byte} is geen geldige UTF-8"},
    "cell-ambiguous": {
        "en": "'{text}' is ambiguous: {whole} written with a thousands separator, or {small} with three decimals",
        "nl": "'{text}' is dubbelzinnig: {whole} geschreven met een scheidingsteken voor duizendtallen, of {small} "
        "met drie decimalen",
    },
    "cell-ambiguous-hint": {
        "en": "write {whole} or {small}, without thousands separators",
        "nl": "schrijf {whole} of {small}, zonder scheidingsteken voor duizendtallen",
    },
    "cell-number": {
        "en": "expected a number but found the text '{text}'",
        "nl": "verwacht een getal, maar gevonden: de tekst '{text}'",
    },
    "cell-number-hint": {
        "en": "write numbers without thousands separators or spaces, with a dot for decimals: 12500.50",
        "nl": "schrijf getallen zonder scheidingsteken voor duizendtallen of spaties, met een punt voor decimalen: "
        "12500.50",
    },
    "cell-integer": {
        "en": "expected a whole number but found the text '{text}'",
        "nl": "verwacht een geheel getal, maar gevonden: de tekst '{text}'",
    },
    "cell-integer-hint": {
        "en": "write a whole number without separators, for example 3",
        "nl": "schrijf een geheel getal zonder scheidingstekens, bijvoorbeeld 3",
    },
    "cell-too-large": {"en": "the number '{text}' is too large", "nl": "het getal '{text}' is te groot"},
    "cell-too-large-hint": {
        "en": "write a whole number of at most 30 digits",
        "nl": "schrijf een geheel getal van hoogstens 30 cijfers",
    },
    "cell-boolean": {
        "en": "expected true or false but found the text '{text}'",
        "nl": "verwacht true of false, maar gevonden: de tekst '{text}'",
    },
    "cell-boolean-hint": {
        "en": "write true or false (yes/no and 1/0 are accepted too)",
        "nl": "schrijf true of false (yes/no en 1/0 worden ook aanvaard)",
    },
    "cell-json": {"en": "not valid JSON: {problem}", "nl": "geen geldige JSON ({problem})"},
    "cell-json-hint": {
        "en": 'write a JSON list, for example [{{"date": "2025-04-01", "amount": 2000}}]',
        "nl": 'schrijf een JSON-lijst, bijvoorbeeld [{{"date": "2025-04-01", "amount": 2000}}]',
    },
    "json-constant": {"en": "'{name}' is not a number", "nl": "'{name}' is geen getal"},
    "json-key-twice": {"en": "the key '{key}' appears twice", "nl": "de sleutel '{key}' komt twee keer voor"},
    # which column or field a message is about
    "at": {"en": "{where}: {message}", "nl": "{where}: {message}"},
    "column": {"en": "column '{name}'", "nl": "kolom '{name}'"},
    "column-number": {"en": "column {number}", "nl": "kolom {number}"},
    "column-item": {"en": "item {number}", "nl": "element {number}"},
    "column-key": {"en": "'{key}'", "nl": "'{key}'"},
    "column-in": {"en": "column '{name}', {within}", "nl": "kolom '{name}', {within}"},
    "list": {"en": "{first}, {rest}", "nl": "{first}, {rest}"},
    "columns": {"en": "columns '{name}.*'", "nl": "kolommen '{name}.*'"},
    # the command's standard error
    "summary": {
        "en": "{rows} rows ({failed} with errors), {results} results in {seconds} s: {output}",
        "nl": "{rows} rijen ({failed} met fouten), {results} resultaten in {seconds} s: {output}",
    },
    "cannot-write": {"en": "error: {path}: {reason}", "nl": "fout: {path}: {reason}"},
    "worker-failed": {
        "en": "error: {problem}; no output was written",
        "nl": "fout: {problem}; er werd geen uitvoer geschreven",
    },
}
