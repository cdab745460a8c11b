"""The status of a (project, measure) result, by its value in the JSON ('status.not_eligible')."""

PHRASES: dict[str, dict[str, str]] = {
    "eligible": {"en": "eligible", "nl": "in aanmerking"},
    "not_eligible": {"en": "not eligible", "nl": "niet in aanmerking"},
    "undetermined": {"en": "undetermined", "nl": "onbepaald"},
    "info": {"en": "information", "nl": "informatie"},
}
