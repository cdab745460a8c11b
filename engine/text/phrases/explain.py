"""The headings and words of the text trace of `subsidie explain`."""

PHRASES: dict[str, dict[str, str]] = {
    "project": {"en": "Project", "nl": "Project"},
    "measure": {"en": "measure", "nl": "maatregel"},
    "applied": {"en": "applied", "nl": "aanvraag"},
    "version": {"en": "version", "nl": "versie"},
    "none": {"en": "none", "nl": "geen"},
    "parameters": {"en": "Parameters in force", "nl": "Parameters van kracht"},
    "from": {"en": "from", "nl": "vanaf"},
    "conditions": {"en": "Conditions", "nl": "Voorwaarden"},
    "amount": {"en": "Amount", "nl": "Bedrag"},
    "history": {"en": "Aid history read", "nl": "Gelezen steungeschiedenis"},
    "no-entries": {"en": "no grants", "nl": "geen steun"},
    "received": {"en": "received", "nl": "ontvangen"},
    "result": {"en": "Result", "nl": "Resultaat"},
    "missing": {"en": "missing", "nl": "ontbreekt"},
    "all": {"en": "all", "nl": "alle"},
    "de-minimis": {"en": "de minimis only", "nl": "enkel de minimis"},
    "unknown": {"en": "not given", "nl": "niet opgegeven"},
    "header": {"en": "Explanation", "nl": "Uitleg"},
    "as-of": {"en": "as of", "nl": "datum"},
}
