"""Hostile clients against the real ``subsidie serve`` (issue 14, item 4), run as a child process.

Each test starts ``subsidie serve --port 0`` with a small ``--timeout`` and ``--max-body`` and
attacks it over raw sockets: a client that trickles its request past the total deadline,
headers over 64 KiB, a bad Content-Length, a body over the limit, and clients that go away.
The server's standard error goes to a file, so the tests can read exactly what it logged.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .harness import ROOT


@contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[tuple[tuple[str, int], Path]]:
    """``subsidie serve --port 0 OPTIONS`` in a child; yields its address and the file of its standard error."""
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "engine", "serve", "--port", "0", *options],
            stdout=stdout,
            stderr=stderr,
            cwd=ROOT,
        )
    try:
        for _ in range(300):
            found = re.match(r"serving http://127\.0\.0\.1:(\d+)/ ", out.read_text(encoding="utf-8"))
            if found:
                break
            time.sleep(0.05)
        assert found, err.read_text(encoding="utf-8")
        yield ("127.0.0.1", int(found.group(1))), err
    finally:
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=10) == 0


def exchange(address: tuple[str, int], data: bytes) -> bytes:
    """Send ``data`` on one connection and read until the server closes it."""
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(data)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def status_and_json(reply: bytes) -> tuple[int, Any]:
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def request(length: str, extra: bytes = b"") -> bytes:
    return (
        b"POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {length}\r\n".encode()
        + extra
        + b"\r\n"
    )


def test_a_client_that_trickles_its_request_is_dropped_at_the_total_deadline(tmp_path):
    with serving(tmp_path, "--timeout", "0.5", "--quiet") as (address, _), socket.create_connection(address) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /evaluate HTTP/1.1\r\n")
        dropped = None
        for _ in range(60):  # a header line every 0.1 s: never silent, never done
            try:
                sock.sendall(b"X-Slow: a\r\n")
                sock.settimeout(0.1)
                if sock.recv(1) == b"":
                    dropped = time.monotonic() - started
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                dropped = time.monotonic() - started
                break
    # dropped after the deadline of 0.5 s and within a few of the server's polls of it, not after 6 s of trickling
    assert dropped is not None and 0.5 <= dropped < 2.5


def test_headers_over_64_kib_get_431(tmp_path):
    with serving(tmp_path, "--quiet") as (address, _):
        reply = exchange(address, request("2", b"X-Big: " + b"a" * 70_000 + b"\r\n") + b"{}")
    assert status_and_json(reply) == (
        431,
        {"error": "the request line and headers are larger than the limit of 65536 bytes"},
    )


def test_a_bad_content_length_gets_400_and_no_traceback_in_the_log(tmp_path):
    with serving(tmp_path) as (address, err):
        for length in ("ten", "-5", "1e3", "0x10"):
            assert status_and_json(exchange(address, request(length))) == (
                400,
                {"error": "the request is malformed: Content-Length is invalid"},
            )
        time.sleep(0.2)
        assert "Traceback" not in err.read_text(encoding="utf-8")


def test_a_body_over_max_body_gets_413_from_its_length_alone(tmp_path):
    with serving(tmp_path, "--max-body", "2048", "--quiet") as (address, _):
        assert status_and_json(exchange(address, request("2049"))) == (
            413,
            {"error": "the request body is 2049 bytes; the limit is 2048"},
        )
        assert status_and_json(exchange(address, request("2", b"Connection: close\r\n") + b"{}"))[0] == 422


def test_quiet_logs_nothing_for_requests_refusals_or_clients_that_time_out_or_reset(tmp_path):
    with serving(tmp_path, "--timeout", "0.5", "--quiet") as (address, err):
        assert exchange(address, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")[:12] == (
            b"HTTP/1.1 200"
        )
        assert exchange(address, request("ten"))[:12] == b"HTTP/1.1 400"
        silent = [socket.create_connection(address) for _ in range(5)]
        for sock in silent[:2]:
            sock.sendall(b"POST /evaluate HTTP/1.1\r\n")
        time.sleep(1.6)  # past the deadline: the server drops all five
        for sock in silent:
            sock.close()
        reset = socket.create_connection(address)
        reset.sendall(request("100") + b"{")
        reset.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        reset.close()  # an RST, not a FIN
        time.sleep(0.3)
        assert err.read_text(encoding="utf-8") == ""


def test_without_quiet_each_request_is_one_line_in_the_log(tmp_path):
    with serving(tmp_path) as (address, err):
        exchange(address, b"GET /health?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        time.sleep(0.2)
        lines = err.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert re.fullmatch(
        r'127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4} \d\d:\d\d:\d\d\] "GET /health\?x=1 HTTP/1\.1" 200 \d+', lines[0]
    )
