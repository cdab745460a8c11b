"""The WSGI application of ``subsidie serve``: the HTTP JSON API and the web page, with no server in it.

:func:`make_app` (or :class:`Application`) gives a plain WSGI application, so any WSGI server can
run it; :mod:`engine.serve.server` runs it on waitress. Request bodies are bounded (413, also for
chunked bodies), requests are answered only when addressed to this machine's names if it
listens on loopback (421), and no client ever sees a traceback (a 500 with a plain JSON
message; the traceback goes to ``wsgi.errors``). Every refusal is JSON ``{"error": message}``
(:func:`error_response`). Routes are listed in :data:`ROUTES`, which the OpenAPI document
(:mod:`engine.serve.openapi`) describes.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from ..diagnostics import EngineError, InputError, Phrase, phrase
from ..load.dates import read_date
from ..records import record
from ..render.answer_formats import STYLE, style_sheet
from ..render.report import dumps
from ..resources import schemas_dir
from ..text.messages import say
from .api import REQUEST, Service, profile_yaml, read_profile
from .openapi import openapi_document

MAX_BODY = 1024 * 1024
"""The default bound on a request body, in bytes (a profile with a thousand projects is far smaller)."""

WEB = Path(__file__).resolve().parent / "web"

ROUTES: tuple[tuple[str, str], ...] = (
    ("GET", "/"),
    ("GET", "/static/{file}"),
    ("GET", "/schema/profile.schema.json"),
    ("GET", "/health"),
    ("GET", "/measures"),
    ("GET", "/project-fields"),
    ("GET", "/openapi.json"),
    ("POST", "/evaluate"),
    ("POST", "/report"),
    ("POST", "/profile.yaml"),
    ("POST", "/profile.json"),
)
"""Every (method, path) the server answers; HEAD is answered wherever GET is."""

_STATIC_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
}
_YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
_JSON_TYPES = {"application/json"}
_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    411: "Length Required",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    421: "Misdirected Request",
    422: "Unprocessable Content",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


class HttpError(Exception):
    """A request the server refuses, with its status and a plain message for the client, in either language
    (``words``; ``message`` is the English text)."""

    def __init__(self, status: int, words: Phrase, headers: list[tuple[str, str]] | None = None):
        super().__init__(str(words))
        self.status, self.words, self.headers = status, words, headers or []
        self.message = str(words)


@record(frozen=False)
class Response:
    """What a route answers: status, content type, body, and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _json(status: int, document: Any) -> Response:
    return Response(status, "application/json; charset=utf-8", (dumps(document) + "\n").encode("utf-8"))


def response_head(response: Response) -> tuple[str, list[tuple[str, str]]]:
    """The status line and headers of ``response``, with the headers every answer carries."""
    headers = [
        ("Content-Type", response.content_type),
        ("Content-Length", str(len(response.body))),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
        *response.headers,
    ]
    if response.content_type.startswith("text/html"):
        headers += [("Content-Security-Policy", _CSP), ("X-Frame-Options", "DENY")]
    return f"{response.status} {_REASONS.get(response.status, 'Error')}", headers


def error_response(status: int, message: str) -> Response:
    """A refusal as every route writes it: JSON ``{"error": message}`` with ``status``."""
    return _json(status, {"error": message})


def _read_chunked(stream: Any, limit: int) -> bytes:
    body = bytearray()
    while True:
        line = stream.readline(1026)
        size_text = line.split(b";", 1)[0].strip()
        if not line.endswith(b"\n") or not re.fullmatch(rb"[0-9A-Fa-f]{1,8}", size_text):
            raise HttpError(400, phrase("serve.chunk-size"))
        size = int(size_text, 16)
        if size == 0:
            for _ in range(64):  # trailer lines, up to the empty line that ends the body
                if stream.readline(8194) in (b"\r\n", b"\n", b""):
                    return bytes(body)
            raise HttpError(400, phrase("serve.chunk-trailers"))
        if len(body) + size > limit:
            raise HttpError(413, phrase("serve.body-over-limit", limit=limit))
        chunk = stream.read(size)
        if len(chunk) < size or stream.read(2) != b"\r\n":
            raise HttpError(400, phrase("serve.chunk-short"))
        body += chunk


