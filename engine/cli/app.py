"""The ``subsidie`` command group, and :func:`run`: the one place where a command's exit code ends the process.

Every command returns its exit code; the group hands it to click as the context's exit
(:func:`_exit_with`), so an in-process caller (click's test runner) gets it too. :func:`run`
is the console script: it runs the group in click's non-standalone mode, turns usage
errors, interruptions (130 for Ctrl-C, 128 + the signal for SIGTERM and SIGHUP) and, as a
last guard, any unforeseen exception (3, with a one-line message instead of a traceback)
into exit codes, and exits with the code once.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, NoReturn

import click

from ..version import __version__

COMMANDS = {
    "ask": ("ask", "ask"),
    "batch": ("batch", "batch"),
    "diff": ("diff", "diff"),
    "docs": ("docs", "docs"),
    "evaluate": ("evaluate", "evaluate"),
    "explain": ("explain", "explain"),
    "serve": ("serve", "serve"),
    "test": ("cases", "test_command"),
    "validate": ("validate", "validate"),
}
"""Each command's name, the module of this package that defines it, and the command's name there."""


class _Commands(click.Group):
    """The group of :data:`COMMANDS`, each imported only when it runs (or when ``--help`` lists them all):
    starting ``subsidie evaluate`` does not import the code of the other eight."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "did you mean" from every name, not only loaded ones
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=COMMANDS, ctx=ctx) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="subsidie")
def main() -> None:
    """Which VLAIO subsidies can a company get for its cybersecurity projects, why, and how much."""


@main.result_callback()
@click.pass_context
def _exit_with(ctx: click.Context, code: int | None, **_: Any) -> None:
    """End the command with the exit code it returned."""
    ctx.exit(code or 0)


def _interrupted(cause: BaseException | None) -> int:
    """Ctrl-C (SIGINT) exits 130; SIGTERM or SIGHUP, turned into an interruption while batch writes, 128 + its
    number."""
    click.echo("interrupted", err=True)
    import signal  # here: its enumerations cost every start, and only an interruption needs them

    return 128 + getattr(cause, "signum", signal.SIGINT)


def exit_code() -> int:
    """Run the command line and give its exit code, with a last guard so that no user ever sees a traceback.

    Click runs in non-standalone mode so that an interruption keeps its own exit code (click
    itself would print 'Aborted!' and exit 1, which ``batch`` uses for 'some rows had errors');
    usage errors are shown and exit 2 as click does.
    """
    try:
        code = main(standalone_mode=False)
    except click.exceptions.Abort as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, EOFError):
            click.echo("Aborted!", err=True)
            return 1
        return _interrupted(cause)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    except Exception as exc:  # noqa: BLE001 - the last guard: report, do not crash
        click.echo(f"internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        return 3
    return code if isinstance(code, int) else 0


def run() -> NoReturn:
    """Entry point (``subsidie``, ``python -m engine``): run the command line and exit with its code."""
    from .options import PROCESS

    PROCESS["one_command"] = True
    sys.exit(exit_code())
