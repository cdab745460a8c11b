"""The words of the adviser's answer (:mod:`engine.render.answer`): ``evaluate`` in text, Markdown and HTML, the web
page's result and ``ask``'s last screen."""

PHRASES: dict[str, dict[str, str]] = {
    "title": {"en": "Subsidies for {company}", "nl": "Subsidies voor {company}"},
    "unnamed": {"en": "your company", "nl": "je onderneming"},
    "date": {"en": "Application date: {date}", "nl": "Aanvraagdatum: {date}"},
    "dates": {"en": "Application dates: {first} to {last}", "nl": "Aanvraagdatums: {first} tot {last}"},
    "total": {"en": "Aid to expect: {amount}", "nl": "Te verwachten steun: {amount}"},
    "total-range": {
        "en": "Aid to expect: between {low} and {high}, depending on the open questions below",
        "nl": "Te verwachten steun: tussen {low} en {high}, afhankelijk van de open vragen hieronder",
    },
    "estimate": {
        "en": "This is an estimate from the facts given; VLAIO decides on every application.",
        "nl": "Dit is een schatting op basis van de opgegeven gegevens; VLAIO beslist over elke aanvraag.",
    },
    "company": {"en": "The company is {size} ({nis2}).", "nl": "De onderneming is {size} ({nis2})."},
    "size-micro": {"en": "a micro enterprise", "nl": "een micro-onderneming"},
    "size-small": {"en": "a small enterprise", "nl": "een kleine onderneming"},
    "size-medium": {"en": "a medium-sized enterprise", "nl": "een middelgrote onderneming"},
    "size-large": {"en": "a large enterprise", "nl": "een grote onderneming"},
    "size-unknown": {"en": "a company of a size not known yet", "nl": "een onderneming van nog onbekende grootte"},
    "nis2-unknown": {"en": "NIS2 category not known yet", "nl": "NIS2-categorie nog niet bekend"},
    "project": {"en": "{project} ({kind}, applied {date})", "nl": "{project} ({kind}, aanvraag {date})"},
    "date-assumed": {
        "en": "(no application date given: worked out for this date)",
        "nl": "(geen aanvraagdatum opgegeven: berekend voor deze datum)",
    },
    "status-eligible": {"en": "eligible", "nl": "komt in aanmerking"},
    "status-not_eligible": {"en": "not possible", "nl": "niet mogelijk"},
    "status-undetermined": {"en": "not settled yet", "nl": "nog niet zeker"},
    "status-info": {"en": "another programme: see the source", "nl": "ander programma: zie de bron"},
    "range": {"en": "between {low} and {high}", "nl": "tussen {low} en {high}"},
    "no-bound": {"en": "no upper limit", "nl": "geen bovengrens"},
    "counted": {"en": "counted in the total", "nl": "telt mee in het totaal"},
    "not-possible": {"en": "Not possible: {reason}", "nl": "Niet mogelijk: {reason}"},
    "condition-not-met": {"en": "this does not hold: {text}", "nl": "hier is niet aan voldaan: {text}"},
    "tip": {"en": "From {date} you can get {amount}.", "nl": "Vanaf {date} kan je {amount} krijgen."},
    "about-project": {"en": "{project}: {question}", "nl": "{project}: {question}"},
    "reminder": {"en": "{text} ({projects})", "nl": "{text} ({projects})"},
    "capped": {"en": "A cap limits the amount to {amount}.", "nl": "Een plafond beperkt het bedrag tot {amount}."},
    "de-minimis": {
        "en": "De minimis aid: {used} received already, {now} with these applications; of the ceiling of {ceiling}, "
        "{remaining} is left.",
        "nl": "De-minimissteun: al ontvangen {used}, met deze aanvragen {now}; van het plafond van {ceiling} blijft "
        "{remaining} over.",
    },
    "questions": {"en": "Still to answer", "nl": "Nog te beantwoorden"},
    "questions-intro": {
        "en": "The answer to these questions can change the amount:",
        "nl": "Het antwoord op deze vragen kan het bedrag veranderen:",
    },
    "reminders": {"en": "Remember", "nl": "Niet vergeten"},
    "details": {"en": "Details", "nl": "Details"},
    "met": {"en": "Conditions fulfilled", "nl": "Voorwaarden waaraan voldaan is"},
    "calculation": {"en": "Calculation", "nl": "Berekening"},
    "others": {"en": "Also worth a look", "nl": "Ook te bekijken"},
    "source": {"en": "More information", "nl": "Meer informatie"},
    "none": {"en": "No measure applies to this project.", "nl": "Geen maatregel is van toepassing op dit project."},
}
