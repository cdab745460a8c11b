"""The questionnaire behind ``subsidie ask``: which fact to ask next, and what an answer does.

The state is a partial profile. The next question comes from evaluating it with the
rules: every undetermined (project, measure) result names the profile paths of the
facts that would decide it (``missing``), and the fact named by the most results is
asked first (ties: the order of the profile schema). Facts the schema fills in with a
default (no partner enterprises, no negative equity, ...) are left unknown while the
next question is chosen, so they are asked exactly when they could matter. Once no
result waits on a fact that can still be asked, optional facts the rules only look
at when given (the previous year's figures, the NIS2 class, a start date, the aid
received) are tried with a few telling values each; one is asked only when some
value changes a result. A question whose answer cannot change any result is never
asked. Lists (projects, aid received, partner and linked enterprises) are filled one
item at a time ("is there another one?"), and the schema's required fields come first.

Every question text comes from the schema (``x-question``, ``x-enum-labels``,
``x-item-label``, ``x-label``) or the rules (measure titles); no terminal I/O here: a
front end shows a :class:`Question` and hands back the text typed.
"""

from __future__ import annotations

import copy
import datetime as _dt
from collections import Counter, deque
from typing import Any, cast

from ..diagnostics import EngineError, ProfileError
from ..evaluate.evaluator import Evaluator
from ..evaluate.results import ProfileResult
from ..load.profile import parse_profile
from ..model import RuleSet
from ..records import field, record
from ..render.profile_yaml import dump_profile
from ..text.messages import say
from .answers import AnswerError, parse_answer, parse_boolean
from .profile_fields import INDEX, example_values, fields, generic, join, leaves, required, split, walk
from .relevance import ABSENT, changed_results, remove, replaced, watched_fields, witnesses

ASK_COMPLETIONS = 128
"""The most completions of the absent facts each trial evaluation of the questionnaire settles a profile of
several projects over, where each completion evaluates the whole profile (``evaluate`` takes up to
:data:`engine.evaluate.budget.MAX_COMPLETIONS`): a question is chosen from dozens of evaluations, and a
person waits for it. A profile of one project is settled result by result (:mod:`engine.evaluate.factored`),
within ``evaluate``'s bounds, so that a fact every value of which gives the same results is not asked."""


@record(frozen=False)
class Question:
    """One question to put to a person.

    Attributes:
        path: the profile path it fills ('company.employees', 'projects[0].cost').
        kind: 'value' (a fact), 'add' (is there one? for a list or an object) or 'more' (another one?).
        text: the question, from the schema, in the chosen language.
        type: 'boolean', 'choice', 'number', 'integer', 'date' or 'text'.
        options: (value, label) pairs to choose from ('choice' and 'boolean').
        open_ended: True when an answer outside the options is also fine.
        default: what an empty answer gives, or None.
        skippable: True when '?' (I don't know) leaves the fact out.
        context: what the question is about ('Project 1 (cyber-audit)'), outermost first.
    """

    path: str
    kind: str
    text: str
    type: str
    options: list[tuple[Any, str]] = field(default_factory=list)
    open_ended: bool = False
    default: Any = None
    skippable: bool = False
    context: list[str] = field(default_factory=list)