def read_body(environ: dict[str, Any], limit: int) -> bytes:
    """The request body, never reading more than ``limit`` bytes of it.

    Raises:
        HttpError: 411 without a length, 413 over the limit, 400 for a malformed or short body.
    """
    stream = environ["wsgi.input"]
    encoding = environ.get("HTTP_TRANSFER_ENCODING", "").strip().lower()
    if encoding:
        if encoding != "chunked":
            raise HttpError(501, phrase("serve.transfer-encoding", encoding=encoding))
        return _read_chunked(stream, limit)
    length = environ.get("CONTENT_LENGTH", "").strip()
    if not length:
        raise HttpError(411, phrase("serve.length-required"))
    if not length.isdigit():
        raise HttpError(400, phrase("serve.length-not-number", length=length[:40]))
    size = int(length)
    if size > limit:
        raise HttpError(413, phrase("serve.body-too-large", size=size, limit=limit))
    body = stream.read(size) if size else b""
    if len(body) < size:
        raise HttpError(400, phrase("serve.body-short", read=len(body), size=size))
    return body


def _media_type(environ: dict[str, Any]) -> None:
    """Accept JSON and YAML bodies (both read by the same loader); a missing type is read the same way."""
    header = environ.get("CONTENT_TYPE", "")
    kind, _, parameters = header.partition(";")
    kind = kind.strip().lower()
    charset = re.search(r"charset\s*=\s*\"?([^\";\s]+)", parameters, re.IGNORECASE)
    if kind and kind not in _YAML_TYPES | _JSON_TYPES and not kind.endswith("+json"):
        raise HttpError(415, phrase("serve.content-type", kind=kind[:80]))
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        raise HttpError(415, phrase("serve.charset", charset=charset.group(1)[:40]))


