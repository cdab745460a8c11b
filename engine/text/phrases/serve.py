"""What ``subsidie serve`` says when it refuses a request (the ``error`` of its JSON answers) and on its standard
error: the body's framing and size, its media type, the route, the query, and the address it cannot use. Each is
said in the language the request asks for (``?lang=``), else the server's (its locale)."""

PHRASES: dict[str, dict[str, str]] = {
    # the request's framing and size
    "chunk-size": {
        "en": "the chunked body is malformed: a chunk size line was expected",
        "nl": "de body in stukken (chunked) is misvormd: er werd een regel met de grootte van een stuk verwacht",
    },
    "chunk-trailers": {
        "en": "the chunked body has too many trailer lines",
        "nl": "de body in stukken (chunked) heeft te veel afsluitende regels (trailers)",
    },
    "chunk-short": {
        "en": "the chunked body is malformed or ended early",
        "nl": "de body in stukken (chunked) is misvormd of stopt te vroeg",
    },
    "body-over-limit": {
        "en": "the request body is larger than the limit of {limit} bytes",
        "nl": "de body van het verzoek is groter dan de grens van {limit} bytes",
    },
    "body-too-large": {
        "en": "the request body is {size} bytes; the limit is {limit}",
        "nl": "de body van het verzoek is {size} bytes groot; de grens is {limit}",
    },
    "body-short": {
        "en": "the body ended after {read} of the {size} bytes its Content-Length announced",
        "nl": "de body stopt na {read} van de {size} bytes die de Content-Length aankondigde",
    },
    "transfer-encoding": {
        "en": "the transfer encoding '{encoding}' is not supported; send chunked or a Content-Length",
        "nl": "de transfer encoding '{encoding}' wordt niet ondersteund; stuur chunked of een Content-Length",
    },
    "transfer-encoding-any": {
        "en": "the transfer encoding is not supported; send chunked or a Content-Length",
        "nl": "de transfer encoding wordt niet ondersteund; stuur chunked of een Content-Length",
    },
    "length-required": {
        "en": "send the profile with a Content-Length header (or chunked)",
        "nl": "stuur het profiel met een Content-Length-header (of chunked)",
    },
    "length-not-number": {
        "en": "the Content-Length '{length}' is not a number of bytes",
        "nl": "de Content-Length '{length}' is geen aantal bytes",
    },
    "malformed": {"en": "the request is malformed: {detail}", "nl": "het verzoek is misvormd (waitress: {detail})"},
    "headers-too-large": {
        "en": "the request line and headers are larger than the limit of {limit} bytes",
        "nl": "de verzoekregel en de headers zijn samen groter dan de grens van {limit} bytes",
    },
    "too-slow": {
        "en": "the client sent the request too slowly",
        "nl": "de client stuurde het verzoek te traag",
    },
    # what is asked
    "content-type": {
        "en": "the content type '{kind}' is not accepted; send application/json or application/yaml",
        "nl": "het content type '{kind}' wordt niet aanvaard; stuur application/json of application/yaml",
    },
    "charset": {
        "en": "the charset '{charset}' is not accepted; send UTF-8",
        "nl": "de tekenset '{charset}' wordt niet aanvaard; stuur UTF-8",
    },
    "wrong-host": {
        "en": "this server answers only to {hosts}, not to '{host}'",
        "nl": "deze server antwoordt alleen aan {hosts}, niet aan '{host}'",
    },
    "not-found": {"en": "no such page or endpoint: {path}", "nl": "deze pagina of dit endpoint bestaat niet: {path}"},
    "method": {
        "en": "{method} is not allowed on {path}; use {allowed}",
        "nl": "{method} is niet toegelaten op {path}; gebruik {allowed}",
    },
    "lang": {"en": "lang must be nl or en, found '{found}'", "nl": "lang moet nl of en zijn, gevonden: '{found}'"},
    "report-format": {
        "en": "format must be html, text or json, found '{found}'",
        "nl": "format moet 'html', 'text' of 'json' zijn, gevonden: '{found}'",
    },
    "as-of": {
        "en": "as_of must be a date written YYYY-MM-DD, found '{text}'",
        "nl": "as_of moet een datum zijn in de vorm JJJJ-MM-DD, gevonden: '{text}'",
    },
    "internal": {
        "en": "internal error; the server log has the details",
        "nl": "interne fout; het logboek van de server geeft de details",
    },
    "evaluation-error": {"en": "{name}: error: {problem}", "nl": "{name}: fout: {problem}"},
    # the command's standard error
    "cannot-listen": {
        "en": "error: cannot listen on {host}:{port}: {reason}",
        "nl": "fout: kan niet luisteren op {host}:{port} (fout van het systeem: {reason})",
    },
    "listening-open": {
        "en": "warning: listening on {host}: other machines that reach it can use this server",
        "nl": "waarschuwing: luistert op {host}: andere machines die het bereiken, kunnen deze server gebruiken",
    },
}
