"""The units of a parameter by their name in the rule files ('units.percent'), as the documentation names them."""

PHRASES: dict[str, dict[str, str]] = {
    "percent": {"en": "percent", "nl": "procent"},
    "euro": {"en": "euro", "nl": "euro"},
    "count": {"en": "count", "nl": "aantal"},
    "years": {"en": "years", "nl": "jaren"},
    "date": {"en": "date", "nl": "datum"},
    "text": {"en": "text", "nl": "tekst"},
    "flag": {"en": "yes or no", "nl": "ja of nee"},
    "list": {"en": "list", "nl": "lijst"},
}
