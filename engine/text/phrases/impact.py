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
}
