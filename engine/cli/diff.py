"""``subsidie diff``: what a rule change does to the outcomes of a corpus of profiles."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..diagnostics import ERROR
from ..text.messages import say
from .options import as_of_option, default_lang, echo_diagnostics, format_option, lang_option, load_rules, rules_option

if TYPE_CHECKING:
    from ..model import RuleSet


class _BrokenBase(Exception):
    """The base rules have errors (they are reported already)."""


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--base",
    required=True,
    metavar="REF_OR_DIR",
    help="The rule set to compare with: a folder, or a git revision (branch, tag, commit) of the "
    "repository holding the rules, read without touching the working tree.",
)
@click.option(
    "--profiles",
    "profiles",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Profiles to compare on (files, folders or *.cases.yaml; repeatable; also as PATHS). "
    "Default: examples/profiles/ and every profile in the rule set's case files.",
)
@format_option("text", "markdown", "json")
@click.option("--fail-on-change", is_flag=True, help="Exit 1 when any outcome changed (re-dated sections included).")
@lang_option("statuses and amounts")
@as_of_option()
@rules_option
def diff(
    paths: tuple[Path, ...],
    base: str,
    profiles: tuple[Path, ...],
    fmt: str,
    fail_on_change: bool,
    lang: str | None,
    as_of: _dt.date | None,
    rules_path: Path | None,
) -> int:
    """Show what a rule change does: every (profile, project, measure) whose status, rate or amount
    differs between the base rules and the current ones, largest change first, with counts and totals.
    Rows where the measure is not in force on either side are counted, not listed. For each date on
    which the change takes effect (a new dated value, a version or a call window that starts or ends;
    at most three), the profiles are compared again with every application date set to that day, and
    to the day before, each in a section of its own.

    Exit status: 0 (also when outcomes changed, unless --fail-on-change: then 1); 2 when the base or
    current rules cannot be read, or a profile of the corpus cannot be read or evaluated (the report
    is printed all the same, with the profile under its errors).
    """
    from ..diff.impact import BaseError, impact_json, run_diff
    from ..diff.report import impact_markdown, impact_text
    from ..render.report import dumps

    lang = lang or default_lang()
    current = load_rules(rules_path, lang)
    if current is None:
        return 2

    def load_base(folder: Path) -> RuleSet:
        from ..load.ruleset import check_rules

        rules, diagnostics = check_rules(folder)
        if rules is None:
            click.echo(say("impact.base-rules-errors", lang, base=base), err=True)
            echo_diagnostics([d for d in diagnostics if d.severity == ERROR], lang=lang)
            raise _BrokenBase
        return rules

    try:
        impact = run_diff(
            base,
            Path(current.root),
            current,
            list(paths) + list(profiles),
            as_of or _dt.date.today(),
            load_base,
            lang,
        )
    except BaseError as exc:
        click.echo(say("impact.error", lang, error=exc.words.text(lang)), err=True)
        return 2
    except _BrokenBase:
        return 2
    if fmt == "json":
        click.echo(dumps(impact_json(impact)))
    else:
        click.echo(impact_markdown(impact, lang) if fmt == "markdown" else impact_text(impact, lang), nl=False)
    if any(section.errors for section in impact.sections()):
        return 2  # a corpus that could not be read whole is not a comparison CI may trust
    return 1 if fail_on_change and any(section.changes for section in impact.sections()) else 0
