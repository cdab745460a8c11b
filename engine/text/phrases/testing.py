"""What ``subsidie test`` says: the problems of a case file, the differences of a failing case, and the coverage
report (``--coverage``), in Dutch and English."""

PHRASES: dict[str, dict[str, str]] = {
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
}
