"""The ``subsidie`` command line: a thin layer over the library.

Each command parses its options, calls one library function, hands the result to
a reporter and returns an exit code. Results go to standard output, problems to
standard error; bad input never ends in a traceback.
"""

from __future__ import annotations

import datetime as _dt
import os
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from .version import __version__
from .diagnostics import ERROR, WARNING, Diagnostic, EngineError, has_errors
from .resources import rules_dir


def _default_lang() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


class _Date(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> _dt.date:
        if isinstance(value, _dt.date):
            return value
        try:
            if len(value) == 10:
                return _dt.date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)


def _rules_option(function: Any) -> Any:
    return click.option("--rules", "rules_path", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        envvar="SUBSIDIE_RULES", show_envvar=True,
                        help="The rule-set folder (default: the rules shipped with subsidie).")(function)


def _echo_diagnostics(diagnostics: list[Diagnostic], fmt: str = "text") -> None:
    from .render.report import diagnostics_github, diagnostics_json, diagnostics_text

    if fmt == "json":
        click.echo(diagnostics_json(diagnostics))
        return
    if fmt == "github":  # workflow commands are read from standard output
        click.echo(diagnostics_github(diagnostics), nl=False)
        return
    click.echo(diagnostics_text(diagnostics), nl=False, err=True)


def _note_installed_rules(rules_path: Path | None) -> None:
    """Warn an editor whose edits in ./rules would be ignored because the installed copy is used."""
    from .resources import installed_copy

    if rules_path is None and installed_copy() and Path("rules").is_dir() and any(Path("rules").glob("*.yaml")):
        click.echo("note: using the rule set installed with subsidie, not ./rules; pass '--rules rules' "
                   "(or install with 'pip install -e .') to use your edits", err=True)


def _load_rules(rules_path: Path | None) -> Any:
    from .load.ruleset import load_rules_cached

    _note_installed_rules(rules_path)
    rules, diagnostics = load_rules_cached(rules_path or rules_dir())
    if rules is None:
        _echo_diagnostics([d for d in diagnostics if d.severity == ERROR])
        click.echo("error: the rule set has errors; run 'subsidie validate' for details", err=True)
        sys.exit(2)
    return rules


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="subsidie")
def main() -> None:
    """Which VLAIO subsidies can a company get for its cybersecurity projects, why, and how much."""


@main.command()
@click.argument("profiles", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="text for people, json for programs, markdown for documents.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of texts and explanations (default: from the locale, else en).")
@click.option("--as-of", "as_of", type=_Date(), default=None,
              help="Application date for projects that give none (default: today).")
@_rules_option
def evaluate(profiles: tuple[str, ...], fmt: str, lang: str | None, as_of: _dt.date | None,
             rules_path: Path | None) -> None:
    """Evaluate company profiles (YAML or JSON files; - reads standard input).

    Exit status: 0 when every profile was evaluated, whatever the eligibility;
    2 when a profile or the rules could not be read.
    """
    from .evaluate.evaluator import Evaluator
    from .load.profile import load_profile
    from .render.report import dumps, profile_json, profile_markdown, profile_text

    lang = lang or _default_lang()
    as_of = as_of or _dt.date.today()
    rules = _load_rules(rules_path)
    evaluator = Evaluator(rules)
    failed = False
    documents, texts = [], []
    for path in profiles:
        name = "<stdin>" if path == "-" else path
        data, diagnostics = load_profile(path, name)
        if data is None:
            _echo_diagnostics(diagnostics)
            failed = True
            continue
        try:
            outcome = evaluator.evaluate(data, as_of, lang)
        except EngineError as exc:
            click.echo(f"{name}: error: {exc}", err=True)
            failed = True
            continue
        ids = [p["id"] for p in data["projects"]]
        if fmt == "json":
            documents.append(profile_json(name, outcome, rules.digest))
        elif fmt == "markdown":
            texts.append(profile_markdown(name, outcome, ids, lang))
        else:
            texts.append(profile_text(name, outcome, ids, lang))
    if fmt == "json":
        if documents:
            click.echo(dumps(documents[0] if len(profiles) == 1 else documents))
    elif texts:
        click.echo("\n".join(texts), nl=False)
    sys.exit(2 if failed else 0)


