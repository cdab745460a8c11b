"""``subsidie diff``: what a rule change does to the outcomes of a corpus of profiles."""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..diagnostics import ERROR
from ..text.messages import say
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

if TYPE_CHECKING:
    from ..diff.population import Population
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
    "Default: examples/profiles/ and every profile in the rule set's case files. A CSV or JSONL file of "
    "companies (as `subsidie batch` reads) is a population: streamed, and reported as totals.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes for a population (CSV or JSONL; default 1).",
)
@click.option(
    "--top",
    type=click.IntRange(0, 10_000),
    default=None,
    help="How many of the largest changes a population's report lists (default 20).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress bar on standard error while a population is compared (default: when standard error is a "
    "terminal; a corpus shows none).",
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
    jobs: int | None,
    top: int | None,
    progress: bool | None,
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

    A CSV or JSONL file of companies (the input of `subsidie batch`) given as the only profiles is a
    population: its rows are streamed (with --jobs worker processes), each evaluated under both rule
    sets on its own application date, and the report gives the companies and projects affected, the
    results newly eligible and no longer eligible, the recommended total before and after, the same
    by measure and by company size, the --top largest changes and the rows that could not be read.

    Exit status: 0 (also when outcomes changed, unless --fail-on-change: then 1); 2 when the base or
    current rules cannot be read, or a profile of the corpus (a row of a population) cannot be read or
    evaluated (the report is printed all the same, with the profile or row under its errors).
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
        freeze_imports()
        return rules

    sources = list(paths) + list(profiles)
    if any(_is_population(path) for path in sources):
        if len(sources) > 1:
            mixed = say("population.mixed-inputs", lang, count=len(sources))
            click.echo(say("impact.error", lang, error=mixed), err=True)
            return 2
        day = as_of or _dt.date.today()
        report = _population(base, current, sources[0], day, load_base, fmt, lang, jobs, top, progress)
        if report is None:
            return 2
        population, text = report
        click.echo(text, nl=False)
        if population.tally.error_rows:
            return 2
        return 1 if fail_on_change and population.tally.changed else 0
    for option, given in (("--jobs", jobs), ("--top", top)):
        if given is not None:
            alone = say("population.population-only", lang, option=option)
            click.echo(say("impact.error", lang, error=alone), err=True)
            return 2
    try:
        impact = run_diff(base, Path(current.root), current, sources, as_of or _dt.date.today(), load_base, lang)
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


def _is_population(path: Path) -> bool:
    from ..diff.population import is_population

    return not path.is_dir() and is_population(path)


def _population(
    base: str,
    current: RuleSet,
    path: Path,
    as_of: _dt.date,
    load_base: Callable[[Path], RuleSet],
    fmt: str,
    lang: str,
    jobs: int | None,
    top: int | None,
    progress: bool | None,
) -> tuple[Population, str] | None:
    """Compare on a population and give it with its report in the chosen format, or None after saying why not."""
    from ..batch.rows import BatchInputError
    from ..batch.runner import WorkerError
    from ..batch.workers import WorkerFailure
    from ..diff.impact import BaseError
    from ..diff.population import DEFAULT_TOP, run_population_diff
    from .progress import ProgressBar, estimate_rows

    bar = ProgressBar(estimate_rows(path), lang) if (sys.stderr.isatty() if progress is None else progress) else None
    try:
        population = run_population_diff(
            base,
            Path(current.root),
            current,
            path,
            as_of,
            load_base,
            lang=lang,
            jobs=jobs or 1,
            top=DEFAULT_TOP if top is None else top,
            progress=bar,
        )
    except (BaseError, WorkerError, WorkerFailure) as exc:
        click.echo(f"error: {exc}", err=True)
        return None
    except BatchInputError as exc:
        echo_diagnostics(exc.diagnostics, lang=lang)
        return None
    except _BrokenBase:
        return None
    finally:
        if bar is not None:
            bar.close()
    return population, _population_report(population, fmt, lang)


def _population_report(population: Population, fmt: str, lang: str) -> str:
    from ..diff.population_report import population_json, population_markdown, population_text
    from ..render.report import dumps

    if fmt == "json":
        return dumps(population_json(population)) + "\n"
    return population_markdown(population, lang) if fmt == "markdown" else population_text(population, lang)