class Application:
    """The WSGI application: routes, limits, and the service that evaluates."""

    def __init__(self, service: Service, max_body: int = MAX_BODY, hosts: Iterable[str] | None = _LOOPBACK_NAMES):
        """Args:
        service: the rule set and its evaluator.
        max_body: the bound on request bodies, in bytes.
        hosts: the host names requests may be addressed to (the Host header; a defence against DNS
            rebinding for a server on this machine), or None to accept any.
        """
        self.service = service
        self.max_body = max_body
        self.hosts = None if hosts is None else {h.lower() for h in hosts}
        self.openapi = _json(200, openapi_document(service.rules))
        self.project_fields = _json(200, service.project_fields())
        self.schema = Response(200, "application/schema+json", (schemas_dir() / "profile.schema.json").read_bytes())
        self.static = {
            path.name: Response(200, _STATIC_TYPES[path.suffix], path.read_bytes())
            for path in sorted(WEB.iterdir())
            if path.suffix in _STATIC_TYPES
        }
        self.static[STYLE] = Response(200, _STATIC_TYPES[".css"], style_sheet().encode("utf-8"))  # the report's

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            response = self.route(environ)
        except HttpError as exc:
            response = _json(exc.status, {"error": exc.words.text(self.error_lang(environ))})
            response.headers = tuple(exc.headers)
        except TimeoutError:
            response = _json(408, {"error": say("serve.too-slow", self.error_lang(environ))})
        except Exception:  # noqa: BLE001 - the client gets a plain message, the operator the traceback
            traceback.print_exc(file=environ.get("wsgi.errors", sys.stderr))
            response = _json(500, {"error": say("serve.internal", self.error_lang(environ))})
        status, headers = response_head(response)
        start_response(status, headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else response.body]

    def route(self, environ: dict[str, Any]) -> Response:
        """Answer one request (raises HttpError for requests it refuses)."""
        host = environ.get("HTTP_HOST", "")
        if self.hosts is not None and host:
            name = host if host.endswith("]") or host.count(":") > 1 else host.rsplit(":", 1)[0]
            if name.lower() not in self.hosts:
                raise HttpError(421, phrase("serve.wrong-host", hosts=", ".join(sorted(self.hosts)), host=host[:80]))
        path, method = environ.get("PATH_INFO", "/"), environ["REQUEST_METHOD"]
        template = "/static/{file}" if path.startswith("/static/") else path
        allowed = [m for m, p in ROUTES if p == template]
        if not allowed or (template == "/static/{file}" and path[len("/static/") :] not in self.static):
            raise HttpError(404, phrase("serve.not-found", path=path[:200]))
        if method == "HEAD" and "GET" in allowed:
            method = "GET"
        if method not in allowed:
            raise HttpError(
                405,
                phrase("serve.method", method=method[:20], path=path, allowed=", ".join(allowed)),
                [("Allow", ", ".join(allowed + (["HEAD"] if "GET" in allowed else [])))],
            )
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if path == "/":
            return self.static["index.html"]
        if template == "/static/{file}":
            return self.static[path[len("/static/") :]]
        if path == "/schema/profile.schema.json":
            return self.schema
        if path == "/health":
            return _json(200, self.service.health())
        if path == "/openapi.json":
            return self.openapi
        if path == "/measures":
            return _json(200, self.service.measures(self._lang(query)))
        if path == "/project-fields":
            return self.project_fields
        lang = self._lang(query)
        as_of = self._as_of(query) if path in ("/evaluate", "/report") else None
        report = self._report_format(query) if path == "/report" else None
        _media_type(environ)
        posted = read_profile(read_body(environ, self.max_body))
        if path == "/profile.json":  # the profile as read, for a form to fill its fields, with its problems
            return _json(
                422 if posted.data is None else 200,
                {"profile": posted.written_json(), **posted.diagnostics_json(lang)},
            )
        if posted.data is None:
            return _json(422, posted.diagnostics_json(lang))
        if as_of is None:  # POST /profile.yaml
            return Response(
                200,
                "application/yaml; charset=utf-8",
                profile_yaml(posted).encode("utf-8"),
                (("Content-Disposition", 'attachment; filename="profile.yaml"'),),
            )
        try:
            if report == "json":  # both reports and the assumed dates: the web page's one request
                reports = self.service.reports(posted.data, as_of, lang)
                return _json(200, {**reports, "application_dates_assumed": posted.assumed_dates(as_of)})
            if report is not None:
                text = self.service.report(posted.data, as_of, lang, report)
                kind = "text/html; charset=utf-8" if report == "html" else "text/plain; charset=utf-8"
                return Response(200, kind, text.encode("utf-8"))
            document = self.service.evaluate(posted.data, as_of, lang)
        except EngineError as exc:  # as `subsidie evaluate` reports it
            problem = "\n".join(d.text(lang) for d in exc.diagnostics) if isinstance(exc, InputError) else exc
            return _json(
                422, {"error": say("serve.evaluation-error", lang, name=REQUEST, problem=problem), "diagnostics": []}
            )
        return _json(200, {**document, "application_dates_assumed": posted.assumed_dates(as_of)})

    def error_lang(self, environ: dict[str, Any]) -> str:
        """The language a refusal is said in: the request's ``lang`` when it is nl or en, else the server's."""
        lang = parse_qs(environ.get("QUERY_STRING", "")).get("lang", [""])[-1]
        return lang if lang in ("nl", "en") else self.service.default_lang

    def _lang(self, query: dict[str, list[str]]) -> str:
        lang = query.get("lang", [self.service.default_lang])[-1]
        if lang not in ("nl", "en"):
            raise HttpError(400, phrase("serve.lang", found=lang[:20]))
        return lang

    @staticmethod
    def _report_format(query: dict[str, list[str]]) -> str:
        found = query.get("format", ["html"])[-1]
        if found not in ("html", "text", "json"):
            raise HttpError(400, phrase("serve.report-format", found=found[:20]))
        return found

    @staticmethod
    def _as_of(query: dict[str, list[str]]) -> _dt.date:
        if "as_of" not in query:
            return _dt.date.today()
        text = query["as_of"][-1]
        try:
            return read_date(text)
        except ValueError:
            raise HttpError(400, phrase("serve.as-of", text=text[:20])) from None


def is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback name or address (only this machine can connect)."""
    return host.strip("[]").lower() in _LOOPBACK_NAMES or host.startswith("127.")


def allowed_hosts(host: str) -> set[str] | None:
    """The Host header names a server bound to ``host`` accepts: this machine's names when it listens on
    loopback only, else any (None)."""
    if not is_loopback(host):
        return None
    bare = host.strip("[]").lower()
    return _LOOPBACK_NAMES | {bare, f"[{bare}]" if ":" in bare else bare}


def make_app(service: Service, max_body: int = MAX_BODY, host: str = "127.0.0.1") -> Application:
    """The WSGI application for ``service``, bounding bodies to ``max_body`` bytes and accepting the Host
    names that a server bound to ``host`` should (:func:`allowed_hosts`)."""
    return Application(service, max_body=max_body, hosts=allowed_hosts(host))