@main.command()
@click.argument("profile", required=False)
@click.option("--save", "save_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the profile built to this YAML file; 'subsidie evaluate' gives the same results for it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="How the result is written to standard output (the questions go to standard error).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the questions and the result (default: from the locale, else en).")
@click.option("--as-of", "as_of", type=_Date(), default=None,
              help="The application date an empty answer gives (default: today).")
@_rules_option
def ask(profile: str | None, save_path: Path | None, fmt: str, lang: str | None, as_of: _dt.date | None,
        rules_path: Path | None) -> None:
    """Ask, one question at a time, only the facts that can still change a result, then show the result
    as 'evaluate' does. PROFILE (optional) is a partial profile to start from; '?' answers "I don't know".

    Exit status: 0 done; 1 the input ended before the last question; 2 an unreadable profile or rules,
    or a --save file that cannot be written.
    """
    from .ask.terminal import converse
    from .text.messages import say
    from .load.profile import load_partial
    from .render.profile_yaml import write_profile
    from .ask.questionnaire import Session
    from .render.report import dumps, profile_json, profile_markdown, profile_text

    lang = lang or _default_lang()
    rules = _load_rules(rules_path)
    start = None
    if profile is not None:
        start, diagnostics = load_partial(profile)
        if start is None:
            _echo_diagnostics(diagnostics)
            sys.exit(2)
    if save_path is not None and not save_path.parent.is_dir():
        click.echo(f"error: cannot save to {save_path}: there is no folder {save_path.parent}", err=True)
        sys.exit(2)
    session = Session(rules, lang, as_of or _dt.date.today(), start)
    try:
        outcome = converse(session, lang,
                           lambda: click.prompt("", prompt_suffix="> ", default="", show_default=False, err=True),
                           lambda line: click.echo(line, err=True))
    except click.Abort as exc:
        if not isinstance(exc.__context__, EOFError):
            raise  # Ctrl-C: an interruption, as for any command
        click.echo(f"\nerror: {say('ask-aborted', lang)}", err=True)
        sys.exit(1)
    except EngineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    name = str(save_path) if save_path is not None else "<ask>"
    if save_path is not None:
        try:
            write_profile(save_path, session.data)
        except OSError as exc:
            click.echo(f"error: cannot save to {save_path}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    ids = [p["id"] for p in session.data["projects"]]
    if fmt == "json":
        click.echo(dumps(profile_json(name, outcome, rules.digest)))
    else:
        render = profile_markdown if fmt == "markdown" else profile_text
        click.echo(render(name, outcome, ids, lang), nl=False)
    if save_path is not None:
        click.echo(say("ask-saved", lang, path=save_path), err=True)


@main.command()
@click.argument("profile")
@click.option("--project", default=None, help="Only this project (its id).")
@click.option("--measure", default=None, help="Only this measure (its id).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of texts (default: from the locale, else en).")
@click.option("--as-of", "as_of", type=_Date(), default=None,
              help="Application date for projects that give none (default: today).")
@_rules_option
def explain(profile: str, project: str | None, measure: str | None, fmt: str, lang: str | None,
            as_of: _dt.date | None, rules_path: Path | None) -> None:
    """Show how each result came about: the rules and values in force, every condition with the values
    it read, every step of the amount, and the aid history that counted.

    Exit status: 0 explained; 2 unreadable or invalid profile or rules, or an unknown project or measure.
    """
    from .evaluate.evaluator import Evaluator
    from .render.explain import explain_json, explain_text
    from .load.profile import load_profile
    from .render.report import dumps

    lang = lang or _default_lang()
    rules = _load_rules(rules_path)
    name = "<stdin>" if profile == "-" else profile
    data, diagnostics = load_profile(profile, name)
    if data is None:
        _echo_diagnostics(diagnostics)
        sys.exit(2)
    ids = [p["id"] for p in data["projects"]]
    if project is not None and project not in ids:
        click.echo(f"error: no project '{project}' in {name} (projects: {', '.join(ids)})", err=True)
        sys.exit(2)
    if measure is not None and measure not in rules.measures:
        click.echo(f"error: unknown measure '{measure}' (measures: {', '.join(rules.measures)})", err=True)
        sys.exit(2)
    try:
        outcome = Evaluator(rules).evaluate(data, as_of or _dt.date.today(), lang, trace=True)
    except EngineError as exc:
        click.echo(f"{name}: error: {exc}", err=True)
        sys.exit(2)
    document = explain_json(name, outcome, rules.digest, project, measure)
    click.echo(dumps(document) if fmt == "json" else explain_text(document, lang), nl=fmt == "json")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--base", required=True, metavar="REF_OR_DIR",
              help="The rule set to compare with: a folder, or a git revision (branch, tag, commit) of the "
                   "repository holding the rules, read without touching the working tree.")
@click.option("--profiles", "profiles", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Profiles to compare on (files, folders or *.cases.yaml; repeatable; also as PATHS). "
                   "Default: examples/profiles/ and every profile in the rule set's case files.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--fail-on-change", is_flag=True, help="Exit 1 when any outcome changed.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of statuses and amounts (default: from the locale, else en).")
@click.option("--as-of", "as_of", type=_Date(), default=None,
              help="Application date for projects that give none (default: today).")
@_rules_option
def diff(paths: tuple[Path, ...], base: str, profiles: tuple[Path, ...], fmt: str, fail_on_change: bool,
         lang: str | None, as_of: _dt.date | None, rules_path: Path | None) -> None:
    """Show what a rule change does: every (profile, project, measure) whose status, rate or amount
    differs between the base rules and the current ones, largest change first, with counts and totals.

    Exit status: 0 (also when outcomes changed, unless --fail-on-change: then 1); 2 when the base or
    current rules cannot be read.
    """
    from .diff.impact import BaseError, impact_json, impact_markdown, impact_text, run_diff
    from .render.report import dumps

    lang = lang or _default_lang()
    current = _load_rules(rules_path)

    def load_base(folder: Path) -> Any:
        from .load.ruleset import check_rules

        rules, diagnostics = check_rules(folder)
        if rules is None:
            click.echo(f"error: the base rules ({base}) have errors:", err=True)
            _echo_diagnostics([d for d in diagnostics if d.severity == ERROR])
            sys.exit(2)
        return rules

    try:
        impact = run_diff(base, Path(current.root), current, list(paths) + list(profiles),
                          as_of or _dt.date.today(), load_base)
    except BaseError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(dumps(impact_json(impact)))
    else:
        click.echo(impact_markdown(impact, lang) if fmt == "markdown" else impact_text(impact, lang), nl=False)
    sys.exit(1 if fail_on_change and impact.changes else 0)


@main.command()
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), default=Path("rule-docs"),
              show_default=True, help="The folder to write the pages to (created when needed).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the pages (default: from the locale, else en).")
