"""Words several outputs share: yes, no, and the end date of a measure that has none."""

PHRASES: dict[str, dict[str, str]] = {
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "open-ended": {"en": "no end date", "nl": "geen einddatum"},
}
