"""Benchmark 5: ``subsidie serve`` under concurrent clients, on waitress against the old wsgiref server.

Each server runs in its own child process (this script with ``--server NAME``) on a free
loopback port, serving the same WSGI application (:func:`engine.serve.app.make_app` on the
shipped rules). The baseline is the server ``serve`` used before issue 14: the standard
library's ``wsgiref`` with a thread per connection (``socketserver.ThreadingMixIn``, its listen
backlog of 5), kept here only. Then 1, 20 and 50 client threads in this process each post
``examples/profiles/small-it-firm.yaml`` to ``/evaluate`` over and over, a new connection per
request, for a fixed time. A request is an error unless it is answered 200 with the whole body
(a refused or reset connection, a timeout, any other status). Rounds alternate the servers
(wsgiref, waitress, wsgiref, ...) so that the machine's noise hits both.
"""

from __future__ import annotations

import http.client
import socketserver
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

from _common import ROOT, Result, Row, Target, main

PROFILE = ROOT / "examples" / "profiles" / "small-it-firm.yaml"
CLIENTS = (1, 20, 50)
SERVERS = ("wsgiref", "waitress")


def _serve(kind: str) -> None:
    """Run one server on a free loopback port; print 'port N' and serve until killed."""
    from engine.load.ruleset import load_rules
    from engine.serve.api import Service
    from engine.serve.app import make_app

    app = make_app(Service(load_rules(ROOT / "rules"), "en"))
    if kind == "waitress":
        from engine.serve.server import make_server

        server: Any = make_server(app, "127.0.0.1", 0, quiet=True)
    else:
        from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
        from wsgiref.simple_server import make_server as wsgiref_server

        class Quiet(WSGIRequestHandler):
            timeout = 10

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Threading(socketserver.ThreadingMixIn, WSGIServer):
            daemon_threads = True

        server = wsgiref_server("127.0.0.1", 0, app, server_class=Threading, handler_class=Quiet)
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


def _start(kind: str) -> tuple[subprocess.Popen[str], int]:
    child = subprocess.Popen([sys.executable, __file__, "--server", kind], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line.startswith("port "):
        child.kill()
        raise RuntimeError(f"the {kind} server did not start")
    return child, int(line.split()[1])


def _load(port: int, clients: int, seconds: float, body: bytes) -> tuple[int, list[float], int]:
    """``clients`` threads posting ``body`` for ``seconds``: (answered, latencies in s, errors)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request(
                    "POST",
                    "/evaluate?as_of=2026-06-01",
                    body,
                    {"Content-Type": "application/yaml", "Connection": "close"},
                )
                response = connection.getresponse()
                data = response.read()
                connection.close()
                if response.status != 200 or not data.endswith(b"}\n"):
                    failed += 1
                    continue
            except (OSError, http.client.HTTPException):
                failed += 1
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, errors[0]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def run(quick: bool = False) -> Result:
    """Benchmark 5: requests/s, p50 and p99 latency and errors of serve at 1, 20 and 50 concurrent clients."""
    result = Result("serve", "5. serve under load: POST /evaluate at 1, 20 and 50 concurrent clients")
    seconds, rounds = (1.0, 1) if quick else (5.0, 3)
    body = PROFILE.read_bytes()
    servers = {}
    try:
        for kind in SERVERS:
            servers[kind] = _start(kind)
        figures: dict[tuple[str, int], dict[str, list[float]]] = {}
        for clients in CLIENTS:
            for _ in range(rounds):
                for kind in SERVERS:
                    answered, latencies, errors = _load(servers[kind][1], clients, seconds, body)
                    entry = figures.setdefault((kind, clients), {"rate": [], "p50": [], "p99": [], "errors": []})
                    entry["rate"].append(answered / seconds)
                    entry["p50"].append(_percentile(latencies, 0.50) * 1000)
                    entry["p99"].append(_percentile(latencies, 0.99) * 1000)
                    entry["errors"].append(float(errors))
    except RuntimeError as exc:
        result.failed = str(exc)
        return result
    finally:
        for child, _ in servers.values():
            child.kill()
            child.wait()
    for clients in CLIENTS:
        for kind in SERVERS:
            entry = figures[(kind, clients)]
            label = f"{clients} clients, {'wsgiref (before)' if kind == 'wsgiref' else 'waitress'}"
            result.rows += [
                Row(f"{label}: requests", entry["rate"], "requests/s", higher_is_better=True),
                Row(f"{label}: p50 latency", entry["p50"], "ms"),
                Row(f"{label}: p99 latency", entry["p99"], "ms"),
                Row(f"{label}: errors", entry["errors"], f"errors in {seconds:g} s"),
            ]
        before, after = figures[("wsgiref", clients)], figures[("waitress", clients)]
        result.ratios += [
            (
                f"{clients} clients: requests/s, waitress over wsgiref",
                statistics.median(after["rate"]) / statistics.median(before["rate"]),
            ),
            (
                f"{clients} clients: p99 latency, waitress over wsgiref",
                statistics.median(after["p99"]) / statistics.median(before["p99"]),
            ),
        ]
    errors_at_50 = sum(figures[("waitress", 50)]["errors"])
    result.targets.append(
        Target("no error at 50 concurrent clients (waitress)", errors_at_50 == 0, f"{errors_at_50:g}")
    )
    result.notes.append(
        f"{rounds} round(s) of {seconds:g} s per server and client count, alternating servers; a new connection per "
        "request; the servers in child processes, the clients threads of this one (both on this machine's cores). "
        "Ratios are the medians of waitress over those of wsgiref, the baseline, in the same run."
    )
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--server":
        _serve(sys.argv[2])
        sys.exit(0)
    sys.exit(main(run))
