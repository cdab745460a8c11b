"""The names of the months ('dates.month-1' is January), for dates written into rule texts."""

PHRASES: dict[str, dict[str, str]] = {
    "month-1": {"en": "January", "nl": "januari"},
    "month-2": {"en": "February", "nl": "februari"},
    "month-3": {"en": "March", "nl": "maart"},
    "month-4": {"en": "April", "nl": "april"},
    "month-5": {"en": "May", "nl": "mei"},
    "month-6": {"en": "June", "nl": "juni"},
    "month-7": {"en": "July", "nl": "juli"},
    "month-8": {"en": "August", "nl": "augustus"},
    "month-9": {"en": "September", "nl": "september"},
    "month-10": {"en": "October", "nl": "oktober"},
    "month-11": {"en": "November", "nl": "november"},
    "month-12": {"en": "December", "nl": "december"},
}
