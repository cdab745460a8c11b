"""What does a rule change do? The impact of one rule set against another on a corpus of profiles.

The base rule set is a folder, or a git revision of the repository read with
``git archive`` (the working tree is never touched). Every profile of the corpus
is evaluated under both, and every (profile, project, measure) whose status, rate
or amount changed is listed, largest change first, with counts and totals. A row
where the measure is not in force on either side (a new measure, for a profile
dated before it starts) is counted, not listed.

The corpus is mostly dated in the past, so a change from a later date would show
nothing: for each day on which the change takes effect (:mod:`.effects`), the
corpus is also compared re-dated (:mod:`.redate`) to that day and to the day
before, each a section of its own. The report's text and Markdown forms are
:mod:`.report`.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
import tarfile
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..cases.rule_cases import load_cases
from ..diagnostics import ERROR, EngineError, InputError, Phrase, diagnostic_at, phrase
from ..evaluate.budget import COMMAND_STEPS, CommandBudget, WorkLimit
from ..evaluate.evaluator import Evaluator
from ..evaluate.results import MeasureResult
from ..load.profile import load_profile
from ..load.ruleset import case_files
from ..model import RuleSet
from ..records import field, record
from ..resources import display_path, link_name, outside
from ..text.formatting import json_number
from ..text.messages import say
from ..version import __version__
from .effects import MAX_EFFECT_DATES, effect_dates
from .redate import redate

ZERO = Decimal("0.00")


class BaseError(EngineError):
    """The base rule set could not be read: ``words`` say why, in either language (``str()`` in English)."""

    def __init__(self, words: Phrase):
        super().__init__(str(words))
        self.words = words


@record
class Outcome:
    """Status, rate and amount of one (project, measure) under one rule set."""

    status: str
    rate: Decimal | None
    amount: Decimal | None
    in_force: bool = field(default=True, compare=False)

    @classmethod
    def of(cls, result: MeasureResult) -> Outcome:
        in_force = not any(c.id == "in-force" and c.holds is False for c in result.conditions)
        return cls(result.status, result.rate, result.amount, in_force)


@record
class Change:
    """One (profile, project, measure) whose outcome differs between the base and the current rules."""

    profile: str
    project: str
    measure: str
    before: Outcome | None
    after: Outcome | None

    @property
    def difference(self) -> Decimal:
        before = self.before.amount if self.before and self.before.amount is not None else ZERO
        after = self.after.amount if self.after and self.after.amount is not None else ZERO
        return after - before

    @property
    def in_force(self) -> bool:
        """False when the measure is not in force on either side: only 'not in force' changed (counted, not
        listed)."""
        return any(o is not None and o.in_force for o in (self.before, self.after))


@record(frozen=False)
class Impact:
    """The whole comparison, or one of its re-dated sections (``day`` set: the corpus re-dated to that day)."""

    base: str
    base_digest: str
    current_digest: str
    as_of: _dt.date
    profiles: int = 0
    results: int = 0
    changes: list[Change] = field(default_factory=list)
    total_before: Decimal = ZERO
    total_after: Decimal = ZERO
    errors: list[str] = field(default_factory=list)
    not_in_force: int = 0  # changed rows where the measure is not in force on either side (not listed)
    day: _dt.date | None = None  # a re-dated section: every application date set to this day
    effect_date: _dt.date | None = None  # ... which is this effect date or the day before it
    effect_dates: tuple[_dt.date, ...] = ()  # the whole comparison: the effect dates re-dated to
    left_out: tuple[_dt.date, ...] = ()  # and those left out (more than MAX_EFFECT_DATES)
    redated: list[Impact] = field(default_factory=list)  # the re-dated sections, in date order

    def sections(self) -> list[Impact]:
        """This comparison and its re-dated sections."""
        return [self, *self.redated]

    def counts(self) -> dict[str, int]:
        def status(o: Outcome | None) -> str | None:
            return o.status if o else None

        return {
            "changed": len(self.changes),
            "newly_eligible": sum(status(c.after) == "eligible" != status(c.before) for c in self.changes),
            "no_longer_eligible": sum(status(c.before) == "eligible" != status(c.after) for c in self.changes),
            "undetermined": sum(status(c.after) == "undetermined" != status(c.before) for c in self.changes),
            "not_in_force": self.not_in_force,
        }


def base_rules_dir(base: str, rules_dir: Path, workdir: Path) -> Path:
    """The base rule-set folder: ``base`` itself when it is a folder, else ``rules_dir`` at git revision ``base``.

    Raises:
        BaseError: when ``base`` is neither a folder nor a revision that holds the rules folder.
    """
    if Path(base).is_dir():
        return Path(base)
    rules_dir = rules_dir.resolve()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=rules_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
        relative = rules_dir.relative_to(Path(top).resolve()).as_posix()
        subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{base}^{{tree}}"],
            cwd=top,
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, FileNotFoundError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        detail = detail.decode("utf-8", "replace").strip() if isinstance(detail, bytes) else str(detail)
        folder = display_path(rules_dir)
        raise BaseError(
            phrase("impact.base-not-found-git", base=base, folder=folder, detail=detail.splitlines()[0])
            if detail
            else phrase("impact.base-not-found", base=base, folder=folder)
        ) from exc
    _extract(base, relative, top, workdir)
    if not (workdir / relative).is_dir():
        raise BaseError(phrase("impact.base-no-folder", base=base, folder=relative))
    return workdir / relative


MAX_BASE_BYTES = 64 * 1024 * 1024  # a rule set is kilobytes; a base revision larger than this is refused


def _extract(base: str, relative: str, top: str, workdir: Path) -> None:
    """Stream ``git archive`` into the work folder: bounded in size, regular files and folders only."""
    process = subprocess.Popen(
        ["git", "archive", "--format=tar", base, "--", relative],
        cwd=top,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    total = 0
    try:
        with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
            for member in tar:
                if not (member.isfile() or member.isdir()):
                    raise BaseError(phrase("impact.base-not-plain", name=member.name))
                total += member.size
                if total > MAX_BASE_BYTES:
                    raise BaseError(phrase("impact.base-too-large", limit=MAX_BASE_BYTES))
                tar.extract(member, workdir, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BaseError(phrase("impact.base-unreadable", base=base, reason=exc)) from exc
    finally:
        process.kill()
        process.stdout.close()  # type: ignore[union-attr]
        process.wait()


@record
class Entry:
    """One profile of the corpus."""

    name: str
    profile: dict[str, Any] | None
    as_of: _dt.date
    error: str | None = None


def _is_profile(path: Path) -> bool:
    return (
        path.suffix in (".yaml", ".yml", ".json")
        and not path.name.endswith(".cases.yaml")
        and not path.name.endswith(".expected.json")
    )


def corpus(paths: list[Path], rules_dir: Path, as_of: _dt.date, lang: str = "en") -> list[Entry]:
    """The profiles to compare on (the problems of those that cannot be read said in ``lang``).

    Default (no paths): ``examples/profiles/`` beside the rules folder (or in the current folder) and
    every profile in the rule set's case files. Paths may be profile files, folders of them, or case files.
    """
    files: list[tuple[Path, bool]] = []  # and whether it was found in a folder, not named (then it must be in it)
    cases: list[Path] = []
    if not paths:
        for folder in (rules_dir.resolve().parent / "examples" / "profiles", Path("examples") / "profiles"):
            if folder.is_dir():
                files = [(p, True) for p in sorted(folder.iterdir()) if _is_profile(p)]
                break
        cases = case_files(rules_dir)
    for path in paths:
        if path.is_dir():
            files += [(p, True) for p in sorted(path.iterdir()) if _is_profile(p)]
            cases += case_files(path)
        elif path.name.endswith(".cases.yaml"):
            cases.append(path)
        else:
            files.append((path, False))
    entries = []
    for path, in_folder in files:
        if in_folder and outside(path, path.parent):  # see resources.outside: a pull request may commit any link
            outside_words = phrase("diagnostics.profile-link-outside")
            link = diagnostic_at(link_name(path), 1, 1, ERROR, "link-outside", outside_words)
            entries.append(Entry(link_name(path), None, as_of, link.text(lang)))
            continue
        data, diagnostics = load_profile(path, display_path(path), found=in_folder)
        first = diagnostics[0].text(lang).split("\n")[0] if diagnostics else None
        if len(diagnostics) > 1:
            first = say("impact.and-more", lang, first=first, more=len(diagnostics) - 1)
        entries.append(Entry(display_path(path), data, as_of, first))
    for path in cases:
        found, diagnostics = load_cases(path)
        entries += [Entry(f"{case.file}::{case.name}", case.profile, case.as_of) for case in found]
        entries += [Entry(display_path(path), None, as_of, d.text(lang)) for d in diagnostics]
    return entries


def _compare_corpus(
    impact: Impact, before_engine: Evaluator, after_engine: Evaluator, entries: list[Entry], lang: str = "en"
) -> bool:
    """Evaluate every profile under both rule sets into ``impact`` (its errors said in ``lang``); False when a
    budget ran out (the rest is not compared)."""
    for entry in entries:
        if entry.profile is None:
            impact.errors.append(entry.error or say("impact.profile-unreadable", lang, name=entry.name))
            continue
        try:
            before = before_engine.evaluate(entry.profile, entry.as_of, lang, explain=False)
            after = after_engine.evaluate(entry.profile, entry.as_of, lang, explain=False)
        except WorkLimit as exc:  # the rest of the corpus cannot be compared either
            impact.errors.append(say("impact.profile-problem", lang, name=entry.name, problem=exc))
            return False
        except EngineError as exc:
            problem = "\n".join(d.text(lang) for d in exc.diagnostics) if isinstance(exc, InputError) else exc
            impact.errors.append(say("impact.profile-problem", lang, name=entry.name, problem=problem))
            continue
        impact.profiles += 1
        impact.total_before += before.total
        impact.total_after += after.total
        old = {(r.project, r.measure.id): Outcome.of(r) for r in before.results}
        new = {(r.project, r.measure.id): Outcome.of(r) for r in after.results}
        impact.results += len(set(old) | set(new))
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                change = Change(entry.name, key[0], key[1], old.get(key), new.get(key))
                if change.in_force:
                    impact.changes.append(change)
                else:
                    impact.not_in_force += 1
    impact.changes.sort(key=lambda c: (-abs(c.difference), c.profile, c.project, c.measure))
    return True


def _redated(entry: Entry, day: _dt.date) -> Entry:
    if entry.profile is None:
        return entry
    return Entry(entry.name, redate(entry.profile, entry.as_of, day), day, entry.error)


def compare(
    base: RuleSet,
    current: RuleSet,
    entries: list[Entry],
    base_name: str,
    as_of: _dt.date,
    max_dates: int = MAX_EFFECT_DATES,
    lang: str = "en",
) -> Impact:
    """Evaluate every profile under both rule sets and collect what changed; then the same on the corpus re-dated
    to each effect date of the change and to the day before it (at most ``max_dates`` effect dates).

    The work is bounded: each rule set has a command's budget of steps (engine/evaluate/budget.py) for the
    corpus, and another for all its re-dated copies together; when one runs out, that comparison stops with
    the profile named among its errors (and no later re-dated section is made); the errors are said in ``lang``."""
    impact = Impact(base_name, base.digest, current.digest, as_of)
    if not _compare_corpus(
        impact,
        Evaluator(base, CommandBudget(COMMAND_STEPS, lang)),
        Evaluator(current, CommandBudget(COMMAND_STEPS, lang)),
        entries,
        lang,
    ):
        return impact
    found = effect_dates(base, current, as_of, max_dates)
    impact.effect_dates, impact.left_out = found.dates, found.left_out
    before_engine = Evaluator(base, CommandBudget(COMMAND_STEPS, lang))
    after_engine = Evaluator(current, CommandBudget(COMMAND_STEPS, lang))
    for effect in found.dates:
        for day in (effect - _dt.timedelta(days=1), effect):
            section = Impact(base_name, base.digest, current.digest, day, day=day, effect_date=effect)
            impact.redated.append(section)
            if not _compare_corpus(
                section,
                before_engine,
                after_engine,
                [_redated(e, day) for e in entries if e.profile is not None],
                lang,
            ):
                return impact
    return impact


def outcome_json(outcome: Outcome | None) -> dict[str, Any] | None:
    """An outcome in the JSON of a change: ``{status, rate, amount}``, or None where there is no result."""
    if outcome is None:
        return None
    return {"status": outcome.status, "rate": json_number(outcome.rate), "amount": json_number(outcome.amount)}


def _section_json(impact: Impact) -> dict[str, Any]:
    return {
        "profiles": impact.profiles,
        "results": impact.results,
        "counts": impact.counts(),
        "totals": {
            "before": json_number(impact.total_before),
            "after": json_number(impact.total_after),
            "difference": json_number(impact.total_after - impact.total_before),
        },
        "changes": [
            {
                "profile": c.profile,
                "project": c.project,
                "measure": c.measure,
                "before": outcome_json(c.before),
                "after": outcome_json(c.after),
                "difference": json_number(c.difference),
            }
            for c in impact.changes
        ],
        "errors": list(impact.errors),
    }


def impact_json(impact: Impact) -> dict[str, Any]:
    """The stable JSON form."""
    return {
        "engine_version": __version__,
        "base": {"rules": impact.base, "rules_digest": impact.base_digest},
        "current": {"rules_digest": impact.current_digest},
        "as_of": impact.as_of.isoformat(),
        **_section_json(impact),
        "effect_dates": [day.isoformat() for day in impact.effect_dates],
        "effect_dates_left_out": [day.isoformat() for day in impact.left_out],
        "redated": [
            {
                "day": section.day.isoformat() if section.day else None,
                "effect_date": section.effect_date.isoformat() if section.effect_date else None,
                **_section_json(section),
            }
            for section in impact.redated
        ],
    }


def run_diff(
    base: str, rules_dir: Path, current: RuleSet, paths: list[Path], as_of: _dt.date, load: Any, lang: str = "en"
) -> Impact:
    """Load the base rules (with ``load``, which reports their problems) and compare on the corpus (the problems of
    its profiles said in ``lang``)."""
    with tempfile.TemporaryDirectory(prefix="subsidie-base-") as workdir:
        base_dir = base_rules_dir(base, rules_dir, Path(workdir))
        base_rules = load(base_dir)
        return compare(base_rules, current, corpus(paths, rules_dir, as_of, lang), base, as_of, lang=lang)
