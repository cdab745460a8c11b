"""``subsidie explain``: the full trace of each result of a profile, as text or JSON."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from ..diagnostics import EngineError
from .options import as_of_option, default_lang, echo_diagnostics, format_option, lang_option, load_rules, rules_option


@click.command()
@click.argument("profile")
@click.option("--project", default=None, help="Only this project (its id).")
@click.option("--measure", default=None, help="Only this measure (its id).")
@format_option("text", "json")
@lang_option("texts")
@as_of_option()
@rules_option
def explain(
    profile: str,
    project: str | None,
    measure: str | None,
    fmt: str,
    lang: str | None,
    as_of: _dt.date | None,
    rules_path: Path | None,
) -> int:
    """Show how each result came about: the rules and values in force, every condition with the values
    it read, every step of the amount, and the aid history that counted.

    Exit status: 0 explained; 2 unreadable or invalid profile or rules, or an unknown project or measure.
    """
    from ..evaluate.evaluator import Evaluator
    from ..load.profile import load_profile
    from ..render.explain import explain_json, explain_text
    from ..render.report import dumps

    lang = lang or default_lang()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    name = "<stdin>" if profile == "-" else profile
    data, diagnostics = load_profile(profile, name)
    if data is None:
        echo_diagnostics(diagnostics, lang=lang)
        return 2
    ids = [p["id"] for p in data["projects"]]
    if project is not None and project not in ids:
        click.echo(f"error: no project '{project}' in {name} (projects: {', '.join(ids)})", err=True)
        return 2
    if measure is not None and measure not in rules.measures:
        click.echo(f"error: unknown measure '{measure}' (measures: {', '.join(rules.measures)})", err=True)
        return 2
    try:
        outcome = Evaluator(rules).evaluate(data, as_of or _dt.date.today(), lang, trace=True)
    except EngineError as exc:
        click.echo(f"{name}: error: {exc}", err=True)
        return 2
    document = explain_json(name, outcome, rules.digest, project, measure)
    click.echo(dumps(document) if fmt == "json" else explain_text(document, lang), nl=fmt == "json")
    return 0
