"""Hypothesis strategies for valid company profiles, driven by the profile schema and a rule set.

Every field comes from ``schemas/profile.schema.json`` (types, enums, bounds, required and
optional keys), so a field added to the schema is generated without a change here. The
rule set supplies what makes values interesting: every date on which something changes
(validity, versions, dated parameter values, call windows) with the days around it, and
every number the rules hold (thresholds, caps, minimums, rates) with its neighbours and
the costs at which a rate times the cost meets a cap. Dates that rules compare with each
other (start of the service, aid history, founding) are drawn around the application
date. Nothing here knows a particular measure.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from engine.language.expression import Expression
from engine.model import Amount, RuleSet

ROOT = Path(__file__).resolve().parents[2]
PROFILE_SCHEMA: dict[str, Any] = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
CENT = Decimal("0.01")
DAY = dt.timedelta(days=1)


class RuleFacts:
    """What a rule set makes interesting for generated profiles: dates, numbers and measure ids."""

    def __init__(self, dates: tuple[dt.date, ...], numbers: tuple[Decimal, ...], measure_ids: tuple[str, ...]):
        self.dates = dates
        self.numbers = numbers
        self.measure_ids = measure_ids
        self.first = min(dates)
        self.last = max(dates)

    def __repr__(self) -> str:  # Hypothesis shows strategies with their arguments: keep it short
        return f"RuleFacts({len(self.dates)} dates, {len(self.numbers)} numbers, {len(self.measure_ids)} measures)"


def expressions(rules: RuleSet) -> Iterator[Expression]:
    """Every compiled expression of a rule set: facts, shared conditions and each measure's."""
    yield from (fact.expression for fact in rules.facts.values())
    yield from (condition.expression for condition in rules.shared_conditions.values())
    for measure in rules.measures.values():
        yield from (c.expression for c in measure.conditions)
        yield from (c.expression for v in measure.versions for c in v.conditions or ())
        yield from (r.when for r in measure.reminders if r.when is not None)
        if measure.applies_when is not None:
            yield measure.applies_when
        for spec in [measure.amount] + [v.amount for v in measure.versions]:
            yield from _amount_expressions(spec)


def _amount_expressions(spec: Amount | None) -> Iterator[Expression]:
    if spec is None:
        return
    for part in spec.parts:
        yield part.rate
        yield part.base
    if spec.fixed is not None:
        yield spec.fixed
    yield from (cap.amount for cap in spec.caps)
    if spec.minimum is not None:
        yield spec.minimum.amount


def _collect_numbers(value: Any, into: set[Decimal]) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, Decimal)):
        into.add(Decimal(value))
    elif isinstance(value, dict):
        for item in value.values():
            _collect_numbers(item, into)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_numbers(item, into)


