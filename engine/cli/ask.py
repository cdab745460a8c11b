"""``subsidie ask``: the questionnaire on a terminal (questions on standard error), then the result as ``evaluate``
writes it."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from ..diagnostics import EngineError
from .options import as_of_option, default_lang, echo_diagnostics, format_option, lang_option, load_rules, rules_option


@click.command()
@click.argument("profile", required=False)
@click.option(
    "--save",
    "save_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the profile built to this YAML file; 'subsidie evaluate' gives the same results for it.",
)
@format_option(
    "text",
    "json",
    "markdown",
    help="How the result is written to standard output (the questions go to standard error).",
)
@lang_option("the questions and the result")
@as_of_option(help="The application date an empty answer gives (default: today).")
@rules_option
def ask(
    profile: str | None,
    save_path: Path | None,
    fmt: str,
    lang: str | None,
    as_of: _dt.date | None,
    rules_path: Path | None,
) -> int:
    """Ask, one question at a time, only the facts that can still change a result, then show the result
    as 'evaluate' does. PROFILE (optional) is a partial profile to start from; '?' answers "I don't know".

    Exit status: 0 done; 1 the input ended before the last question; 2 an unreadable profile or rules,
    or a --save file that cannot be written.
    """
    from ..ask.questionnaire import Session
    from ..ask.terminal import converse
    from ..evaluate.tips import add_tips
    from ..load.profile import load_partial
    from ..render.answer import build_answer
    from ..render.answer_formats import answer_markdown, answer_text
    from ..render.profile_yaml import write_profile
    from ..render.report import dumps, profile_json
    from ..text.messages import say

    lang = lang or default_lang()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    start = None
    if profile is not None:
        start, diagnostics = load_partial(profile)
        if start is None:
            echo_diagnostics(diagnostics, lang=lang)
            return 2
    if save_path is not None and not save_path.parent.is_dir():
        click.echo(f"error: cannot save to {save_path}: there is no folder {save_path.parent}", err=True)
        return 2
    session = Session(rules, lang, as_of or _dt.date.today(), start)
    try:
        outcome = converse(
            session,
            lang,
            lambda: click.prompt("", prompt_suffix="> ", default="", show_default=False, err=True),
            lambda line: click.echo(line, err=True),
        )
    except click.Abort as exc:
        if not isinstance(exc.__context__, EOFError):
            raise  # Ctrl-C: an interruption, as for any command
        click.echo(f"\nerror: {say('ask.aborted', lang)}", err=True)
        return 1
    except EngineError as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    add_tips(session.evaluator, session.complete(), outcome, lang)
    name = str(save_path) if save_path is not None else "<ask>"
    if save_path is not None:
        try:
            write_profile(save_path, session.data)
        except OSError as exc:
            click.echo(f"error: cannot save to {save_path}: {exc.strerror or exc}", err=True)
            return 2
    if fmt == "json":
        click.echo(dumps(profile_json(name, outcome, rules.digest)))
    else:
        answer = build_answer(outcome, session.complete(), lang)
        click.echo((answer_markdown if fmt == "markdown" else answer_text)(answer), nl=False)
    if save_path is not None:
        click.echo(say("ask.saved", lang, path=save_path), err=True)
    return 0
