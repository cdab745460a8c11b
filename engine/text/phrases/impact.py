"""The headings, counts and totals of the report of `subsidie diff` (text and Markdown), its re-dated sections
included."""

PHRASES: dict[str, dict[str, str]] = {
    "title": {"en": "Rule change impact", "nl": "Gevolgen van de regelwijziging"},
    "header": {
        "en": "Rule change impact: base {base} ({base_digest}) → current ({current_digest})",
        "nl": "Gevolgen van de regelwijziging: basis {base} ({base_digest}) → huidig ({current_digest})",
    },
    "base-line": {
        "en": "Base {base} ({base_digest}) → current ({current_digest}), subsidie {version}",
        "nl": "Basis {base} ({base_digest}) → huidig ({current_digest}), subsidie {version}",
    },
    "counts": {
        "en": "{profiles} profiles evaluated ({results} results); {changed} changed: {newly_eligible} newly "
        "eligible, {no_longer_eligible} no longer eligible, {undetermined} newly undetermined",
        "nl": "{profiles} profielen berekend ({results} resultaten); {changed} gewijzigd: {newly_eligible} nieuw "
        "in aanmerking, {no_longer_eligible} niet meer in aanmerking, {undetermined} nieuw onbepaald",
    },
    "not-in-force": {
        "en": "; {count} more where only 'not in force' changed (not listed)",
        "nl": "; nog {count} waar alleen 'niet van kracht' wijzigde (niet opgesomd)",
    },
    "totals": {
        "en": "Total recommended: {before} → {after} ({difference})",
        "nl": "Totaal aanbevolen: {before} → {after} ({difference})",
    },
    "no-change": {"en": "No outcome changed.", "nl": "Geen enkel resultaat wijzigde."},
    "table-head": {
        "en": "| Profile | Project | Measure | Before | After | Change |",
        "nl": "| Profiel | Project | Maatregel | Voor | Na | Verschil |",
    },
    "unreadable": {
        "en": "Profiles that could not be evaluated:",
        "nl": "Profielen die niet berekend konden worden:",
    },
    "error": {"en": "error: {error}", "nl": "fout: {error}"},
    "effect-dates": {
        "en": "The change takes effect on {dates}: every profile is also evaluated with all its application "
        "dates set to each of those days and to the day before.",
        "nl": "De wijziging gaat in op {dates}: elk profiel wordt ook berekend met al zijn aanvraagdatums op elk "
        "van die dagen en op de dag ervoor.",
    },
    "left-out": {
        "en": "Not re-dated (at most {limit} dates): {dates}",
        "nl": "Niet opnieuw gedateerd (hoogstens {limit} datums): {dates}",
    },
    "redated-on": {
        "en": "Re-dated to {day} (a day the change takes effect)",
        "nl": "Opnieuw gedateerd op {day} (een dag waarop de wijziging ingaat)",
    },
    "redated-before": {
        "en": "Re-dated to {day} (the day before {effect})",
        "nl": "Opnieuw gedateerd op {day} (de dag voor {effect})",
    },
    # the errors of diff itself: the base rules, and profiles of the corpus that cannot be compared
    "base-not-found": {
        "en": "'{base}' is neither a folder nor a git revision holding {folder}",
        "nl": "'{base}' is geen map en geen git-revisie die {folder} bevat",
    },
    "base-not-found-git": {
        "en": "'{base}' is neither a folder nor a git revision holding {folder}: {detail}",
        "nl": "'{base}' is geen map en geen git-revisie die {folder} bevat (git zegt: {detail})",
    },
    "base-no-folder": {
        "en": "the git revision '{base}' holds no folder {folder}",
        "nl": "de git-revisie '{base}' bevat geen map {folder}",
    },
    "base-not-plain": {
        "en": "the base revision holds '{name}', which is not a plain file (links are not accepted in a rule set)",
        "nl": "de basisrevisie bevat '{name}', wat geen gewoon bestand is (links worden niet aanvaard in een regelset)",
    },
    "base-too-large": {
        "en": "the rules in the base revision are larger than {limit} bytes",
        "nl": "de regels in de basisrevisie zijn groter dan {limit} bytes",
    },
    "base-unreadable": {
        "en": "the base revision '{base}' cannot be read: {reason}",
        "nl": "de basisrevisie '{base}' kan niet gelezen worden (fout van het systeem: {reason})",
    },
    "base-rules-errors": {
        "en": "error: the base rules ({base}) have errors:",
        "nl": "fout: de basisregels ({base}) bevatten fouten:",
    },
    "profile-unreadable": {"en": "{name}: unreadable", "nl": "{name}: onleesbaar"},
    "profile-problem": {"en": "{name}: {problem}", "nl": "{name}: {problem}"},
    "and-more": {"en": "{first} (and {more} more)", "nl": "{first} (en nog {more})"},
}