@_rules_option
def docs(output: Path, lang: str | None, rules_path: Path | None) -> None:
    """Write the rule set as Markdown pages (index.md, one page per measure, facts.md) and one
    self-contained HTML page (index.html): who can apply, for what, how much, every dated value,
    version, source and assumption.

    Exit status: 0 written; 2 the rules cannot be read or the folder cannot be written.
    """
    from .render.docs import write_docs

    rules = _load_rules(rules_path)
    try:
        written = write_docs(rules, output, lang or _default_lang())
    except OSError as exc:
        click.echo(f"error: cannot write to {output}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {len(written)} files to {output}")


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The output file (.csv or .jsonl); written whole at the end, never partly.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes; the output keeps the input order.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Output format (default: from the output file's suffix).")
@click.option("--as-of", "as_of", type=_Date(), default=None,
              help="Application date for projects that give none (default: today).")
@_rules_option
def batch(input_path: Path, output: Path, jobs: int, fmt: str | None, as_of: _dt.date | None,
          rules_path: Path | None) -> None:
    """Evaluate many profiles: INPUT is CSV (one row = one company with one project; columns are
    dotted profile paths such as company.employees and project.cost; aid_received as JSON text) or
    JSONL (one profile per line). OUTPUT has one row per (input row, project, measure) with status,
    rate, amount and the failed condition ids; a bad row becomes an error row and the run goes on.

    Exit status: 0 every row evaluated; 1 some rows had errors; 2 unreadable input or rules.
    """
    import time

    from .batch.rows import BatchInputError
    from .batch.runner import WorkerError, run_batch
    from .batch.workers import WorkerFailure

    rules = _load_rules(rules_path)
    started = time.monotonic()
    shown = [0.0]

    def progress(rows: int) -> None:
        now = time.monotonic()
        if now - shown[0] >= 0.2:
            shown[0] = now
            rate = rows / max(now - started, 1e-9)
            click.echo(f"\r{rows} rows, {rate:,.0f} rows/s", nl=False, err=True)

    try:
        summary = run_batch(input_path, output, rules, as_of or _dt.date.today(), jobs=jobs, fmt=fmt,
                            progress=progress if sys.stderr.isatty() else None)
    except BatchInputError as exc:
        _echo_diagnostics(exc.diagnostics)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: {exc.filename or output}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except (WorkerError, WorkerFailure) as exc:
        click.echo(f"error: {exc}; no output was written", err=True)
        sys.exit(2)
    if sys.stderr.isatty():
        click.echo("\r" + " " * 40 + "\r", nl=False, err=True)
    click.echo(f"{summary.rows} rows ({summary.failed_rows} with errors), {summary.results} results "
               f"in {summary.seconds:.1f} s: {output}", err=True)
    sys.exit(1 if summary.failed_rows else 0)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but a loopback address lets other machines in.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0 picks a free one).")