def rule_facts(rules: RuleSet) -> RuleFacts:
    """The dates and numbers of a rule set that generated profiles should meet and straddle."""
    days: set[dt.date] = set()
    numbers: set[Decimal] = set()
    parameters = list(rules.parameters.values())
    parameters += [p for m in rules.measures.values() for p in m.parameters.values()]
    for parameter in parameters:
        for entry in parameter.timeline:
            days.add(entry.start)
            _collect_numbers(entry.value, numbers)
    for measure in rules.measures.values():
        days.add(measure.valid_from)
        if measure.valid_until is not None:
            days.add(measure.valid_until + DAY)
        for version in measure.versions:
            days.add(version.start)
            if version.until is not None:
                days.add(version.until + DAY)
        for window in measure.calls.windows if measure.calls else ():
            days |= {window.open, window.close + DAY}
    for expression in expressions(rules):
        if expression.tree is None:
            continue
        for node in ast.walk(expression.tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)
            ):
                numbers.add(Decimal(repr(node.value)))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) == 10:
                try:
                    days.add(dt.date.fromisoformat(node.value))
                except ValueError:
                    pass
    around = {d + k * DAY for d in days for k in (-1, 0, 1)}
    rates = {n for n in numbers if 0 < n <= 100}
    moneyish = {n for n in numbers if n >= 100}
    near = {n + delta for n in numbers for delta in (Decimal(0), Decimal(1), -Decimal(1), CENT, -CENT)}
    meets_cap = {(m * 100 / r).quantize(CENT) + delta for m in moneyish for r in rates for delta in (0, CENT)}
    values = sorted(n for n in near | meets_cap if n >= 0)
    return RuleFacts(tuple(sorted(around)), tuple(values), tuple(sorted(rules.measures)))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = {**PROFILE_SCHEMA["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def kbo_numbers() -> st.SearchStrategy[str]:
    """Belgian enterprise numbers with correct check digits, in the spellings the schema allows."""

    def spell(first: int, rest: int, style: int) -> str:
        body = f"{first}{rest:07d}"
        check = 97 - int(body) % 97
        digits = f"{body}{check:02d}"
        return [
            f"{digits[:4]}.{digits[4:7]}.{digits[7:]}",
            digits,
            f"BE {digits[:4]} {digits[4:7]} {digits[7:]}",
            f"BE{digits}",
        ][style]

    return st.builds(spell, st.integers(0, 1), st.integers(0, 9_999_999), st.integers(0, 3))


class Seeds(list):
    """Seed profiles with their as-of dates; shown by their number only."""

    def __repr__(self) -> str:
        return f"Seeds({len(self)} profiles)"


class ProfileStrategies:
    """Strategies for the values of one rule set's profiles."""

    def __init__(self, facts: RuleFacts):
        self.facts = facts
        low = facts.first - dt.timedelta(days=3 * 366)
        high = facts.last + dt.timedelta(days=3 * 366)
        self.any_date = st.one_of(st.sampled_from(facts.dates), st.dates(low, high))

    def __repr__(self) -> str:
        return f"ProfileStrategies({self.facts!r})"

    def number(self, node: dict[str, Any]) -> st.SearchStrategy[Any]:
        """A number inside the node's bounds: a rule-set number or its neighbour, a bound, or any value."""
        low = Decimal(str(node.get("minimum", 0)))
        high = Decimal(str(node.get("maximum", 10**12)))
        if node.get("type") == "integer":
            return st.one_of(
                st.sampled_from([int(low), int(high)]),
                st.integers(int(low), min(int(high), 20)),
                st.integers(int(low), int(high)),
            )
        inside = [n for n in self.facts.numbers if low <= n <= high]
        options = [
            st.sampled_from([low, high]),
            st.decimals(low, min(high, Decimal(100)), places=2),
            st.decimals(low, min(high, Decimal(10) ** 8), places=2),
            st.decimals(low, min(high, Decimal(10) ** 6), places=3),  # sub-cent: rounding matters
            st.integers(int(low), int(min(high, Decimal(10) ** 9))).map(Decimal),
        ]
        if inside:
            options.insert(0, st.sampled_from(inside))
        return st.one_of(options)

    def value(self, node: dict[str, Any], path: tuple[str, ...]) -> st.SearchStrategy[Any]:
        """A value that conforms to a schema node."""
        node = _resolve(node)
        if path == ("company", "enterprise_number"):
            return kbo_numbers()
        if path[-1:] == ("measure",) and path[:1] == ("aid_received",):
            return st.one_of(st.sampled_from(self.facts.measure_ids), st.text(max_size=20))
        if "enum" in node:
            return st.sampled_from(node["enum"])
        kind = node.get("type")
        if kind == "string" and node.get("format") == "date":
            return self.any_date
        if kind == "string" and "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True)
        if kind == "string":
            return st.text(
                st.characters(blacklist_categories=("Cs",)),
                min_size=node.get("minLength", 0),
                max_size=min(node.get("maxLength", 30), 30),
            )
        if kind in ("number", "integer"):
            return self.number(node)
        if kind == "boolean":
            return st.booleans()
        if kind == "array":
            return st.lists(
                self.value(node["items"], path),
                min_size=node.get("minItems", 0),
                max_size=min(node.get("maxItems", 3), 3),
            )
        if kind == "object":
            return self.mapping(node, path)
        raise AssertionError(f"no strategy for schema node {node} at {path}")

    def mapping(self, node: dict[str, Any], path: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
        """An object with every required key and any subset of the optional ones."""
        node = _resolve(node)
        required = set(node.get("required", ()))
        fields = {
            name: self.value(sub, path + (name,))
            for name, sub in node.get("properties", {}).items()
            if name != "$schema"
        }

        @st.composite
        def build(draw: Any) -> dict[str, Any]:
            out = {}
            for name, strategy in fields.items():
                if name in required or draw(st.booleans()):
                    out[name] = draw(strategy)
            return out

        return build()


def profiles(
    facts: RuleFacts, seeds: list[tuple[dict[str, Any], dt.date]]
) -> st.SearchStrategy[tuple[dict[str, Any], dt.date]]:
    """A valid profile as plain data (dates as dates, numbers as int or Decimal) and an as-of date.

    A quarter are drawn from the schema alone; the others start from a seed profile (the rule set's own
    test cases and the shipped examples, which reach every status) with a few fields changed,
    removed or added, so that eligible results and their amounts are exercised too.
    """
    make = ProfileStrategies(facts)
    drawn = st.tuples(random_profiles(facts), make.any_date)
    if not seeds:
        return drawn
    seeded = seeded_profiles(make, seeds)
    return st.one_of(drawn, seeded, seeded, seeded)


@st.composite
def random_profiles(draw: Any, facts: RuleFacts) -> dict[str, Any]:
    """A valid profile drawn from the schema alone."""
    make = ProfileStrategies(facts)
    company = draw(make.mapping(PROFILE_SCHEMA["properties"]["company"], ("company",)))
    project_node = PROFILE_SCHEMA["properties"]["projects"]["items"]
    projects = draw(st.lists(make.mapping(project_node, ("projects",)), min_size=1, max_size=4))
    for project in projects:
        applied = project.get("application_date")
        if applied is not None and "start_date" in project and draw(st.booleans()):
            project["start_date"] = applied + dt.timedelta(days=draw(st.integers(-40, 40)))
    dates = [p["application_date"] for p in projects if "application_date" in p]
    anchor = draw(st.sampled_from(dates)) if dates else draw(make.any_date)
    profile: dict[str, Any] = {"company": company}
    if draw(st.booleans()):
        profile["aid_received"] = draw(st.lists(_aid(make, dates or [anchor]), max_size=5))
    profile["projects"] = projects
    if "founded" in company and draw(st.booleans()):
        company["founded"] = _years_before(anchor, draw(st.integers(0, 12))) + DAY * draw(st.integers(-2, 2))
    return _consistent(profile)


def _consistent(profile: dict[str, Any]) -> dict[str, Any]:
    """Make the checks beyond the schema hold: unique project ids, no application before the founding."""
    seen: set[str] = set()
    for i, project in enumerate(profile["projects"]):
        if project["id"] in seen:
            project["id"] = f"{project['id']}#{i}"
        seen.add(project["id"])
    dates = [p["application_date"] for p in profile["projects"] if "application_date" in p]
    company = profile["company"]
    if "founded" in company and dates and company["founded"] > min(dates):
        company["founded"] = min(dates)
    return profile


_PARTS = {
    "company": PROFILE_SCHEMA["$defs"]["company"],
    "projects": PROFILE_SCHEMA["$defs"]["project"],
    "aid_received": PROFILE_SCHEMA["$defs"]["aid"],
}


@st.composite
def seeded_profiles(
    draw: Any, make: ProfileStrategies, seeds: list[tuple[dict[str, Any], dt.date]]
) -> tuple[dict[str, Any], dt.date]:
    """A seed profile with its numbers and dates moved a little (or onto a rule-set value), up to two
    fields of the company, a project or an aid entry changed, dropped or added (each from its schema),
    and its as-of date or another."""
    seed, as_of = draw(st.sampled_from(seeds))
    profile = copy.deepcopy(seed)
    if draw(st.booleans()):
        profile = _jitter(draw, make, profile, PROFILE_SCHEMA)
    for _ in range(draw(st.integers(0, 2))):
        part = draw(st.sampled_from(sorted(_PARTS)))
        node = _resolve(_PARTS[part])
        if part == "company":
            target = profile["company"]
        else:
            items = profile.setdefault(part, [])
            if part == "aid_received" and (not items or draw(st.booleans())):
                items.append(draw(make.mapping(node, (part,))))
            target = draw(st.sampled_from(items))
        name = draw(st.sampled_from(sorted(k for k in node["properties"] if k != "$schema")))
        if name not in node.get("required", ()) and name in target and draw(st.booleans()):
            del target[name]
        else:
            target[name] = draw(make.value(node["properties"][name], (part, name)))
    if draw(st.integers(0, 3)) == 0:
        as_of = draw(make.any_date)
    return _consistent(profile), as_of


def _jitter(draw: Any, make: ProfileStrategies, value: Any, node: dict[str, Any]) -> Any:
    """The value with some numbers and dates moved: by a few cents or percent, a few days, or onto a
    number or date of the rule set, always within the schema's bounds."""
    node = _resolve(node)
    if isinstance(value, dict):
        fields = node.get("properties", {})
        return {k: _jitter(draw, make, v, fields[k]) if k in fields else v for k, v in value.items()}
    if isinstance(value, list):
        return [_jitter(draw, make, v, node.get("items", {})) for v in value]
    if isinstance(value, dt.date) and draw(st.integers(0, 3)) == 0:
        return draw(st.one_of(st.sampled_from(make.facts.dates), st.integers(-20, 20).map(lambda d: value + DAY * d)))
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or not draw(st.booleans()):
        return value
    low = Decimal(str(node.get("minimum", 0)))
    high = Decimal(str(node.get("maximum", 10**12)))
    if node.get("type") == "integer":
        return max(int(low), min(int(high), value + draw(st.integers(-2, 2))))
    moved = draw(
        st.one_of(
            st.sampled_from([CENT, -CENT, Decimal("0.001"), Decimal(1), -Decimal(1)]).map(lambda d: value + d),
            st.integers(-3000, 3000).map(lambda permille: (Decimal(value) * (1000 + permille) / 1000).quantize(CENT)),
            make.number(node),
        )
    )
    return max(low, min(high, Decimal(moved)))


@st.composite
def _aid(draw: Any, make: ProfileStrategies, dates: list[dt.date]) -> dict[str, Any]:
    aid = draw(make.mapping(PROFILE_SCHEMA["$defs"]["aid"], ("aid_received",)))
    if draw(st.booleans()):  # around the windows that rules count back from an application date
        day = _years_before(draw(st.sampled_from(dates)), draw(st.integers(0, 4)))
        aid["date"] = day + DAY * draw(st.integers(-2, 2))
    return aid


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def to_json(value: Any) -> str:
    """JSON text for generated data: Decimals written exactly, dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"cannot write {value!r}")


def seed_profiles(rules: RuleSet) -> list[tuple[dict[str, Any], dt.date]]:
    """The profiles of the rule set's test cases and of the shipped examples, with their as-of dates."""
    from engine.cases.rule_cases import load_cases
    from engine.load.profile import load_profile
    from engine.load.ruleset import case_files

    seeds = Seeds()
    for path in case_files(Path(rules.root)):
        cases, _ = load_cases(path, rules)
        seeds += [(case.profile, case.as_of) for case in cases]
    for path in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        profile, diagnostics = load_profile(path)
        assert profile is not None, diagnostics
        seeds.append((profile, dt.date.fromisoformat(expected["as_of"])))
    return seeds


@cache
def shipped() -> tuple[RuleSet, RuleFacts, list[tuple[dict[str, Any], dt.date]]]:
    """The shipped rule set, what it makes interesting, and its seed profiles, worked out once."""
    from engine import load_rules

    rules = load_rules(ROOT / "rules")
    return rules, rule_facts(rules), seed_profiles(rules)


def shipped_profiles() -> st.SearchStrategy[tuple[dict[str, Any], dt.date]]:
    """Valid profiles (and as-of dates) for the shipped rule set; the rules load at the first draw."""
    return st.deferred(lambda: profiles(shipped()[1], shipped()[2]))
