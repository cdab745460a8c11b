"""The server of ``subsidie serve``: the WSGI application of :mod:`engine.serve.app` on waitress.

waitress (pure Python) reads each request in full on one thread that multiplexes every
connection, and hands complete requests to a fixed pool of worker threads, so slow or many
clients cost a little memory each, not a thread each. :func:`make_server` bounds everything
a client can hold: :data:`THREADS` workers, :data:`CONNECTIONS` open connections (more wait in
a listen backlog of :data:`BACKLOG`), request headers of :data:`MAX_HEADER` bytes (431), the
body of the application's ``max_body`` (413 from the Content-Length, before the body is
read), and a total deadline (``timeout``) from the moment the server waits for a request to
the moment it has all of it: a client still sending then is disconnected, however it trickles.
Malformed requests (a bad Content-Length, a bad request line) get 400. Every such refusal is
the application's JSON ``{"error": ...}``, never a traceback; ``quiet`` logs nothing per
request and nothing about clients that went away.
"""

from __future__ import annotations

import logging
import socket
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs, quote

from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from ..diagnostics import Phrase, phrase
from .app import (
    MAX_BODY,
    ROUTES,
    Application,
    HttpError,
    Response,
    allowed_hosts,
    error_response,
    is_loopback,
    make_app,
    read_body,
    response_head,
)

__all__ = [
    "MAX_BODY",
    "ROUTES",
    "Application",
    "HttpError",
    "Response",
    "Server",
    "allowed_hosts",
    "is_loopback",
    "make_app",
    "make_server",
    "read_body",
]

TIMEOUT = 10.0
"""Seconds a client has to send a whole request, counted from when the server starts waiting for it."""

THREADS = 4
"""Worker threads that run the application (an evaluation is CPU work: more threads would only wait)."""

CONNECTIONS = 100
"""Open connections at most; further clients wait in the listen backlog until one closes."""

BACKLOG = 1024
"""Connections the operating system queues before the server accepts them (the standard library's: 5)."""

MAX_HEADER = 64 * 1024
"""The bound on a request's line and headers together, in bytes (431 above it)."""


class _Refusal(ErrorTask):
    """waitress's answer to a request it refuses before the application (malformed, too large), written as the
    application writes its refusals: JSON ``{"error": message}`` with the same headers."""

    def execute(self) -> None:
        request: Any = self.request  # the parser, which the stubs call an Error
        error = request.error
        words = {
            400: phrase("serve.malformed", detail=error.body),
            413: _too_large(request, self.channel.server.adj.max_request_body_size - 1),
            431: phrase("serve.headers-too-large", limit=MAX_HEADER),
            501: phrase("serve.transfer-encoding-any"),
        }.get(error.code)
        lang = parse_qs(getattr(request, "query", "") or "").get("lang", [""])[-1]
        server: Any = self.channel.server  # a Server (the stubs say only a WSGI server)
        lang = lang if lang in ("nl", "en") else server.lang
        response = error_response(error.code, words.text(lang) if words is not None else str(error.body))
        status, headers = response_head(response)
        self.status = status
        self.response_headers = [*self.response_headers, *headers]
        self.set_close_on_finish()
        self.content_length = len(response.body)
        self.write(response.body)


def _too_large(request: Any, limit: int) -> Phrase:
    if request.chunked:
        return phrase("serve.body-over-limit", limit=limit)
    return phrase("serve.body-too-large", size=request.content_length, limit=limit)


class _Channel(HTTPChannel):
    """One connection, knowing since when the server has waited for its current request."""

    error_task_class = _Refusal

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting_since = time.monotonic()

    def send_continue(self) -> None:
        if self.request is not None and self.request.error is not None:
            self.sent_continue = True  # no "100 Continue" for a body that is refused already: its 413 follows
            return
        super().send_continue()

    def service(self) -> None:
        try:
            super().service()
        finally:
            self.waiting_since = time.monotonic()  # the deadline of the next request starts now

    def handle_close(self) -> None:
        # what the client sent and the server will not read (the rest of headers over the limit, a refused body):
        # read what has arrived before closing, else the kernel answers it with a reset that can destroy the reply
        try:
            for _ in range(16):
                if self.socket is None or not self.socket.recv(65536):
                    break
        except OSError:
            pass
        super().handle_close()

    def handle_error(self) -> None:
        # a client that resets its connection is no error of the server's: close without a traceback
        self.handle_close()