class Session:
    """A questionnaire over one rule set: ask :meth:`next_question`, hand the typed text to :meth:`answer`."""

    def __init__(self, rules: RuleSet, lang: str, as_of: _dt.date, profile: dict[str, Any] | None = None):
        self.rules = rules
        self.lang = lang
        self.as_of = as_of
        # its many trial evaluations settle a profile of several projects over fewer completions (ASK_COMPLETIONS)
        self.evaluator = Evaluator(rules, whole=ASK_COMPLETIONS)
        self.data: dict[str, Any] = copy.deepcopy(profile) if profile else {}
        self.data.setdefault("company", {})
        self.data.setdefault("projects", [])
        self.declined: set[str] = set()
        self.asked: list[Question] = []
        self.current: Question | None = None
        self.agenda: deque[tuple[str, str]] = deque()
        self.projects_closed = False
        self.watched = watched_fields(rules)

    # -- the profile -------------------------------------------------------------------------
    def get(self, path: str) -> Any:
        """The answer at a path, or None."""
        return walk(self.data, split(path))

    def _set(self, path: str, value: Any, data: Any = None) -> None:
        target: Any = self.data if data is None else data
        parts = split(path)
        for part in parts[:-1]:
            target = target[part] if isinstance(part, int) else target.setdefault(part, {})
        target[parts[-1]] = value

    def complete(self) -> dict[str, Any]:
        """The profile so far, checked and completed exactly as ``evaluate`` reads a saved file."""
        data, diagnostics = parse_profile(dump_profile(self.data), "<ask>")
        if data is None:
            raise ProfileError(diagnostics)  # cannot happen: every answer is checked when it is given
        return data

    def outcome(self) -> ProfileResult:
        """The evaluation of the profile built, with explanations: what ``evaluate`` gives for it."""
        return Evaluator(self.rules).evaluate(self.complete(), self.as_of, self.lang)

    # -- choosing the next question ------------------------------------------------------------
    def next_question(self) -> Question | None:
        """The question to answer now, or None when nothing left could change a result."""
        if self.current is None:
            self.current = self._next()
            if self.current is not None:
                self.asked.append(self.current)
        return self.current

    def _next(self) -> Question | None:
        while True:
            while self.agenda:
                step, path = self.agenda.popleft()
                if step == "optional":
                    self.agenda.extendleft(("value", p) for p in reversed(self._relevant_optional(path)))
                elif step != "value" or (self.get(path) is None and path not in self.declined):
                    return self._question(step, path)
            projects = self.data["projects"]
            if not projects:
                self._start_project()
                continue
            undated = [i for i, p in enumerate(projects) if "application_date" not in p]
            if undated:
                return self._question("value", f"projects[{undated[0]}].application_date")
            completed = self.complete()
            probe = self._probe(completed)
            best, outcome = self._decisive(probe)
            best = best or self._best(self._changing(probe, outcome)) or self._still_open(completed)
            if best is None:
                if self.projects_closed:
                    return None
                return self._question("more", "projects")
            node = fields()[generic(best)]
            if node.get("type") == "object" and not node.get("required"):
                self._set(best, {})  # a group of optional facts (the consortium): its fields are asked one by one
                continue
            kind = "add" if node.get("type") in ("array", "object") else "value"
            return self._question(kind, best)

    def _start_project(self) -> None:
        index = len(self.data["projects"])
        self.data["projects"].append({})
        for name in ("id", "kind", "application_date"):
            self.agenda.append(("value", f"projects[{index}].{name}"))

    def _evaluate(self, profile: dict[str, Any]) -> ProfileResult | None:
        try:
            return self.evaluator.evaluate(profile, self.as_of, self.lang, explain=False)
        except EngineError:
            return None

    def _probe(self, completed: dict[str, Any]) -> dict[str, Any]:
        """The completed profile with every default the person has not confirmed taken out again (unknown)."""
        probe = copy.deepcopy(completed)
        for path in self._defaulted():
            if self.get(path) is None and path not in self.declined:
                remove(probe, path)
        return probe

    def _defaulted(self) -> list[str]:
        """Concrete paths of the company's and projects' own fields that the schema fills with a default."""
        out = []
        for path, node in fields().items():
            if "default" not in node or path.count(".") != 1:
                continue
            if path.startswith("company."):
                out.append(path)
            elif path.startswith("projects[]."):
                out += [path.replace("[]", f"[{i}]", 1) for i in range(len(self.data["projects"]))]
        return out

    def _decisive(self, probe: dict[str, Any]) -> tuple[str | None, ProfileResult | None]:
        """The fact that would decide the most undetermined results and whose answer can change one.

        A fact the schema gives a default is unknown in the probe, so it shows up as missing
        wherever it is read; it is asked only when some value of it gives other results than
        the default (300 staff make a company large whatever its partners, for example):
        first with the other such facts at their defaults, else with them unknown. One that
        cannot is given its default in the probe for this round, and the rest is ranked again.
        Also returns the probe's evaluation.
        """
        while True:
            outcome = self._evaluate(probe)
            counts: Counter[str] = Counter()
            for result in outcome.results if outcome else ():
                if result.status == "undetermined":
                    counts.update(
                        p
                        for p in result.missing
                        if p not in self.declined and self.get(p) is None and generic(p) in fields()
                    )
            ranked = self._ranked(counts)
            open_defaults = [p for p in ranked if "default" in fields()[generic(p)]]
            unknown = [p for p in self._defaulted() if walk(probe, split(p)) is None]
            for path in ranked:
                if path not in open_defaults:
                    return path, outcome
                others = probe
                for other in unknown:
                    if other != path:
                        others = replaced(others, split(other), fields()[generic(other)]["default"])
                if self._can_change(path, others):
                    return path, outcome
            for path in open_defaults:
                if self._can_change(path, probe):
                    return path, outcome
                self._set(path, copy.deepcopy(fields()[generic(path)]["default"]), probe)
                break
            else:
                return None, outcome

    def _still_open(self, completed: dict[str, Any]) -> str | None:
        """A fact that still changes a result when the facts with a default that are not confirmed take it (the
        probe, with them unknown, may pass the split's bounds and settle nothing): the one most results miss."""
        outcome = self._evaluate(completed)
        counts: Counter[str] = Counter()
        for result in outcome.results if outcome else ():
            if result.status == "undetermined":
                counts.update(
                    p
                    for p in result.missing
                    if p not in self.declined and self.get(p) is None and generic(p) in fields()
                )
        return self._best(counts)

    def _can_change(self, path: str, probe: dict[str, Any]) -> bool:
        """True when some value of a fact with a default gives other results than the default."""
        return bool(self._changes(path, probe, [fields()[generic(path)]["default"]] + self._witnesses(path, probe)))

    def _changing(self, probe: dict[str, Any], outcome: ProfileResult | None) -> Counter[str]:
        """Optional facts the rules read only when given, with the number of results some value of each changes."""
        counts: Counter[str] = Counter()
        if outcome is not None:
            for path in self._optional_facts():
                changed = self._changes(path, probe, [ABSENT] + self._witnesses(path, probe))
                if changed:
                    counts[path] = len(changed)
        return counts

    def _changes(self, path: str, probe: dict[str, Any], values: list[Any]) -> set[tuple[str, str]]:
        return changed_results(self._evaluate, probe, path, values)

    def _optional_facts(self) -> list[str]:
        """The aid history, and the optional fields without a default that a rule reads with given() or
        in applies_when (where an absent fact is not unknown), not yet asked."""
        out = []
        for path, node in fields().items():
            own = path.count(".") == 1 and "default" not in node and path in self.watched
            if path != "aid_received" and not own:
                continue
            concrete = (
                [path]
                if not path.startswith("projects[]")
                else [path.replace("[]", f"[{i}]", 1) for i in range(len(self.data["projects"]))]
            )
            out += [p for p in concrete if self.get(p) is None and p not in self.declined]
        return out

    def _witnesses(self, path: str, probe: dict[str, Any]) -> list[Any]:
        return witnesses(path, probe, sorted(self.rules.measures))

    def _relevant_optional(self, item: str) -> list[str]:
        """The optional fields of a new list item (an aid entry) that could change a result, in schema order."""
        container = generic(item).rsplit("[", 1)[0]
        optional = [
            item + p[len(generic(item)) :] for p in leaves(container) if p.rsplit(".", 1)[1] not in required(container)
        ]
        optional = [p for p in optional if self.get(p) is None]
        if not optional:
            return []
        probe = self._probe(self.complete())
        self._decisive(probe)  # gives the defaults that cannot matter their value, as when choosing a question
        found = []
        for path in optional:
            if generic(path) == "aid_received[].measure":
                values: list[Any] = sorted(self.rules.measures)
            else:
                values = example_values(fields()[generic(path)], self.as_of)
            if self._changes(path, probe, [ABSENT] + values):
                found.append(path)
        return found

    @staticmethod
    def _ranked(counts: Counter[str]) -> list[str]:
        """Most results first; ties in the order of the profile schema, then of the list items."""
        order = list(fields())
        return sorted(counts, key=lambda p: (-counts[p], order.index(generic(p)), [int(i) for i in INDEX.findall(p)]))

    def _best(self, counts: Counter[str]) -> str | None:
        ranked = self._ranked(counts)
        return ranked[0] if ranked else None

    # -- questions and answers -----------------------------------------------------------------
    def _question(self, kind: str, path: str) -> Question:
        lang = self.lang
        node = fields()[generic(path)]
        yes_no = [(True, say("common.yes", lang)), (False, say("common.no", lang))]
        context = self._context(path)
        if kind == "more":
            return Question(
                path, kind, node["x-question-another"][lang], "boolean", yes_no, default=False, context=context
            )
        text = node["x-question"][lang]
        if kind == "add":
            default = False if node.get("default") == [] else None
            return Question(path, kind, text, "boolean", yes_no, default=default, skippable=True, context=context)
        name = path.rsplit(".", 1)[1]
        needed = name in required(generic(path).rsplit(".", 1)[0]) or name == "application_date"
        question = Question(
            path, kind, text, _type(node), skippable=not needed, default=node.get("default"), context=context
        )
        if node.get("type") == "boolean":
            question.options = yes_no
        elif "enum" in node:
            question.options = [(v, node["x-enum-labels"][v][lang]) for v in node["enum"]]
        elif generic(path) == "aid_received[].measure":
            question.options = [
                (m.id, m.title.nl if lang == "nl" else m.title.en)
                for m in sorted(self.rules.measures.values(), key=lambda m: m.id)
            ]
            question.open_ended = True
        if name == "application_date":
            question.default = self.as_of
        elif generic(path) == "projects[].id":
            taken = {p.get("id") for p in self.data["projects"]}
            question.default = next(
                f"project-{n}" for n in range(cast(int, split(path)[1]) + 1, 10**6) if f"project-{n}" not in taken
            )
        return question

    def _context(self, path: str) -> list[str]:
        """Labels of the list items and groups the field at ``path`` lies in, outermost first."""
        out: list[str] = []
        here, concrete = "", []
        for part in split(path)[:-1]:
            concrete.append(part)
            if isinstance(part, int):
                ident = self.get(join(concrete) + ".id")
                label = fields()[here]["x-item-label"][self.lang].format(n=part + 1)
                out.append(label + (f" ({ident})" if ident else ""))
                here += "[]"
                continue
            here = f"{here}.{part}" if here else part
            node = fields()[here]
            if node.get("type") == "object" and "x-label" in node:
                out.append(node["x-label"][self.lang])
        return out

    def answer(self, text: str) -> None:
        """Take the typed answer to the current question.

        '?' (or an empty answer where no default is offered) means "I don't know": the fact stays
        out of the profile. Raises :class:`AnswerError` with the reason when the answer cannot be
        used; the question then stays the current one.
        """
        question = self.next_question()
        if question is None:
            raise RuntimeError("no question is open: the questionnaire is finished")
        typed = text.strip()
        if typed in ("", "?"):
            if question.default is not None and (typed == "" or not question.skippable):
                value = question.default
                if question.kind == "value":
                    self._cross_check(question.path, value)
            elif question.skippable:
                self.declined.add(question.path)
                self.current = None
                return
            else:
                raise AnswerError(say("ask.required", self.lang))
        elif question.kind != "value":
            value = parse_boolean(typed, self.lang)
        else:
            value = self.check(question.path, typed)
        self._apply(question, value)
        self.current = None

    def check(self, path: str, text: str) -> Any:
        """The typed value of an answer for the field at ``path``, checked as ``evaluate`` checks a profile
        (the schema, the enterprise number's check digits, unique project ids, no application before
        the company was founded); raises :class:`AnswerError` with the reason. Nothing is changed."""
        question = self._question("value", path)
        node = fields()[generic(path)]
        value = parse_answer(text, node, self.lang, question.options or None, open_ended=question.open_ended)
        self._cross_check(path, value)
        return value

    def _cross_check(self, path: str, value: Any) -> None:
        """The profile-wide checks: unique project ids, no application before the company was founded."""
        lang, projects = self.lang, self.data["projects"]
        if generic(path) == "projects[].id":
            index = cast(int, split(path)[1])
            for other, project in enumerate(projects):
                if other != index and project.get("id") == value:
                    first = min(other, index) + 1
                    raise AnswerError(say("ask.duplicate", lang, id=value, n=first), say("ask.duplicate-hint", lang))
        founded = self.get("company.founded")
        if generic(path) == "projects[].application_date" and founded is not None and value < founded:
            raise AnswerError(say("ask.before-founded", lang, applied=value, founded=founded))
        if path == "company.founded":
            for project in projects:
                applied = project.get("application_date")
                if applied is not None and applied < value:
                    raise AnswerError(say("ask.before-founded", lang, applied=applied, founded=value))

    def _apply(self, question: Question, value: Any) -> None:
        path, node = question.path, fields()[generic(question.path)]
        if question.kind == "value":
            self._set(path, value)
        elif question.kind == "add" and node.get("type") == "object":
            if value:
                self._set(path, {})
                self.agenda.extendleft(
                    ("value", f"{path}.{p.rsplit('.', 1)[1]}") for p in reversed(leaves(generic(path)))
                )
            else:
                self.declined.add(path)
        elif not value:
            if question.kind == "add":
                self._set(path, [])
            elif path == "projects":
                self.projects_closed = True
        elif path == "projects":
            self._start_project()
        else:
            items = self.get(path) or []
            self._set(path, items + [{}])
            item = f"{path}[{len(items)}]"
            needed = required(generic(path))
            steps = [
                ("value", f"{item}.{p.rsplit('.', 1)[1]}")
                for p in leaves(generic(path))
                if p.rsplit(".", 1)[1] in needed
            ]
            self.agenda.extendleft(reversed(steps + [("optional", item), ("more", path)]))


def _type(node: dict[str, Any]) -> str:
    if node.get("type") == "boolean":
        return "boolean"
    if "enum" in node:
        return "choice"
    if node.get("type") in ("number", "integer"):
        return node["type"]
    return "date" if node.get("format") == "date" else "text"
