"""The lines of an evaluation's explanation: the rules in force, each step of the amount, caps, minimums and
calls; and the text of a tip (when to apply for more)."""

PHRASES: dict[str, dict[str, str]] = {
    "in-force": {
        "en": "The measure exists on the application date ({start} to {end}).",
        "nl": "De maatregel bestaat op de aanvraagdatum ({start} tot {end}).",
    },
    "rules-in-force": {
        "en": "Rules in force on {date}: version {version} (from {start}).",
        "nl": "Regels van kracht op {date}: versie {version} (vanaf {start}).",
    },
    "part": {"en": "{rate}% of {base} = {product}", "nl": "{rate}% van {base} = {product}"},
    "part-labelled": {"en": "{label}: {rate}% of {base} = {product}", "nl": "{label}: {rate}% van {base} = {product}"},
    "sum": {"en": "Total of the parts = {total}", "nl": "Totaal van de delen = {total}"},
    "rounded": {"en": "Rounded half-up to the cent: {amount}", "nl": "Afgerond op de cent: {amount}"},
    "fixed": {"en": "Fixed amount: {amount}", "nl": "Vast bedrag: {amount}"},
    "cap-binds": {
        "en": "Cap '{id}': at most {limit}, so the amount becomes {amount}",
        "nl": "Plafond '{id}': hoogstens {limit}, dus het bedrag wordt {amount}",
    },
    "cap-free": {
        "en": "Cap '{id}': at most {limit}; {amount} stays within it",
        "nl": "Plafond '{id}': hoogstens {limit}; {amount} blijft eronder",
    },
    "cap-unknown": {
        "en": "Cap '{id}': unknown (missing facts)",
        "nl": "Plafond '{id}': onbekend (ontbrekende gegevens)",
    },
    "minimum-met": {
        "en": "Minimum '{id}': at least {limit}; {amount} reaches it",
        "nl": "Minimum '{id}': minstens {limit}; {amount} haalt het",
    },
    "minimum-missed": {
        "en": "Minimum '{id}': at least {limit}; {amount} is below it, so not eligible",
        "nl": "Minimum '{id}': minstens {limit}; {amount} is lager, dus niet in aanmerking",
    },
    "call-open": {"en": "open call: {name} ({open} to {close})", "nl": "open oproep: {name} ({open} tot {close})"},
    "call-closed": {"en": "no call open on {date}", "nl": "geen oproep open op {date}"},
    "not-given": {"en": "not given", "nl": "niet opgegeven"},
    "condition-failed": {
        "en": "Not eligible: condition '{id}' does not hold.",
        "nl": "Niet in aanmerking: voorwaarde '{id}' is niet voldaan.",
    },
    "amount-unknown": {
        "en": "The amount cannot be computed yet: missing {facts}",
        "nl": "Het bedrag kan nog niet berekend worden: ontbrekend {facts}",
    },
    "settled-as-given": {
        "en": "The missing facts ({facts}) cannot change this result: every possible value of them gives "
        "the same result: {status}. The steps below are those of the facts as given.",
        "nl": "De ontbrekende gegevens ({facts}) kunnen dit resultaat niet veranderen: elke mogelijke waarde "
        "ervan geeft hetzelfde resultaat: {status}. De stappen hieronder zijn die van de gegevens zoals ze zijn "
        "ingevuld.",
    },
    "settled": {
        "en": "The missing facts ({facts}) cannot change this result: every possible value of them gives "
        "the same result: {status}. The steps below are those of one such value: {values}.",
        "nl": "De ontbrekende gegevens ({facts}) kunnen dit resultaat niet veranderen: elke mogelijke waarde "
        "ervan geeft hetzelfde resultaat: {status}. De stappen hieronder zijn die van één zo'n waarde: {values}.",
    },
    "amount-range": {
        "en": "Depending on the missing facts, the amount lies between {low} and {high}.",
        "nl": "Afhankelijk van de ontbrekende gegevens ligt het bedrag tussen {low} en {high}.",
    },
    "no-bound": {"en": "no upper limit", "nl": "geen bovengrens"},
    "work-limit": {
        "en": "the evaluation stopped: it needs more than the {steps} steps of work {what} may take "
        "(the rules and the profile are too large together: fewer projects, aid entries or conditions)",
        "nl": "de evaluatie is gestopt: ze vraagt meer dan de {steps} stappen werk die {what} mag kosten "
        "(de regels en het profiel zijn samen te groot: minder projecten, steunbedragen of voorwaarden)",
    },
    "work-profile": {"en": "one profile", "nl": "één profiel"},
    "work-command": {"en": "one command", "nl": "één opdracht"},
    "tip": {
        "en": "Applied on {date}, the same project would get {amount} instead of {now}.",
        "nl": "Met een aanvraag op {date} krijgt hetzelfde project {amount} in plaats van {now}.",
    },
}