class Server(TcpWSGIServer):
    """waitress's TCP server with a total deadline per request; :meth:`serve_forever` runs it until
    :meth:`shutdown`."""

    channel_class = _Channel
    deadline = TIMEOUT
    lang = "en"  # the language of the refusals waitress makes, when the request does not ask for one

    def maintenance(self, now: float) -> None:
        """Disconnect every client that has not sent its whole request within the deadline (also one that
        trickles a byte at a time, which waitress's idle timeout alone would keep)."""
        cutoff = time.monotonic() - self.deadline
        channels: dict[int, Any] = self.active_channels  # type: ignore[assignment]  # the stubs call it a channel
        for channel in list(channels.values()):
            if not channel.requests and channel.waiting_since < cutoff:
                channel.will_close = True

    @property
    def server_address(self) -> tuple[str, int]:
        """The address the server is bound to (the port it got for port 0)."""
        bound: Any = self  # waitress sets these in __init__; its stubs do not declare them
        return str(bound.effective_host), int(bound.effective_port)

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or KeyboardInterrupt)."""
        self._stopping = False
        sockets: Any = self._map  # type: ignore[attr-defined]  # wasyncore's, undeclared in the stubs
        try:
            while not self._stopping and sockets:
                wasyncore.loop(timeout=self.adj.asyncore_loop_timeout, map=sockets, count=1)
        finally:
            self._stopped = True

    def shutdown(self) -> None:
        """Ask :meth:`serve_forever` to return (from another thread); it does within a poll interval."""
        self._stopping = True
        for _ in range(100):
            if getattr(self, "_stopped", False):
                break
            time.sleep(0.02)

    def server_close(self) -> None:
        """Close the listening socket, every connection and the worker threads."""
        self.close()
        sockets: Any = self._map  # type: ignore[attr-defined]
        for channel in list(sockets.values()):
            channel.close()
        self.task_dispatcher.shutdown(timeout=1)


def _access_log(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """``app``, writing one line per request to standard error as the standard library's server did."""

    def logged(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        seen: list[str] = []

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen.append(status.split(" ", 1)[0])
            seen.append(next((v for k, v in headers if k.lower() == "content-length"), "-"))
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        body = app(environ, start)
        query = environ.get("QUERY_STRING", "")
        target = quote(environ.get("PATH_INFO", "/")) + (f"?{query}" if query else "")
        line = f"{environ['REQUEST_METHOD']} {target} {environ.get('SERVER_PROTOCOL', 'HTTP/1.1')}"
        when = time.strftime("%d/%b/%Y %H:%M:%S")
        status, size = (seen + ["-", "-"])[:2]
        sys.stderr.write(f'{environ.get("REMOTE_ADDR", "-")} - - [{when}] "{line}" {status} {size}\n')
        return body

    return logged


def make_server(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = TIMEOUT,
    quiet: bool = False,
    threads: int = THREADS,
    connections: int = CONNECTIONS,
    backlog: int = BACKLOG,
) -> Server:
    """A waitress server for the WSGI ``app``, bound to ``host:port`` (port 0 picks a free one); call
    :meth:`Server.serve_forever`. The body limit is ``app.max_body`` (the application's own).

    Raises:
        OSError: the address cannot be bound or resolved.
    """
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    address = socket.getaddrinfo(bare, port, family, socket.SOCK_STREAM, socket.IPPROTO_TCP)[0][4]
    whole = max(1, int(timeout + 0.999))
    adjustments = Adjustments(
        host=bare,
        port=port,
        threads=threads,
        connection_limit=connections,
        backlog=backlog,
        channel_timeout=whole,
        cleanup_interval=whole,
        max_request_header_size=MAX_HEADER,
        max_request_body_size=getattr(app, "max_body", MAX_BODY) + 1,  # waitress refuses a length >= it
        expose_tracebacks=False,
        ident="subsidie",
        clear_untrusted_proxy_headers=True,
    )
    # the deadline is checked a few times within it (waitress's settings take whole seconds only)
    poll = min(1.0, timeout / 4)
    adjustments.cleanup_interval = poll  # type: ignore[assignment]
    adjustments.asyncore_loop_timeout = poll  # type: ignore[assignment]
    logging.getLogger("waitress").setLevel(logging.ERROR if quiet else logging.WARNING)
    listening = socket.socket(family, socket.SOCK_STREAM)
    try:  # bound here, before waitress opens its wake-up pipe, so that a failure leaves nothing open
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            listening.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listening.bind(address)
    except OSError:
        listening.close()
        raise
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(threads)
    server = Server(
        app if quiet else _access_log(app),
        _sock=listening,
        dispatcher=dispatcher,
        adj=adjustments,
        sockinfo=(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, address),
        bind_socket=False,
    )
    server.deadline = timeout
    server.lang = getattr(getattr(app, "service", None), "default_lang", "en")
    return server
