"""What the commands share: the options ``--lang``, ``--as-of``, ``--rules`` and ``--format``, and loading the rules.

Each option is a decorator with the same name, type and default in every command; the
words of its help that differ from command to command are its arguments. The helpers
write diagnostics as a command's ``--format`` asks, and load the rule set a command
runs on (saying why, and giving None, when it has errors).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..diagnostics import ERROR, Diagnostic
from ..load.dates import read_date
from ..resources import installed_copy, rules_dir

if TYPE_CHECKING:  # the commands import the engine when they run: 'subsidie --help' loads none of it
    from ..model import RuleSet

F = TypeVar("F", bound=Callable[..., Any])

PROCESS = {"one_command": False}
"""``one_command`` is True when the process runs one command and ends (the console script, ``python -m engine``),
not when a command is called in a longer-lived process (a test's ``CliRunner``, a program using the CLI)."""


def freeze_imports() -> None:
    """Let the garbage collector's full passes skip every object alive now (the modules imported so far, a rule
    set just read), in a process that runs one command: they live as long as it (the imports some 4% of
    ``evaluate``'s instructions; a rule set of 4,500 conditions some 0.3 s of ``diff``'s CPU). A process that
    goes on after the command keeps collecting them."""
    if PROCESS["one_command"]:
        import gc

        gc.freeze()


def default_lang() -> str:
    """The language of the locale: Dutch when ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first set) starts
    with ``nl``, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


class Date(click.ParamType):
    """A date written YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> _dt.date:
        if isinstance(value, _dt.date):
            return value
        try:
            return read_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def lang_option(what: str) -> Callable[[F], F]:
    """``--lang nl|en``: the language of ``what`` (the help says so), from the locale when not given."""
    return click.option(
        "--lang",
        type=click.Choice(["nl", "en"]),
        default=None,
        help=f"Language of {what} (default: from the locale, else en).",
    )


def as_of_option(help: str = "Application date for projects that give none (default: today).") -> Callable[[F], F]:
    """``--as-of DATE``: the application date of projects that give none; today when not given."""
    return click.option("--as-of", "as_of", type=Date(), default=None, help=help)


def rules_option(function: F) -> F:
    """``--rules DIR`` (or ``SUBSIDIE_RULES``): the rule-set folder; the shipped rules when not given."""
    return click.option(
        "--rules",
        "rules_path",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="SUBSIDIE_RULES",
        show_envvar=True,
        help="The rule-set folder (default: the rules shipped with subsidie).",
    )(function)


def format_option(*choices: str, default: str | None = "text", help: str | None = None) -> Callable[[F], F]:
    """``--format``: one of ``choices``; the default is shown in the help when there is one."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


def echo_diagnostics(diagnostics: list[Diagnostic], fmt: str = "text", lang: str = "en") -> None:
    """Write diagnostics in ``lang``: as text on standard error, or as JSON or GitHub annotations on standard
    output."""
    from ..render.report import diagnostics_github, diagnostics_json, diagnostics_text

    if fmt == "json":
        click.echo(diagnostics_json(diagnostics, lang))
        return
    if fmt == "github":  # workflow commands are read from standard output
        click.echo(diagnostics_github(diagnostics, lang), nl=False)
        return
    click.echo(diagnostics_text(diagnostics, lang), nl=False, err=True)


def note_installed_rules(rules_path: Path | None) -> None:
    """Warn an editor whose edits in ./rules would be ignored because the installed copy is used."""
    if rules_path is None and installed_copy() and Path("rules").is_dir() and any(Path("rules").glob("*.yaml")):
        click.echo(
            "note: using the rule set installed with subsidie, not ./rules; pass '--rules rules' "
            "(or install with 'pip install -e .') to use your edits",
            err=True,
        )


def load_rules(rules_path: Path | None, lang: str = "en") -> RuleSet | None:
    """The rule set a command runs on (from the rules cache when unchanged), or None after saying why not."""
    from ..load.ruleset import load_rules_cached
    from ..text.messages import say

    note_installed_rules(rules_path)
    rules, diagnostics = load_rules_cached(rules_path or rules_dir())
    if rules is None:
        echo_diagnostics([d for d in diagnostics if d.severity == ERROR], lang=lang)
        click.echo(say("diagnostics.rules-have-errors", lang), err=True)
    else:
        freeze_imports()
    return rules
