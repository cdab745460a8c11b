"""``subsidie test``: run the rule test cases (``*.cases.yaml``) and, when asked, report their coverage."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import has_errors
from .options import default_lang, echo_diagnostics, lang_option, load_rules, rules_option


@click.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-k", "keyword", default=None, help="Only run cases whose name contains this text.")
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@click.option(
    "--coverage",
    "show_coverage",
    is_flag=True,
    help="Report which conditions (true, false, unknown), versions and dated values no case exercises "
    "(with PATHS: of the measures those cases test).",
)
@click.option(
    "--min-coverage",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="Fail (exit 1) when coverage is below PERCENT; implies --coverage.",
)
@lang_option("the messages")
@rules_option
def test_command(
    paths: tuple[Path, ...],
    keyword: str | None,
    verbose: bool,
    show_coverage: bool,
    min_coverage: float | None,
    lang: str | None,
    rules_path: Path | None,
) -> int:
    """Run rule test cases (*.cases.yaml; default: those of the active rule set).

    PATHS may be case files or folders holding them. Exit status: 0 all pass;
    1 a case failed or could not be loaded, or coverage is below --min-coverage;
    2 usage error or broken rules.
    """
    from ..cases.rule_cases import run_cases
    from ..evaluate.budget import WorkLimit
    from ..load.ruleset import case_files as find_cases
    from ..text.escaping import terminal
    from ..text.formatting import printable
    from ..text.messages import say

    lang = lang or default_lang()
    rules = load_rules(rules_path, lang)
    if rules is None:
        return 2
    files: list[Path] = []
    for path in paths or (Path(rules.root),):
        files += find_cases(path) if path.is_dir() else [path]
    if not files:
        click.echo(say("diagnostics.no-case-files", lang), err=True)
        return 2
    try:
        results, diagnostics = run_cases(rules, files, keyword)
    except WorkLimit as exc:
        click.echo(f"error: {printable(str(exc), 2000)}", err=True)
        return 2
    echo_diagnostics(diagnostics, lang=lang)
    failed = [r for r in results if not r.passed]
    for result in results:
        case = result.case
        name = printable(case.name, 200)
        if result.passed:
            if verbose:
                click.echo(terminal(f"PASS {case.file}:{case.line}: {name}"))
            continue
        click.echo(terminal(f"FAIL {case.file}:{case.line}: {name}"))
        for failure in result.failures:
            click.echo(terminal(f"  {printable(failure.text(lang), 2000)}"))
    passed = len(results) - len(failed)
    below = False
    if show_coverage or min_coverage is not None:
        from ..cases.coverage import coverage_text, measure_coverage

        # named case files: cover the measures they test; no paths: the whole rule set
        only = {e["measure"] for r in results for e in r.case.spec.get("expect", [])} if paths else None
        report = measure_coverage(rules, [r.outcome for r in results if r.outcome is not None], only)
        click.echo(coverage_text(report, lang), nl=False)
        below = min_coverage is not None and report.percent < min_coverage
        if below:
            click.echo(
                say("diagnostics.coverage-below", lang, percent=f"{report.percent:.1f}", minimum=f"{min_coverage:g}")
            )
    click.echo(
        say("diagnostics.cases-summary", lang, passed=passed, failed=len(failed))
        + (say("diagnostics.file-problems", lang, count=len(diagnostics)) if diagnostics else "")
    )
    return 1 if failed or has_errors(diagnostics) or below else 0
