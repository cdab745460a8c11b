"""``subsidie evaluate``: evaluate company profiles and write the results as text, JSON, Markdown or HTML."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from ..diagnostics import EngineError
from .options import (
    as_of_option,
    default_lang,
    echo_diagnostics,
    format_option,
    freeze_imports,
    lang_option,
    load_rules,
    rules_option,
)


@click.command()
@click.argument("profiles", nargs=-1, required=True)
@format_option(
    "text",
    "json",
    "markdown",
    "html",
    help="text for people, json for programs, markdown for documents, html for one self-contained report file.",
)
@lang_option("texts and explanations")
@as_of_option()
@rules_option
def evaluate(
    profiles: tuple[str, ...], fmt: str, lang: str | None, as_of: _dt.date | None, rules_path: Path | None
) -> int:
    """Evaluate company profiles (YAML or JSON files; - reads standard input).

    Exit status: 0 when every profile was evaluated, whatever the eligibility;
    2 when a profile or the rules could not be read.
    """
    from ..evaluate.evaluator import Evaluator
    from ..evaluate.tips import add_tips
    from ..load.profile import load_profile
    from ..render.answer import build_answer
    from ..render.answer_formats import answer_markdown, answer_text, html_document
    from ..render.report import dumps, profile_json

    freeze_imports()  # what the command makes is still collected
    lang = lang or default_lang()
    as_of = as_of or _dt.date.today()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    evaluator = Evaluator(rules)
    failed = False
    documents, texts, answers = [], [], []
    for path in profiles:
        name = "<stdin>" if path == "-" else path
        data, diagnostics = load_profile(path, name)
        if data is None:
            echo_diagnostics(diagnostics, lang=lang)
            failed = True
            continue
        try:
            outcome = evaluator.evaluate(data, as_of, lang)
            add_tips(evaluator, data, outcome, lang)
        except EngineError as exc:
            click.echo(f"{name}: error: {exc}", err=True)
            failed = True
            continue
        if fmt == "json":
            documents.append(profile_json(name, outcome, rules.digest))
            continue
        answer = build_answer(outcome, data, lang)
        if fmt == "html":
            answers.append(answer)
        else:
            texts.append(answer_markdown(answer) if fmt == "markdown" else answer_text(answer))
    if fmt == "json":
        if documents:
            click.echo(dumps(documents[0] if len(profiles) == 1 else documents))
    elif fmt == "html":
        if answers:
            click.echo(html_document(answers), nl=False)
    elif texts:
        click.echo("\n".join(texts), nl=False)
    return 2 if failed else 0
