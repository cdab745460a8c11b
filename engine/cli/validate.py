"""``subsidie validate``: check rule folders, rule files and case files, as text, JSON or GitHub annotations."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..diagnostics import ERROR, WARNING, Diagnostic
from ..resources import rules_dir
from .options import default_lang, echo_diagnostics, format_option, lang_option, note_installed_rules, rules_option


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


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option(
    "text",
    "json",
    "github",
    default=None,
    help="text (default), json for tools, github for workflow annotations (the default when GITHUB_ACTIONS is set).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@lang_option("the messages")
@rules_option
def validate(paths: tuple[Path, ...], fmt: str | None, strict: bool, lang: str | None, rules_path: Path | None) -> int:
    """Check rule files and rule test files (default: the active rule set and its cases).

    PATHS may be rule-set folders, measure or facts files, and *.cases.yaml files.
    Exit status: 0 clean; 1 errors found (or warnings with --strict); 2 usage error.
    """
    from ..cases.rule_cases import load_cases
    from ..load.ruleset import case_files as find_cases
    from ..load.ruleset import check_rules
    from ..text.messages import say

    lang = lang or default_lang()
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if not paths:
        note_installed_rules(rules_path)
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
    echo_diagnostics(diagnostics, fmt, lang)
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = sum(d.severity == WARNING for d in diagnostics)
    if fmt == "text":
        files = len(roots) + len(rule_files) + len(cases)
        click.echo(
            say("diagnostics.summary", lang, errors=errors, warnings=warnings, paths=files)
            if diagnostics
            else say("diagnostics.clean", lang),
            err=True,
        )
    return 1 if errors or (strict and warnings) else 0
