"""The report of `subsidie diff` over a population (a CSV or JSONL file of companies): its figures, its tables
and headings, and the progress bar it shows on a terminal."""

PHRASES: dict[str, dict[str, str]] = {
    "rows": {
        "en": "Population {input}: {rows} rows ({errors} with errors), {companies} companies evaluated ({projects} "
        "projects, {results} results)",
        "nl": "Populatie {input}: {rows} rijen ({errors} met fouten), {companies} ondernemingen berekend ({projects} "
        "projecten, {results} resultaten)",
    },
    "affected": {
        "en": "Affected: {companies} companies and {projects} projects; {changed} results changed: {newly_eligible} "
        "newly eligible, {no_longer_eligible} no longer eligible, {undetermined} newly undetermined",
        "nl": "Geraakt: {companies} ondernemingen en {projects} projecten; {changed} resultaten gewijzigd: "
        "{newly_eligible} nieuw in aanmerking, {no_longer_eligible} niet meer in aanmerking, {undetermined} nieuw "
        "onbepaald",
    },
    "by-measure": {"en": "By measure", "nl": "Per maatregel"},
    "by-size": {"en": "By company size", "nl": "Per grootte van de onderneming"},
    "measure": {"en": "Measure", "nl": "Maatregel"},
    "size": {"en": "Size", "nl": "Grootte"},
    "results": {"en": "Results", "nl": "Resultaten"},
    "changed": {"en": "Changed", "nl": "Gewijzigd"},
    "newly-eligible": {"en": "Newly eligible", "nl": "Nieuw in aanmerking"},
    "no-longer-eligible": {"en": "No longer eligible", "nl": "Niet meer in aanmerking"},
    "companies": {"en": "Companies", "nl": "Ondernemingen"},
    "affected-companies": {"en": "Affected", "nl": "Geraakt"},
    "before": {"en": "Before", "nl": "Voor"},
    "after": {"en": "After", "nl": "Na"},
    "difference": {"en": "Difference", "nl": "Verschil"},
    "largest": {
        "en": "The largest changes ({listed} of {changed})",
        "nl": "De grootste wijzigingen ({listed} van {changed})",
    },
    "largest-head": {
        "en": "| Row | Project | Measure | Size | Before | After | Change |",
        "nl": "| Rij | Project | Maatregel | Grootte | Voor | Na | Verschil |",
    },
    "errors": {"en": "Rows with errors ({count})", "nl": "Rijen met fouten ({count})"},
    "errors-first": {
        "en": "Rows with errors ({count}; the first {listed} listed)",
        "nl": "Rijen met fouten ({count}; de eerste {listed} opgesomd)",
    },
    "error-row": {"en": "row {row}: {error}", "nl": "rij {row}: {error}"},
    "row-unreadable": {"en": "the row could not be read", "nl": "de rij kon niet gelezen worden"},
    "effect-dates": {
        "en": "The change takes effect on {dates}; the rows are compared on their own application dates, not "
        "re-dated: a row that applies before such a day may not show the change.",
        "nl": "De wijziging gaat in op {dates}; de rijen worden vergeleken op hun eigen aanvraagdatums, niet "
        "opnieuw gedateerd: een rij die vóór zo'n dag aanvraagt, toont de wijziging misschien niet.",
    },
    "progress": {
        "en": "{done} of {total} rows, {rate} rows/s",
        "nl": "{done} van {total} rijen, {rate} rijen/s",
    },
    "progress-open": {"en": "{done} rows, {rate} rows/s", "nl": "{done} rijen, {rate} rijen/s"},
    "mixed-inputs": {
        "en": "a CSV or JSONL file of companies is compared on its own: give it as the only profiles (got {count} "
        "paths)",
        "nl": "een CSV- of JSONL-bestand met ondernemingen wordt op zichzelf vergeleken: geef het als enige "
        "profielen (nu {count} paden)",
    },
    "population-only": {
        "en": "{option} applies to a CSV or JSONL file of companies (--profiles FILE.csv)",
        "nl": "{option} geldt voor een CSV- of JSONL-bestand met ondernemingen (--profiles BESTAND.csv)",
    },
}