@click.option("--max-body", type=click.IntRange(1024, 64 * 1024 * 1024), default=1024 * 1024, show_default=True,
              metavar="BYTES", help="The largest request body accepted (larger ones get 413).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, metavar="SECONDS",
              help="How long a client may stay silent while sending its request.")
@click.option("--quiet", is_flag=True, help="Do not log each request to standard error.")
@_rules_option
def serve(host: str, port: int, max_body: int, timeout: float, quiet: bool, rules_path: Path | None) -> None:
    """Serve the HTTP JSON API (POST /evaluate, POST /profile.yaml, GET /measures, GET /health,
    GET /openapi.json) and the web page at / (a form for the profile, its results in Dutch or English,
    and the profile as a YAML file). Ctrl-C stops the server.

    Exit status: 0 stopped; 2 unreadable rules or an address that cannot be used.
    """

    from .serve.api import Service
    from .serve.server import Application, allowed_hosts, is_loopback, make_server

    rules = _load_rules(rules_path)
    app = Application(Service(rules, _default_lang()), max_body=max_body, hosts=allowed_hosts(host))
    try:
        server = make_server(app, host, port, timeout=timeout, quiet=quiet)
    except (OSError, OverflowError) as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}", err=True)
        sys.exit(2)
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines that reach it can use this server", err=True)
    bound_host, bound_port = server.server_address[:2]
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


def _split_paths(paths: tuple[Path, ...], rules_path: Path | None) -> tuple[list[Path], list[Path], list[Path]]:
    """Rule-set folders, single rule files and case files among the given paths."""
    roots, rule_files, case_files = [], [], []
    for path in paths or (rules_path or rules_dir(),):
        if path.is_dir():
            roots.append(path)
        elif path.name.endswith(".cases.yaml"):
            case_files.append(path)
        else:
            rule_files.append(path)
    return roots, rule_files, case_files


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default=None,
              help="text (default), json for tools, github for workflow annotations "
                   "(the default when GITHUB_ACTIONS is set).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@_rules_option
