"""The project kinds by their value in a profile ('kinds.improvement_trajectory'), as the documentation names them."""

PHRASES: dict[str, dict[str, str]] = {
    "advice": {"en": "advice", "nl": "advies"},
    "training": {"en": "training", "nl": "opleiding"},
    "improvement_trajectory": {"en": "improvement trajectory", "nl": "verbetertraject"},
    "development": {"en": "development project", "nl": "ontwikkeling"},
    "research": {"en": "research project", "nl": "onderzoek"},
    "icon": {"en": "ICON project", "nl": "ICON-project"},
    "startup": {"en": "start-up project", "nl": "startersproject"},
}
