"""``subsidie serve``: the web page and the HTTP JSON API, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import click

from ..text.messages import say
from .options import default_lang, load_rules, rules_option


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; anything but a loopback address lets other machines in.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on (0 picks a free one).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1024, 64 * 1024 * 1024),
    default=1024 * 1024,
    show_default=True,
    metavar="BYTES",
    help="The largest request body accepted (larger ones get 413).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 3600),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="How long a client has to send a whole request (headers and body); slower ones are disconnected.",
)
@click.option("--quiet", is_flag=True, help="Do not log each request (nor clients that went away) to standard error.")
@rules_option
def serve(host: str, port: int, max_body: int, timeout: float, quiet: bool, rules_path: Path | None) -> int:
    """Serve the HTTP JSON API (POST /evaluate, POST /profile.yaml, GET /measures, GET /health,
    GET /openapi.json) and the web page at / (a form for the profile, its results in Dutch or English,
    and the profile as a YAML file). Ctrl-C stops the server.

    Exit status: 0 stopped; 2 unreadable rules or an address that cannot be used.
    """
    from ..serve.api import Service
    from ..serve.app import is_loopback, make_app
    from ..serve.server import make_server

    lang = default_lang()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    app = make_app(Service(rules, lang), max_body=max_body, host=host)
    try:
        server = make_server(app, host, port, timeout=timeout, quiet=quiet)
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        click.echo(say("serve.cannot-listen", lang, host=host, port=port, reason=reason), err=True)
        return 2
    if not is_loopback(host):
        click.echo(say("serve.listening-open", lang, host=host), err=True)
    bound_host, bound_port = server.server_address
    shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    click.echo(f"serving http://{shown}:{bound_port}/ (rules {rules.digest[:19]}; Ctrl-C stops)")
    sys.stdout.flush()

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # a service manager's SIGTERM stops the server as Ctrl-C does

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
    return 0