def validate(paths: tuple[Path, ...], fmt: str | None, strict: bool, rules_path: Path | None) -> None:
    """Check rule files and rule test files (default: the active rule set and its cases).

    PATHS may be rule-set folders, measure or facts files, and *.cases.yaml files.
    Exit status: 0 clean; 1 errors found (or warnings with --strict); 2 usage error.
    """
    from .cases.rule_cases import load_cases
    from .load.ruleset import case_files as find_cases, check_rules

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if not paths:
        _note_installed_rules(rules_path)
    roots, rule_files, cases = _split_paths(paths, rules_path)
    diagnostics: list[Diagnostic] = []
    checked_rules = None
    for root in roots:
        found_rules, found = check_rules(root)
        diagnostics += found
        checked_rules = checked_rules or found_rules
        cases += find_cases(root)
    for path in rule_files:
        root = path.parent.parent if path.parent.name == "facts" else path.parent
        found_rules, found = check_rules(root)
        wanted = {str(path), os.path.relpath(path)}
        diagnostics += [d for d in found if d.file in wanted or os.path.relpath(d.file) in wanted]
        checked_rules = checked_rules or found_rules
    if cases:
        if checked_rules is None and not roots and not rule_files:
            checked_rules, found = check_rules(rules_path or rules_dir())
            diagnostics += [d for d in found if d.severity == ERROR]
        for path in cases:
            diagnostics += load_cases(path, checked_rules)[1]
    diagnostics = sorted(set(diagnostics))
    _echo_diagnostics(diagnostics, fmt)
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = sum(d.severity == WARNING for d in diagnostics)
    if fmt == "text":
        files = len(roots) + len(rule_files) + len(cases)
        click.echo(f"{errors} error(s), {warnings} warning(s) in {files} path(s)" if diagnostics
                   else "no problems found", err=True)
    sys.exit(1 if errors or (strict and warnings) else 0)


@main.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-k", "keyword", default=None, help="Only run cases whose name contains this text.")
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Report which conditions (true, false, unknown), versions and dated values no case exercises "
                   "(with PATHS: of the measures those cases test).")
@click.option("--min-coverage", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="Fail (exit 1) when coverage is below PERCENT; implies --coverage.")
@_rules_option
def test_command(paths: tuple[Path, ...], keyword: str | None, verbose: bool, show_coverage: bool,
                 min_coverage: float | None, rules_path: Path | None) -> None:
    """Run rule test cases (*.cases.yaml; default: those of the active rule set).

    PATHS may be case files or folders holding them. Exit status: 0 all pass;
    1 a case failed or could not be loaded, or coverage is below --min-coverage;
    2 usage error or broken rules.
    """
    from .cases.rule_cases import run_cases
    from .load.ruleset import case_files as find_cases

    rules = _load_rules(rules_path)
    files: list[Path] = []
    for path in paths or (Path(rules.root),):
        files += find_cases(path) if path.is_dir() else [path]
    if not files:
        click.echo("error: no *.cases.yaml files found", err=True)
        sys.exit(2)
    results, diagnostics = run_cases(rules, files, keyword)
    _echo_diagnostics(diagnostics)
    failed = [r for r in results if not r.passed]
    from .text.formatting import printable

    for result in results:
        case = result.case
        name = printable(case.name, 200)
        if result.passed:
            if verbose:
                click.echo(f"PASS {case.file}:{case.line}: {name}")
            continue
        click.echo(f"FAIL {case.file}:{case.line}: {name}")
        for failure in result.failures:
            click.echo(f"  {printable(failure, 2000)}")
    passed = len(results) - len(failed)
    below = False
    if show_coverage or min_coverage is not None:
        from .cases.coverage import coverage_text, measure_coverage

        # named case files: cover the measures they test; no paths: the whole rule set
        only = {e["measure"] for r in results for e in r.case.spec.get("expect", [])} if paths else None
        report = measure_coverage(rules, [r.outcome for r in results if r.outcome is not None], only)
        click.echo(coverage_text(report), nl=False)
        below = min_coverage is not None and report.percent < min_coverage
        if below:
            click.echo(f"coverage {report.percent:.1f}% is below the minimum of {min_coverage:g}%")
    click.echo(f"{passed} passed, {len(failed)} failed" + (f", {len(diagnostics)} file problem(s)" if diagnostics else ""))
    sys.exit(1 if failed or has_errors(diagnostics) or below else 0)


def _interrupted(cause: BaseException | None) -> NoReturn:
    """Ctrl-C (SIGINT) exits 130; SIGTERM or SIGHUP, turned into an interruption while batch writes, 128 + its number."""
    click.echo("interrupted", err=True)
    sys.exit(128 + getattr(cause, "signum", signal.SIGINT))


def run() -> None:
    """Entry point: the CLI, with a last guard so that no user ever sees a traceback.

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
            sys.exit(1)
        _interrupted(cause)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except Exception as exc:  # noqa: BLE001 - the last guard: report, do not crash
        click.echo(f"internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
