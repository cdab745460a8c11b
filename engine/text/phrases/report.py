"""The headings and words of the text and Markdown report of `subsidie evaluate`."""

PHRASES: dict[str, dict[str, str]] = {
    "project": {"en": "Project", "nl": "Project"},
    "applied": {"en": "applied", "nl": "aanvraag"},
    "none": {"en": "no measure applies to this project", "nl": "geen maatregel is van toepassing op dit project"},
    "missing": {"en": "missing", "nl": "ontbreekt"},
    "recommended": {"en": "recommended", "nl": "aanbevolen"},
    "total": {"en": "Total of recommended amounts", "nl": "Totaal van de aanbevolen bedragen"},
    "size": {"en": "Company size", "nl": "Grootte van de onderneming"},
    "unknown": {"en": "unknown", "nl": "onbekend"},
    "de-minimis": {
        "en": "De minimis: ceiling {ceiling}, used {used}, granted now {now}, remaining {remaining}",
        "nl": "De minimis: plafond {ceiling}, gebruikt {used}, nu toegekend {now}, resterend {remaining}",
    },
    "reminder": {"en": "reminder", "nl": "herinnering"},
    "tip": {"en": "when to apply", "nl": "wanneer aanvragen"},
    "range": {"en": "between {low} and {high}", "nl": "tussen {low} en {high}"},
    "no-bound": {"en": "no upper limit", "nl": "geen bovengrens"},
    "source": {"en": "source", "nl": "bron"},
    "table-head": {
        "en": "| Measure | Status | Rate | Amount | Why |",
        "nl": "| Maatregel | Status | Percentage | Bedrag | Waarom |",
    },
}
