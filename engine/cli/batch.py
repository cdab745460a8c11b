"""``subsidie batch``: evaluate a CSV or JSONL file of profiles into one output file, with progress on a terminal."""

from __future__ import annotations

import datetime as _dt
import sys
import time
from pathlib import Path

import click

from ..text.messages import say
from .options import as_of_option, default_lang, echo_diagnostics, format_option, lang_option, load_rules, rules_option


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The output file (.csv or .jsonl); written whole at the end, never partly.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes; the output keeps the input order.",
)
@format_option("csv", "jsonl", default=None, help="Output format (default: from the output file's suffix).")
@lang_option("the messages of error rows and of the command")
@as_of_option()
@rules_option
def batch(
    input_path: Path,
    output: Path,
    jobs: int,
    fmt: str | None,
    lang: str | None,
    as_of: _dt.date | None,
    rules_path: Path | None,
) -> int:
    """Evaluate many profiles: INPUT is CSV (one row = one company with one project; columns are
    dotted profile paths such as company.employees and project.cost; aid_received as JSON text) or
    JSONL (one profile per line). OUTPUT has one row per (input row, project, measure) with status,
    rate, amount and the failed condition ids; a bad row becomes an error row and the run goes on.

    Exit status: 0 every row evaluated; 1 some rows had errors; 2 unreadable input or rules.
    """
    from ..batch.rows import BatchInputError
    from ..batch.runner import WorkerError, run_batch
    from ..batch.workers import WorkerFailure

    lang = lang or default_lang()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    started = time.monotonic()
    shown = [0.0]

    def progress(rows: int) -> None:
        now = time.monotonic()
        if now - shown[0] >= 0.2:
            shown[0] = now
            rate = rows / max(now - started, 1e-9)
            click.echo(f"\r{rows} rows, {rate:,.0f} rows/s", nl=False, err=True)

    try:
        summary = run_batch(
            input_path,
            output,
            rules,
            as_of or _dt.date.today(),
            jobs=jobs,
            fmt=fmt,
            progress=progress if sys.stderr.isatty() else None,
            lang=lang,
        )
    except BatchInputError as exc:
        echo_diagnostics(exc.diagnostics, lang=lang)
        return 2
    except OSError as exc:
        click.echo(say("batch.cannot-write", lang, path=exc.filename or output, reason=exc.strerror or exc), err=True)
        return 2
    except (WorkerError, WorkerFailure) as exc:
        click.echo(say("batch.worker-failed", lang, problem=exc), err=True)
        return 2
    if sys.stderr.isatty():
        click.echo("\r" + " " * 40 + "\r", nl=False, err=True)
    seconds = f"{summary.seconds:.1f}"
    click.echo(
        say(
            "batch.summary",
            lang,
            rows=summary.rows,
            failed=summary.failed_rows,
            results=summary.results,
            seconds=seconds.replace(".", ",") if lang == "nl" else seconds,
            output=output,
        ),
        err=True,
    )
    return 1 if summary.failed_rows else 0
