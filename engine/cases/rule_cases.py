"""Rule test cases: data files of profiles and expected outcomes, run by ``subsidie test`` and pytest.

A case file (``*.cases.yaml``, schema ``schemas/cases.schema.json``) holds named
cases; each gives a profile (inline, or a path relative to the case file) and the
outcome expected per (project, measure). Amounts compare exactly, as decimals.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from ..diagnostics import ERROR, Diagnostic, EvaluationError, Phrase, diagnostic_at, phrase
from ..evaluate.budget import COMMAND_STEPS, CommandBudget, WorkLimit
from ..evaluate.evaluator import Evaluator
from ..evaluate.results import MeasureResult, ProfileResult
from ..load.completion import complete
from ..load.profile import check_document, load_profile
from ..load.validation import validate
from ..load.yaml_loader import Document, YamlPath, load_file
from ..model import RuleSet
from ..records import field, record
from ..resources import display_path, link_name, outside
from ..text.formatting import number


@record(frozen=False)
class Case:
    """One test case, ready to run."""

    file: str
    name: str
    description: str
    as_of: _dt.date
    profile: dict[str, Any]
    spec: dict[str, Any]
    line: int


@record(frozen=False)
class CaseResult:
    """The outcome of one case: ``failures`` is empty when it passed."""

    case: Case
    failures: list[Phrase] = field(default_factory=list)
    outcome: ProfileResult | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


def _inline_profiles(doc: Document) -> dict[int, Document]:
    """The inline profile of each case (by case index) as a document of its own, keeping positions.

    One pass over the file's position tables for all cases: cutting them out per case would
    cost (cases x values), minutes for a case file of a few thousand cases.
    """
    tables: dict[int, tuple[dict[YamlPath, Any], ...]] = {}
    sources: tuple[dict[YamlPath, Any], ...] = (doc.positions, doc.key_positions, doc.styles, doc.plain_booleans)
    for slot, table in enumerate(sources):
        for key, value in table.items():
            if len(key) >= 3 and key[0] == "cases" and key[2] == "profile":
                tables.setdefault(cast(int, key[1]), ({}, {}, {}, {}))[slot][key[3:]] = value
    profiles = {}
    for i, spec in enumerate(doc.data["cases"]):
        if isinstance(spec["profile"], dict):
            positions, key_positions, styles, plain_booleans = tables.get(i, ({}, {}, {}, {}))
            profiles[i] = Document(
                name=doc.name,
                data=spec["profile"],
                text=doc.text,
                positions=positions,
                key_positions=key_positions,
                styles=styles,
                plain_booleans=plain_booleans,
            )
    return profiles


def load_cases(
    path: str | Path, rules: RuleSet | None = None, default_as_of: _dt.date | None = None
) -> tuple[list[Case], list[Diagnostic]]:
    """Load one case file; every problem becomes a diagnostic, good cases are still returned."""
    path = Path(path)
    if outside(path, path.parent):
        return [], [
            diagnostic_at(
                link_name(path),
                1,
                1,
                ERROR,
                "link-outside",
                phrase("diagnostics.case-link-outside"),
                phrase("diagnostics.case-link-outside-hint"),
            )
        ]
    doc, diagnostics = load_file(path, display_path(path) if path.exists() else link_name(path), found=True)
    if doc is None or diagnostics:
        return [], diagnostics
    problems = validate(doc, "cases")
    if problems:
        return [], problems
    doc.data = complete(doc.data, "cases")
    cases: list[Case] = []
    names: set[str] = set()
    as_of_default = default_as_of or _dt.date.today()
    inline = _inline_profiles(doc)
    profile_files: dict[Path, tuple[dict[str, Any] | None, list[Diagnostic]]] = {}  # each read once
    for i, spec in enumerate(doc.data["cases"]):
        here: YamlPath = ("cases", i)

        def report(
            where: YamlPath, code: str, message: Phrase, hint: Phrase | None = None, here: YamlPath = here
        ) -> None:
            line, column = doc.position(here + where)
            diagnostics.append(diagnostic_at(doc.name, line, column, ERROR, code, message, hint))

        if spec["name"] in names:
            report(("name",), "duplicate-case", phrase("testing.duplicate-case", name=spec["name"]))
        names.add(spec["name"])
        if isinstance(spec["profile"], str):
            profile_path = (path.parent / spec["profile"]).resolve()
            if Path(spec["profile"]).is_absolute() or not profile_path.is_relative_to(path.parent.resolve()):
                report(
                    ("profile",),
                    "profile-outside",
                    phrase("testing.profile-outside"),
                    phrase("testing.profile-outside-hint"),
                )
                continue
            if not profile_path.is_file():
                report(
                    ("profile",),
                    "unknown-profile",
                    phrase("testing.unknown-profile", path=spec["profile"]),
                    phrase("testing.unknown-profile-hint", folder=path.parent),
                )
                continue
            found: list[Diagnostic] = []
            if profile_path in profile_files:  # its problems are reported once, for the first case naming it
                profile = profile_files[profile_path][0]
            else:
                profile, found = profile_files.setdefault(profile_path, load_profile(profile_path, found=True))
        else:
            profile, found = check_document(inline[i])
        diagnostics.extend(found)
        if profile is None:
            continue
        project_ids = {p["id"] for p in profile["projects"]}
        for j, expect in enumerate(spec.get("expect", [])):
            if expect["project"] not in project_ids:
                report(
                    ("expect", j, "project"),
                    "unknown-project",
                    phrase("testing.unknown-project", project=expect["project"]),
                    phrase("testing.unknown-project-hint", projects=", ".join(sorted(project_ids))),
                )
            if rules is not None and expect["measure"] not in rules.measures:
                report(
                    ("expect", j, "measure"),
                    "unknown-measure",
                    phrase("testing.unknown-measure", measure=expect["measure"]),
                    phrase("testing.unknown-measure-hint", measures=", ".join(rules.measures)),
                )
        line = doc.position(here)[0]
        cases.append(
            Case(
                doc.name,
                spec["name"],
                spec.get("description", ""),
                spec.get("as_of", as_of_default),
                profile,
                spec,
                line,
            )
        )
    return cases, sorted(diagnostics)


def _same(expected: Any, actual: Any) -> bool:
    if expected is None or actual is None:
        return expected is actual
    return Decimal(expected) == Decimal(actual)


def _show(value: Any) -> str:
    return "null" if value is None else number(value)


def _differs(what: str, expected: Any, got: Any) -> Phrase:
    return phrase("testing.case-differs", what=what, expected=expected, got=got)


def _compare(expect: dict[str, Any], result: MeasureResult) -> list[Phrase]:
    problems = []
    if "status" in expect and expect["status"] != result.status:
        problems.append(_differs("status", expect["status"], result.status))
    for key in ("rate", "base", "amount"):
        if key in expect and not _same(expect[key], getattr(result, key)):
            problems.append(_differs(key, _show(expect[key]), _show(getattr(result, key))))
    if "recommended" in expect and expect["recommended"] != result.recommended:
        problems.append(_differs("recommended", expect["recommended"], result.recommended))
    lists = {
        "failed": sorted(c.id for c in result.conditions if c.holds is False),
        "unknown": sorted(c.id for c in result.conditions if c.holds is None),
        "missing": sorted(result.missing),
        "reminders": sorted(r for r, _ in result.reminders),
    }
    for key, actual in lists.items():
        if key in expect and sorted(expect[key]) != actual:
            problems.append(_differs(key, f"[{', '.join(sorted(expect[key]))}]", f"[{', '.join(actual)}]"))
    if problems:
        deciding = [
            f"{c.id}={'unknown' if c.holds is None else str(c.holds).lower()}" + (f" ({c.reason})" if c.reason else "")
            for c in result.conditions
            if c.holds is not True
        ]
        if deciding:
            problems.append(phrase("testing.case-conditions", conditions="; ".join(deciding)))
    return problems


def check_outcome(case: Case, outcome: ProfileResult) -> list[Phrase]:
    """Compare an evaluation with the case's expectations; returns the differences (``str()`` is English)."""
    failures = []
    spec = case.spec
    for fact in ("size", "nis2"):
        if fact in spec.get("company", {}) and spec["company"][fact] != getattr(outcome, fact):
            failures.append(_differs(f"company.{fact}", spec["company"][fact], getattr(outcome, fact)))
    results = {(r.project, r.measure.id): r for r in outcome.results}
    for expect in spec.get("expect", []):
        key = (expect["project"], expect["measure"])
        where = phrase("testing.case-where", project=key[0], measure=key[1])
        result = results.get(key)
        if not expect.get("present", True):
            if result is not None:
                failures.append(phrase("testing.case-present", where=where, status=result.status))
            continue
        if result is None:
            failures.append(phrase("testing.case-absent", where=where))
            continue
        failures += [phrase("testing.case-at", where=where, problem=p) for p in _compare(expect, result)]
    totals = spec.get("totals", {})
    if "amount" in totals and not _same(totals["amount"], outcome.total):
        failures.append(_differs("totals.amount", _show(totals["amount"]), _show(outcome.total)))
    for key, expected in totals.get("de_minimis", {}).items():
        actual = outcome.de_minimis.get(key) if outcome.de_minimis else None
        if not _same(expected, actual):
            failures.append(_differs(f"totals.de_minimis.{key}", _show(expected), _show(actual)))
    return failures


