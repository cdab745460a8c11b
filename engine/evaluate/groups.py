"""The groups of what a measure reads, and their distinct values over the absent facts (issue 15).

A :class:`Group` is the things a measure reads (facts, fields) that share absent facts; :meth:`Split.fill`
works it out once per combination of the values of its absent facts and keeps each distinct value once,
with the pairs of values that a change of one absent fact alone links (what ``missing`` is worked out from).
A :class:`Split` holds one profile's split: its project, its bounds (evaluations and steps), and the values
each absent fact is given (:func:`~.completion.grid_of`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from ..ask.profile_fields import split
from ..language.runtime import ExpressionRuntimeError, Missing
from ..model import Measure, RuleSet
from .budget import MAX_COMPLETIONS, Budget
from .completion import ROUNDS, grid_of, leaf_paths, path_key, with_value
from .reads import Opaque, Reads, analysis, covers
from .scope import Parameters, Scope, parameters_on


class Group:
    """Things a measure reads (facts, fields) that share absent facts; ``values`` are the distinct values they
    take over the telling values of those facts, each with its facts set, its fields' values and a completion
    that gives it; ``pairs[k]`` the pairs of value indexes that a change of ``paths[k]`` alone gives, ``tops[k]``
    those of a change between its two largest telling values."""

    __slots__ = ("facts", "fields", "grids", "pairs", "paths", "tops", "values")

    def __init__(self, paths: list[str], facts: list[str], field_paths: list[str], grids: list[list[Any]]):
        self.paths = paths
        self.facts = facts
        self.fields = field_paths  # the absent paths the measure reads itself: set in its profile
        self.grids = grids
        self.values: list[tuple[dict[str, Any], tuple[Any, ...], tuple[Any, ...]]] = []
        self.pairs: list[set[tuple[int, int]]] = [set() for _ in paths]
        self.tops: list[set[tuple[int, int]]] = [set() for _ in paths]

    def size(self) -> int:
        count = 1
        for grid in self.grids:
            count *= len(grid)
        return count


def hashable(value: Any) -> Any:
    if isinstance(value, list):
        return ("list", tuple(hashable(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, hashable(v)) for k, v in value.items())))
    return value


_PARTS: dict[str, tuple[bool, list[str | int]]] = {}


def completed(company: dict[str, Any], project: dict[str, Any], pairs: Iterable[tuple[str, Any]]) -> tuple[Any, Any]:
    """The company and project with each (absent path, value) of ``pairs`` set; containers on the way copied."""
    copied_company = copied_project = False
    for path, value in pairs:
        found = _PARTS.get(path)
        if found is None:
            parts = split(path)
            if len(_PARTS) > 4096:
                _PARTS.clear()
            found = _PARTS[path] = (parts[0] == "company", parts[1:] if parts[0] == "company" else parts[2:])
        of_company, parts = found
        if len(parts) > 1:
            if of_company:
                company = with_value(company, parts, value)
            else:
                project = with_value(project, parts, value)
        elif of_company:
            if not copied_company:
                company, copied_company = dict(company), True
            company[str(parts[0])] = value
        else:
            if not copied_project:
                project, copied_project = dict(project), True
            project[str(parts[0])] = value
    return company, project


class Split:
    """The split of one profile: its bounds, what it read, and the scopes it makes."""

    def __init__(self, evaluator: Any, profile: dict[str, Any], scope: Scope, lang: str, most: int, budget: Budget):
        self.evaluator = evaluator
        self.rules: RuleSet = evaluator.rules
        self.analysis = analysis(self.rules)
        self.company = scope.company
        self.project = scope.project
        self.scope = scope
        self.day = scope.date
        self.lang = lang
        self.left = min(most, MAX_COMPLETIONS)
        self.budget = budget
        self.refined = 0
        self.days = [scope.date]
        self.grids: dict[tuple[str, str], list[Any]] = {}

    def grid(self, path: str, measure: Measure | None = None) -> list[Any]:
        """The telling values of an absent path: for ``measure``, those that tell its outcomes apart."""
        key = (path, measure.id if measure else "")
        found = self.grids.get(key)
        if found is None:
            found = self.grids[key] = grid_of(self.rules, path, self.days, measure)
        return found

    def new_scope(self, company: dict[str, Any], project: dict[str, Any], params: Parameters) -> Scope:
        scope = Scope(self.rules, company, project, 0, self.day, self.scope.ledger, self.evaluator._deep)
        scope.params = params
        scope.budget = self.budget
        return scope

    def afford(self, runs: int, steps: int) -> bool:
        """Take ``runs`` evaluations of ``steps`` steps each from the bounds, if they hold them."""
        if runs > self.left or runs * steps > self.budget.left:
            return False
        self.left -= runs
        return True

    def settle_fact(self, name: str) -> str | None:
        """A company fact (size, NIS2 class) that every value of the absent facts it reads gives alike, else None."""
        if name not in self.rules.facts:
            return None
        params = parameters_on(self.rules, None, self.day)
        scope = self.new_scope(self.company, self.project, params)
        try:
            scope.fact(name)
            return None  # known: not asked for here
        except Missing as exc:
            absent = sorted({leaf for p in exc.paths for leaf in leaf_paths(p)}, key=path_key)
        except Exception:  # noqa: BLE001 - a rule error surfaces where the summary is read
            return None
        for _ in range(ROUNDS):
            grids = [self.grid(p) for p in absent]
            if not all(grids):
                return None
            count = 1
            for grid in grids:
                count *= len(grid)
            if not self.afford(count, self.analysis.steps(name)):
                return None
            values: set[Any] = set()
            more: set[str] = set()
            for point in itertools.product(*grids):
                company, project = completed(self.company, self.project, zip(absent, point, strict=True))
                try:
                    self.budget.spend(self.analysis.steps(name))
                    values.add(self.new_scope(company, project, params).fact(name))
                except Missing as exc:
                    more.update(leaf for p in exc.paths for leaf in leaf_paths(p))
                    values.add(None)
                except Exception:  # noqa: BLE001 - as above
                    return None
            more -= set(absent)
            if not more:
                return values.pop() if len(values) == 1 else None
            absent = sorted(set(absent) | more, key=path_key)
        return None

    # -- groups ---------------------------------------------------------------------------------------
    def groups(self, reads: Reads, absent: list[str], measure: Measure) -> list[Group]:
        """The groups of what ``reads`` reads, over the absent leaf paths ``absent``."""
        things: list[tuple[str, str, list[str]]] = []  # (kind, name, absent paths it reads)
        for name in sorted(reads.facts):
            if name not in self.rules.facts:
                continue
            paths, opaque = self.analysis.fact(name)
            if opaque:
                raise Opaque(name)
            found = [p for p in absent if any(covers(read, p) for read in paths)]
            if found:
                things.append(("fact", name, found))
        for read in sorted(reads.fields):
            found = [p for p in absent if covers(read, p)]
            if found:
                things.append(("field", read, found))
        covered = {p for _, _, found in things for p in found}
        if covered != set(absent):
            raise Opaque(", ".join(sorted(set(absent) - covered)))
        # things that share an absent path join one group
        owner: dict[str, int] = {}
        members: list[list[int]] = []
        for i, (_, _, found) in enumerate(things):
            joined = sorted({owner[p] for p in found if p in owner})
            target = joined[0] if joined else len(members)
            if not joined:
                members.append([])
            for other in joined[1:]:
                members[target] += members[other]
                for j in members[other]:
                    for p in things[j][2]:
                        owner[p] = target
                members[other] = []
            members[target].append(i)
            for p in found:
                owner[p] = target
        out = []
        for group in members:
            if not group:
                continue
            in_group = [p for p in absent if any(p in things[i][2] for i in group)]
            facts = [things[i][1] for i in group if things[i][0] == "fact"]
            direct = sorted({p for i in group if things[i][0] == "field" for p in things[i][2]}, key=in_group.index)
            out.append(Group(in_group, facts, direct, [self.grid(p, measure) for p in in_group]))
        return out

    def below(self, group: Group) -> list[tuple[str, tuple[int, ...]]]:
        """The facts the group's facts read, themselves included, each with the positions of the group's paths it
        reads (through its facts)."""
        found: list[tuple[str, tuple[int, ...]]] = []
        seen: set[str] = set()
        pending = list(group.facts)
        facts = self.rules.facts
        while pending:
            name = pending.pop()
            if name in seen or name not in facts:
                continue
            seen.add(name)
            reads = self.analysis.fact(name)[0]
            found.append((name, tuple(i for i, p in enumerate(group.paths) if any(covers(r, p) for r in reads))))
            pending += facts[name].expression.facts
        return found

    def fill(self, group: Group, params: Parameters, steps: int) -> None:
        """Work out the group's distinct values over the telling values of its absent paths."""
        index: dict[Any, int] = {}
        seen: list[tuple[tuple[Any, ...], int]] = []
        fact_rows = group.facts
        at = [group.paths.index(p) for p in group.fields]
        # every fact below the group's, with the positions of the paths it reads: a fact is computed once per
        # combination of its own paths' values (the staff total once per staff figure, not per turnover too)
        below = self.below(group)
        memo: dict[tuple[str, tuple[int, ...]], Any] = {}
        grids = group.grids
        for spot in itertools.product(*(range(len(grid)) for grid in grids)):  # value indexes: lists hash too
            point = tuple(grid[j] for grid, j in zip(grids, spot, strict=True))
            set_facts: dict[str, Any] = {}
            key: list[Any] = []
            if fact_rows:
                self.budget.spend(steps)
                company, project = completed(self.company, self.project, zip(group.paths, point, strict=True))
                scope = self.new_scope(company, project, params)
                cache = scope._cache
                keys = [(name, tuple(spot[i] for i in positions)) for name, positions in below]
                for memo_key in keys:
                    if memo_key in memo:
                        cache[memo_key[0]] = memo[memo_key]
                for name in fact_rows:
                    try:
                        value = scope.fact(name)
                    except Missing as exc:
                        set_facts[name] = exc
                        key.append(("missing", exc.paths))
                        continue
                    except ExpressionRuntimeError as exc:
                        set_facts[name] = exc
                        key.append(("error", str(exc)))
                        continue
                    set_facts[name] = value
                    key.append(("value", hashable(value)))
                for memo_key in keys:
                    if memo_key not in memo and memo_key[0] in cache:
                        memo[memo_key] = cache[memo_key[0]]
            found = (tuple(key), tuple(spot[i] for i in at))
            number = index.get(found)
            if number is None:
                number = index[found] = len(group.values)
                group.values.append((set_facts, tuple(point[i] for i in at), point))
            seen.append((spot, number))
        # which value indexes a change of one path alone links
        for k, grid in enumerate(grids):
            buckets: dict[tuple[int, ...], list[tuple[int, int]]] = {}
            for spot, number in seen:
                buckets.setdefault(spot[:k] + spot[k + 1 :], []).append((spot[k], number))
            for bucket in buckets.values():
                numbers = {n for _, n in bucket}
                if len(numbers) > 1:
                    group.pairs[k] |= {(a, b) for a in numbers for b in numbers if a != b}
                if len(grid) > 1:
                    by_value = dict(bucket)
                    top, second = by_value.get(len(grid) - 1), by_value.get(len(grid) - 2)
                    if top is not None and second is not None:
                        group.tops[k].add((top, second))