def run_case(evaluator: Evaluator, case: Case) -> CaseResult:
    """Evaluate one case's profile and compare."""
    try:
        outcome = evaluator.evaluate(case.profile, case.as_of)
        outcome.size  # noqa: B018 - the company summary is worked out when first read: its errors fail the case too
    except WorkLimit as exc:  # stops the whole run: the command's budget is spent, or this case alone is too large
        raise WorkLimit(f"{case.file}:{case.line}: case '{case.name}': {exc}") from exc
    except EvaluationError as exc:
        return CaseResult(case, [phrase("testing.case-failed", error=str(exc))])
    except Exception as exc:  # noqa: BLE001 - one broken case must not stop the others
        return CaseResult(case, [phrase("testing.case-crashed", error=f"{type(exc).__name__}: {exc}")])
    return CaseResult(case, check_outcome(case, outcome), outcome)


def run_cases(
    rules: RuleSet, paths: list[Path], keyword: str | None = None
) -> tuple[list[CaseResult], list[Diagnostic]]:
    """Load and run the cases of several files.

    Args:
        rules: the rule set to test.
        paths: case files.
        keyword: only run cases whose name contains this text (case-insensitive).

    Returns:
        The results of the cases that could be loaded, and the diagnostics of those that could not.

    Raises:
        WorkLimit: when a case, or all of them together, need more steps than their budgets hold.
    """
    evaluator = Evaluator(rules, CommandBudget(COMMAND_STEPS))
    results: list[CaseResult] = []
    diagnostics: list[Diagnostic] = []
    for path in paths:
        cases, found = load_cases(path, rules)
        diagnostics += found
        for case in cases:
            if keyword and keyword.lower() not in case.name.lower():
                continue
            results.append(run_case(evaluator, case))
    return results, diagnostics
