"""Benchmark 1: one decision, the shipped kmo-portefeuille over one-project profiles.

Four implementations of the same decision -- company size from the EU thresholds (with
partner and linked enterprises, public participation and the previous year), the rate by
application date, kind and theme, the yearly cap from the aid history, the de minimis
ceiling, decisions D1-D4, D6, D12, D14 of docs/decisions.md -- timed over the same profiles:

- ``hand``: :func:`kmo_decision`, plain Python with Decimal, written from the decisions (the baseline);
- ``engine``: ``Evaluator(rules).evaluate(profile, as_of, explain=False)`` on the shipped rule set;
- ``zen-engine``: a JDM graph of decision tables (size, rate, cap, de minimis) and expression
  nodes, built in code and loaded once;
- ``simpleeval``: the expressions of the rule files, parsed once, evaluated with
  ``EvalWithCompoundTypes`` over names from the profile, with the same glue as the engine.

Before timing, the engine and the hand-written function must agree on status, rate and amount
(to the cent) on 10,000 random profiles; zen-engine and simpleeval are checked the same way on a
sample. The first disagreement is printed with its profile and fails the benchmark.
"""

from __future__ import annotations

import ast
import datetime as _dt
import itertools
import json
import re
import sys
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from _common import Result, Row, Target, main, one_core, timed_rounds
from instructions import per_unit
from profiles import Generator, completed, plain

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
AS_OF = _dt.date(2026, 1, 1)  # never read: every generated project gives its application date
Decision = tuple[str, Decimal | None, Decimal | None]


# ---------------------------------------------------------------------------------------------
# The baseline: the decision written by hand, straight from the decisions (docs/decisions.md).
# ---------------------------------------------------------------------------------------------

D = _dt.date
KMO_START = D(2016, 4, 1)
RATES_2019 = D(2019, 12, 1)
CAP_2020 = D(2020, 1, 1)
CYBER_RAISED = D(2021, 9, 14)  # D1
ENERGY_RAISED = D(2023, 1, 1)  # D3 (assumption)
ADVICE_CYBER_ONLY = D(2026, 2, 1)  # D3
DE_MINIMIS_2024 = D(2024, 1, 1)  # D6
EXCLUDED_FORMS = frozenset(("vzw", "ivzw", "stichting", "public_body", "maatschap", "feitelijke_vereniging"))


def _category(employees: Any, turnover: Any, balance: Any) -> str:
    """Recommendation 2003/361: headcount is mandatory, turnover OR balance sheet may be met."""
    if employees >= 250 or (turnover > 50_000_000 and balance > 43_000_000):
        return "large"
    if employees >= 50 or (turnover > 10_000_000 and balance > 10_000_000):
        return "medium"
    if employees >= 10 or (turnover > 2_000_000 and balance > 2_000_000):
        return "small"
    return "micro"


def company_size(company: dict[str, Any]) -> str:
    """D12: public participation of 25% or more is large; else the previous year's category when given
    (its figures are already aggregated), else the latest year's with partners by share and linked in full."""
    if company.get("public_participation", 0) >= 25:
        return "large"
    previous = company.get("previous_year")
    if previous is not None:
        return _category(previous["employees"], previous["turnover"], previous["balance_sheet_total"])
    totals = []
    for key in ("employees", "turnover", "balance_sheet_total"):
        total = Decimal(company[key])
        for partner in company.get("partner_enterprises", ()):
            total += Decimal(partner[key]) * Decimal(partner["share"]) / 100
        for linked in company.get("linked_enterprises", ()):
            total += linked[key]
        totals.append(total)
    return _category(*totals)


def kmo_rate(day: _dt.date, kind: str, theme: str, size: str) -> int:
    """D1, D3: 40/30 until 2019-11-30, then 30/20; 45/35 for cybersecurity from 2021-09-14 and for
    energy-efficiency training from 2023-01-01. Micro counts as small."""
    small = size in ("micro", "small")
    if day < RATES_2019:
        return 40 if small else 30
    raised = day >= CYBER_RAISED and (
        theme == "cybersecurity" or (theme == "energy_efficiency" and kind == "training" and day >= ENERGY_RAISED)
    )
    if raised:
        return 45 if small else 35
    return 30 if small else 20


def yearly_cap(day: _dt.date, size: str) -> int:
    """D3: EUR 10,000 small / 15,000 medium until 2019; EUR 7,500 from 2020-01-01."""
    if day < CAP_2020:
        return 10_000 if size in ("micro", "small") else 15_000
    return 7_500


def _years_before(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February (D16)
        return day.replace(year=day.year - years, day=28)


def kmo_decision(profile: dict[str, Any]) -> Decision:
    """The kmo-portefeuille decision for a completed one-project profile: (status, rate, amount).

    Mirrors the engine's outcome conventions: a failed condition before the amount gives
    ('not_eligible', None, 0.00); a cap that leaves nothing (even for an amount of 0) or a breached
    de minimis ceiling gives ('not_eligible', rate, 0.00). The profile must give every fact the
    rules read (the generated ones do); unknown facts are not modelled here.
    """
    company = profile["company"]
    project = profile["projects"][0]
    day = project["application_date"]
    if day < KMO_START:  # the measure does not exist yet
        return "not_eligible", None, ZERO
    kind, theme, cost = project["kind"], project["theme"], project["cost"]
    size = company_size(company)
    start = project.get("start_date")
    if not (
        company["region"] == "flanders"  # D15
        and size != "large"  # SMEs only
        and company["legal_form"] not in EXCLUDED_FORMS
        and project["provider_registered"] is True
        and (kind == "training" or day < ADVICE_CYBER_ONLY or theme == "cybersecurity")
        and (kind != "training" or cost >= 100)
        and (start is None or (day - start).days <= 14)
    ):  # D4
        return "not_eligible", None, ZERO
    rate = kmo_rate(day, kind, theme, size)
    amount = (Decimal(rate) * Decimal(cost) / 100).quantize(CENT, rounding=ROUND_HALF_UP)  # D14: once
    # D2, D16: kmo-portefeuille aid from 1 January up to the application date
    year_start = day.replace(month=1, day=1)
    used = sum(
        (
            a["amount"]
            for a in profile.get("aid_received", ())
            if a.get("measure") == "kmo-portefeuille" and year_start <= a["date"] <= day
        ),
        Decimal(0),
    )
    limit = (yearly_cap(day, size) - used).quantize(CENT, rounding=ROUND_HALF_UP)
    if limit <= 0:  # D14: the cap leaves nothing, whatever the amount
        return "not_eligible", Decimal(rate), ZERO
    amount = min(amount, limit)
    # D6: the de minimis window and ceiling, all or nothing
    if day < DE_MINIMIS_2024:
        ceiling, first = 200_000, _years_before(day, 2).replace(month=1, day=1)
    else:
        ceiling, first = 300_000, _years_before(day, 3) + _dt.timedelta(days=1)
    de_minimis = sum(
        (
            a["amount"]
            for a in profile.get("aid_received", ())
            if a.get("de_minimis", True) and first <= a["date"] <= day
        ),
        Decimal(0),
    )
    if de_minimis + amount > ceiling:
        return "not_eligible", Decimal(rate), ZERO
    return "eligible", Decimal(rate), amount


# ---------------------------------------------------------------------------------------------
# The engine.
# ---------------------------------------------------------------------------------------------


def make_engine() -> Callable[[dict[str, Any]], Decision]:
    from engine.evaluate.evaluator import Evaluator
    from engine.load.ruleset import load_rules
    from engine.resources import rules_dir

    evaluate = Evaluator(load_rules(rules_dir())).evaluate

    def decide(profile: dict[str, Any]) -> Decision:
        result = evaluate(profile, AS_OF, explain=False).results[0]
        return result.status, result.rate, result.amount

    def checked(profile: dict[str, Any]) -> Decision:
        results = evaluate(profile, AS_OF, explain=False).results
        if len(results) != 1 or results[0].measure.id != "kmo-portefeuille":
            raise AssertionError(f"expected one kmo-portefeuille result, got {[r.measure.id for r in results]}")
        return decide(profile)

    decide.checked = checked  # type: ignore[attr-defined]
    return decide


# ---------------------------------------------------------------------------------------------
# zen-engine: the same decision as a JDM graph of decision tables.
# ---------------------------------------------------------------------------------------------


def _node(node_id: str, kind: str, content: dict[str, Any], x: int) -> dict[str, Any]:
    return {"id": node_id, "type": kind, "name": node_id, "position": {"x": x, "y": 100}, "content": content}


def _table(
    node_id: str, x: int, inputs: list[tuple[str, str]], outputs: list[str], rules: list[tuple[list[str], list[str]]]
) -> dict[str, Any]:
    """A first-hit decision table: ``inputs`` (id, field), ``rules`` ([input cells], [output values])."""
    return _node(
        node_id,
        "decisionTableNode",
        {
            "hitPolicy": "first",
            "passThrough": True,
            "inputField": None,
            "outputPath": None,
            "executionMode": "single",
            "inputs": [{"id": i, "name": i, "field": field} for i, field in inputs],
            "outputs": [{"id": o, "name": o, "field": o} for o in outputs],
            "rules": [
                {"_id": f"{node_id}-{n}", **dict(zip([i for i, _ in inputs], cells)), **dict(zip(outputs, values))}
                for n, (cells, values) in enumerate(rules)
            ],
        },
        x,
    )


def _expressions(node_id: str, x: int, pairs: list[tuple[str, str]], pass_through: bool) -> dict[str, Any]:
    return _node(
        node_id,
        "expressionNode",
        {
            "expressions": [{"id": f"{node_id}-{key}", "key": key, "value": value} for key, value in pairs],
            "passThrough": pass_through,
            "inputField": None,
            "outputPath": None,
            "executionMode": "single",
        },
        x,
    )


APP = "d(project.application_date)"
SMALL = "'micro', 'small'"


def jdm_graph() -> dict[str, Any]:
    """The JDM graph: input -> figures -> size table -> rate table -> cap table -> de minimis table -> decision."""
    figures = _expressions(
        "figures",
        200,
        [
            ("key", f"{APP}.year() * 10000 + {APP}.month() * 100 + {APP}.day()"),  # YYYYMMDD for the tables
            (
                "emp_total",
                "company.employees + sum(map(company.partner_enterprises, #.employees * #.share / 100))"
                " + sum(map(company.linked_enterprises, #.employees))",
            ),
            (
                "turnover_total",
                "company.turnover + sum(map(company.partner_enterprises, #.turnover * #.share / 100))"
                " + sum(map(company.linked_enterprises, #.turnover))",
            ),
            (
                "balance_total",
                "company.balance_sheet_total"
                " + sum(map(company.partner_enterprises, #.balance_sheet_total * #.share / 100))"
                " + sum(map(company.linked_enterprises, #.balance_sheet_total))",
            ),
            ("fig_emp", "company.previous_year != null ? company.previous_year.employees : $.emp_total"),
            ("fig_turnover", "company.previous_year != null ? company.previous_year.turnover : $.turnover_total"),
            (
                "fig_balance",
                "company.previous_year != null ? company.previous_year.balance_sheet_total : $.balance_total",
            ),
        ],
        True,
    )
    size = _table(
        "size",
        400,
        [("pub", "company.public_participation"), ("emp", "fig_emp"), ("tur", "fig_turnover"), ("bal", "fig_balance")],
        ["size"],
        [
            ([">= 25", "", "", ""], ["'large'"]),
            (["", ">= 250", "", ""], ["'large'"]),
            (["", "", "> 50000000", "> 43000000"], ["'large'"]),
            (["", ">= 50", "", ""], ["'medium'"]),
            (["", "", "> 10000000", "> 10000000"], ["'medium'"]),
            (["", ">= 10", "", ""], ["'small'"]),
            (["", "", "> 2000000", "> 2000000"], ["'small'"]),
            (["", "", "", ""], ["'micro'"]),
        ],
    )
    rate = _table(
        "rate",
        600,
        [("day", "key"), ("kind", "project.kind"), ("theme", "project.theme"), ("sz", "size")],
        ["rate"],
        [
            (["[20160401..20191201)", "", "", SMALL], ["40"]),
            (["[20160401..20191201)", "", "", "'medium'"], ["30"]),
            (["[20191201..20210914)", "", "", SMALL], ["30"]),
            (["[20191201..20210914)", "", "", "'medium'"], ["20"]),
            ([">= 20210914", "", "'cybersecurity'", SMALL], ["45"]),
            ([">= 20210914", "", "'cybersecurity'", "'medium'"], ["35"]),
            ([">= 20230101", "'training'", "'energy_efficiency'", SMALL], ["45"]),
            ([">= 20230101", "'training'", "'energy_efficiency'", "'medium'"], ["35"]),
            ([">= 20210914", "", "", SMALL], ["30"]),
            ([">= 20210914", "", "", "'medium'"], ["20"]),
        ],
    )
    cap = _table(
        "cap",
        800,
        [("day", "key"), ("sz", "size")],
        ["yearly_cap"],
        [
            (["[20160401..20200101)", SMALL], ["10000"]),
            (["[20160401..20200101)", "'medium'"], ["15000"]),
            ([">= 20200101", "'micro', 'small', 'medium'"], ["7500"]),
        ],
    )
    de_minimis = _table(
        "deminimis",
        1000,
        [("day", "key")],
        ["ceiling", "rolling"],
        [
            (["< 20240101"], ["200000", "false"]),
            ([">= 20240101"], ["300000", "true"]),
        ],
    )
    decision = _expressions(
        "decision",
        1200,
        [
            (
                "pre_ok",
                "key >= 20160401 and company.region == 'flanders' and size != 'large'"
                " and not (company.legal_form in ['vzw', 'ivzw', 'stichting', 'public_body', 'maatschap',"
                " 'feitelijke_vereniging']) and project.provider_registered == true"
                " and (project.kind == 'training' or project.theme == 'cybersecurity' or key < 20260201)"
                " and (project.kind != 'training' or project.cost >= 100)"
                f" and (project.start_date == null or {APP} <= d(project.start_date).add(14, 'd'))",
            ),
            ("base_amount", "$.pre_ok ? round(rate * project.cost / 100, 2) : 0"),
            (
                "kmo_used",
                f"$.pre_ok ? sum(map(filter(aid_received, #.measure == 'kmo-portefeuille'"
                f" and d(#.date) >= {APP}.startOf('year') and d(#.date) <= {APP}), #.amount)) : 0",
            ),
            ("limit", "$.pre_ok ? round(yearly_cap - $.kmo_used, 2) : 0"),
            ("binds", "$.base_amount > $.limit"),
            ("amount", "$.binds ? max([$.limit, 0]) : $.base_amount"),
            ("cap_ok", "$.limit > 0"),
            # 29 February: .sub(3, 'y') gives an invalid date in zen; 36 months clamps to 28 February (D16)
            ("window_start", f"rolling ? {APP}.sub(36, 'M').add(1, 'd') : {APP}.startOf('year').sub(2, 'y')"),
            (
                "dm_used",
                f"$.pre_ok ? sum(map(filter(aid_received, #.de_minimis and d(#.date) >= d($.window_start)"
                f" and d(#.date) <= {APP}), #.amount)) : 0",
            ),
            ("dm_ok", "$.dm_used + $.amount <= ceiling"),
            ("status", "$.pre_ok and $.cap_ok and $.dm_ok ? 'eligible' : 'not_eligible'"),
            ("out_rate", "$.pre_ok ? rate : null"),
            ("out_amount", "$.status == 'eligible' ? $.amount : 0"),
        ],
        False,
    )
    nodes = [
        _node("input", "inputNode", {"schema": ""}, 0),
        figures,
        size,
        rate,
        cap,
        de_minimis,
        decision,
        _node("output", "outputNode", {"schema": ""}, 1400),
    ]
    edges = [
        {"id": f"e{i}", "sourceId": a["id"], "targetId": b["id"], "type": "edge"}
        for i, (a, b) in enumerate(itertools.pairwise(nodes))
    ]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


def zen_input(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile as zen-engine takes it: JSON types only (dates as texts, Decimals as floats),
    with the optional keys the graph reads spelled out as null / [] / 0."""
    data = plain(profile)
    company = data["company"]
    company.setdefault("previous_year", None)
    company.setdefault("partner_enterprises", [])
    company.setdefault("linked_enterprises", [])
    company.setdefault("public_participation", 0)
    data["projects"][0].setdefault("start_date", None)
    for aid in data.setdefault("aid_received", []):
        aid.setdefault("measure", None)
        aid.setdefault("de_minimis", True)
    return {"company": company, "project": data["projects"][0], "aid_received": data["aid_received"]}


def make_zen() -> Callable[[dict[str, Any]], Decision]:
    """The decision on a prepared zen input (see :func:`zen_input`); the graph is built and loaded once.

    The graph is served by a static loader and evaluated by key: in zen-engine 2.1 that is
    about 4x faster per call from Python than ``create_decision(...).evaluate``.
    """
    import zen

    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"kmo": jdm_graph()}}})

    def decide(prepared: dict[str, Any]) -> Decision:
        out = engine.evaluate("kmo", prepared)["result"]
        rate = out.get("out_rate")  # a null value is left out of the output
        return (
            out["status"],
            None if rate is None else Decimal(repr(rate)),
            Decimal(repr(out["out_amount"])).quantize(CENT),
        )

    return decide


# ---------------------------------------------------------------------------------------------
# simpleeval: the expressions of the rule files, parsed once.
# ---------------------------------------------------------------------------------------------


class _Names(dict):
    """The names an expression reads: profile parts and parameters; facts computed on first read."""

    __slots__ = ("owner",)

    def __missing__(self, name: str) -> Any:
        owner = self.owner
        fact = owner.facts.get(name)
        if fact is None:
            raise KeyError(name)
        value = self[name] = owner.evaluator.eval(fact[0], fact[1])
        return value


class SimpleevalKmo:
    """kmo-portefeuille with simpleeval: the rule files' expression texts, with the engine's glue in Python."""

    def __init__(self, rules: Path):
        import yaml
        from simpleeval import EvalWithCompoundTypes

        documents = [
            yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((rules / "facts").glob("*.yaml"))
            if not p.name.endswith(".cases.yaml")
        ]
        measure = yaml.safe_load((rules / "kmo-portefeuille.yaml").read_text(encoding="utf-8"))
        parse = EvalWithCompoundTypes.parse
        self.parameters: dict[str, list[tuple[_dt.date, Any]]] = {}
        self.facts: dict[str, tuple[str, Any]] = {}
        shared: dict[str, dict[str, Any]] = {}
        for document in documents + [measure]:
            for name, parameter in (document.get("parameters") or {}).items():
                self.parameters[name] = sorted((v["from"], _decimals(v["value"])) for v in parameter["values"])
            for name, fact in (document.get("facts") or {}).items():
                source = _given(fact["expression"])
                self.facts[name] = (source, parse(source))
            if document is not measure:
                for condition in document.get("conditions") or ():
                    shared[condition["id"]] = condition
        self.valid_from: _dt.date = measure["valid_from"]
        self.before: list[tuple[str, str, Any]] = []  # conditions that do not read the amount
        self.after: list[tuple[str, str, Any]] = []  # conditions that do (de minimis)
        for condition in measure["conditions"]:
            condition = shared[condition["use"]] if "use" in condition else condition
            source = _given(condition["when"])
            parsed = parse(source)
            reads_amount = any(isinstance(n, ast.Name) and n.id == "amount" for n in ast.walk(parsed))
            (self.after if reads_amount else self.before).append((condition["id"], source, parsed))
        amount = measure["amount"]
        self.rate = (amount["rate"], parse(amount["rate"]))
        self.base = (amount["base"], parse(amount["base"]))
        self.caps = [(cap["id"], cap["amount"], parse(cap["amount"])) for cap in amount.get("caps", ())]
        self._by_day: dict[_dt.date, dict[str, Any]] = {}
        self.ledger: list[dict[str, Any]] = []
        self.names = _Names()
        functions = {
            "min": min,
            "max": max,
            "add_days": lambda day, days: day + _dt.timedelta(days=int(days)),
            "year_start": lambda day: day.replace(month=1, day=1),
            "years_before": _years_before_any,
            "sum_of": _sum_of,
            "sum_share": _sum_share,
            "aid_total": self._aid_total,
            "given": self._given,
        }
        self.evaluator = EvalWithCompoundTypes(functions=functions, names=self.names)

    def _given(self, path: str) -> bool:
        value: Any = self.names
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return value is not None

    def _aid_total(
        self, start: _dt.date, end: _dt.date, measure: str | None = None, de_minimis: bool | None = None
    ) -> Decimal:
        return sum(
            (
                a["amount"]
                for a in self.ledger
                if start <= a["date"] <= end
                and (measure is None or a.get("measure") == measure)
                and (de_minimis is None or a["de_minimis"] == de_minimis)
            ),
            Decimal(0),
        )

    def parameters_at(self, day: _dt.date) -> dict[str, Any]:
        found = self._by_day.get(day)
        if found is None:
            found = self._by_day[day] = {
                name: next(value for start, value in reversed(values) if start <= day)
                for name, values in self.parameters.items()
                if values[0][0] <= day
            }
            found.update(true=True, false=False)
        return found

    def decide(self, profile: dict[str, Any]) -> Decision:
        project = profile["projects"][0]
        day = project["application_date"]
        if day < self.valid_from:
            return "not_eligible", None, ZERO
        names = self.names
        names.clear()
        names.update(self.parameters_at(day))
        names["company"] = profile["company"]
        names["project"] = project
        names.owner = self
        self.ledger = [a for a in profile.get("aid_received", ()) if a["date"] <= day]
        evaluate = self.evaluator.eval
        if any(evaluate(source, parsed) is False for _, source, parsed in self.before):
            return "not_eligible", None, ZERO
        rate = evaluate(*self.rate)
        amount = (Decimal(rate) * Decimal(evaluate(*self.base)) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        ok = True
        for _, source, parsed in self.caps:
            limit = Decimal(evaluate(source, parsed)).quantize(CENT, rounding=ROUND_HALF_UP)
            ok = ok and limit > 0  # D14: a cap that leaves nothing fails, whatever the amount
            amount = max(min(amount, limit), ZERO)
        names["amount"] = amount
        if any(evaluate(source, parsed) is False for _, source, parsed in self.after):
            ok = False
        return ("eligible", Decimal(rate), amount) if ok else ("not_eligible", Decimal(rate), ZERO)


def _given(source: str) -> str:
    """given(a.b) -> given('a.b'): simpleeval has no special forms, so the path goes in as a text."""
    return re.sub(r"given\(\s*([A-Za-z_][\w.]*)\s*\)", r"given('\1')", " ".join(source.split()))


def _decimals(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: _decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value


def _years_before_any(day: _dt.date, years: Any) -> _dt.date:
    return _years_before(day, int(years))


def _sum_of(items: list[dict[str, Any]], field: str) -> Decimal:
    return sum((Decimal(item[field]) for item in items), Decimal(0))


def _sum_share(items: list[dict[str, Any]], field: str, share: str) -> Decimal:
    return sum((Decimal(item[field]) * Decimal(item[share]) / 100 for item in items), Decimal(0))


# ---------------------------------------------------------------------------------------------
# Agreement and timing.
# ---------------------------------------------------------------------------------------------


def _show(profile: dict[str, Any]) -> str:
    return json.dumps(plain(profile), indent=1)


def disagreement(
    name: str,
    decide: Callable[[Any], Decision],
    inputs: list[Any],
    profiles: list[dict[str, Any]],
    expected: list[Decision],
) -> str | None:
    """The first profile on which ``decide`` differs from the hand-written result (status, rate and amount), or None."""
    for i, (given, profile, want) in enumerate(zip(inputs, profiles, expected)):
        try:
            got = decide(given)
        except Exception as exc:  # noqa: BLE001 - report any crash with its profile
            message = str(exc).split("\n\nStack backtrace")[0]  # zen's errors carry a Rust backtrace
            return f"{name} raised {type(exc).__name__}: {message} on profile {i}:\n{_show(profile)}"
        same = (
            got[0] == want[0]
            and got[1] == want[1]
            and got[2] == want[2]
            and (got[2] is None or str(got[2]) == str(want[2]))
        )
        if not same:
            return (
                f"{name} disagrees with the hand-written function on profile {i}: {name} gives {got}, "
                f"hand-written {want}\n{_show(profile)}"
            )
    return None


def run(quick: bool = False) -> Result:
    """Benchmark 1: one kmo-portefeuille decision, engine vs hand-written Python vs zen-engine vs simpleeval."""
    result = Result("decision", "1. One decision: kmo-portefeuille on one-project profiles")
    checks, sample, timed, rounds = (10_000, 2_000, 500, 5) if quick else (10_000, 10_000, 2_000, 15)
    raw = Generator(seed=1).kmo_profiles(checks)
    profiles = completed(raw)
    expected = [kmo_decision(p) for p in profiles]
    statuses = {s: sum(1 for e in expected if e[0] == s) for s in ("eligible", "not_eligible")}
    capped = sum(
        1
        for p, e in zip(profiles, expected)
        if e[0] == "eligible"
        and e[2] < (Decimal(e[1]) * Decimal(p["projects"][0]["cost"]) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    )
    result.notes.append(
        f"Profiles: seed 1, {checks:,} kmo profiles (advice and training, 2016-2027): "
        f"{statuses['eligible']:,} eligible ({capped:,} of them reduced by the yearly cap), "
        f"{statuses['not_eligible']:,} not eligible."
    )

    engine = make_engine()
    problem = disagreement("engine", engine.checked, profiles, profiles, expected)  # type: ignore[attr-defined]
    if problem:
        result.failed = problem
        return result
    result.notes.append(
        f"Agreement: engine = hand-written on all {checks:,} profiles (status, rate, amount to the cent)."
    )

    implementations: dict[str, Callable[[], Any]] = {}
    timed_profiles = profiles[:timed]

    def loop(decide: Callable[[Any], Any], items: list[Any]) -> Callable[[], None]:
        def go() -> None:
            for item in items:
                decide(item)

        return go

    implementations["hand-written Python (kmo_decision)"] = loop(kmo_decision, timed_profiles)
    implementations["engine (explain=False)"] = loop(engine, timed_profiles)
    # the cost of the case split (issue 15): the same profiles without their cost, so each result is settled
    # or given its amount range over the cost's telling values; fewer profiles, the time is per decision
    split_label = "engine, cost left out (case split, explain=False)"
    counts = {split_label: SPLIT_PROFILES}
    uncosted = [_without_cost(p) for p in timed_profiles[:SPLIT_PROFILES]]
    implementations[split_label] = loop(engine, uncosted)

    try:
        zen_decide = make_zen()
    except ImportError:
        result.notes.append("zen-engine is not installed (pip install -e '.[bench]'): not measured.")
    else:
        prepared = [zen_input(p) for p in profiles[:sample]]
        problem = disagreement("zen-engine", zen_decide, prepared, profiles, expected)
        if problem:
            result.failed = problem
            return result
        result.notes.append(f"Agreement: zen-engine = hand-written on {sample:,} profiles.")
        implementations["zen-engine (JDM graph, input prepared)"] = loop(zen_decide, prepared[:timed])
        implementations["zen-engine (incl. profile -> JSON input)"] = loop(
            lambda p: zen_decide(zen_input(p)), timed_profiles
        )

    try:
        simple = SimpleevalKmo(Path(_rules_dir()))
    except ImportError:
        result.notes.append("simpleeval is not installed (pip install -e '.[bench]'): not measured.")
    else:
        problem = disagreement("simpleeval", simple.decide, profiles[:sample], profiles, expected)
        if problem:
            result.failed = problem
            return result
        result.notes.append(f"Agreement: simpleeval = hand-written on {sample:,} profiles.")
        implementations["simpleeval (rule-file expressions, parsed once)"] = loop(simple.decide, timed_profiles)

    for function in implementations.values():  # warm up caches (parameters per date, zen's compiled graph)
        function()
    with one_core() as pinned:
        times = timed_rounds(implementations, rounds)
    for name, samples in times.items():
        result.rows.append(
            Row(
                name,
                [s / counts.get(name, timed) * 1e6 for s in samples],
                "us/decision",
                baseline=name.startswith("hand-written"),
            )
        )
    result.notes.append(
        f"The case split's row decides the first {SPLIT_PROFILES} of them without their cost: every completion "
        "of the cost's telling values is evaluated (and a status's turn bisected), so it measures what an "
        "absent fact costs; profiles with every fact never split."
    )
    result.notes.append(
        f"Each run decides the same {timed:,} profiles once per implementation, interleaved; "
        f"{rounds} runs; garbage collector off while timing; {pinned}."
    )

    by_label = {row.label: row for row in result.rows}
    engine_row = by_label["engine (explain=False)"]
    ratio = result.ratio(engine_row)
    counted = None if quick else per_unit("decision", 500)
    result.targets.append(
        Target(
            "engine at most 2.0x the hand-written function",
            ratio is not None and ratio <= 2.0,
            f"{ratio:.2f}x" if ratio else "",
            goal="decision",
            measured=ratio,
            limit=2.0,
            instructions=(
                f"{counted['decision-engine'] / 1000:,.0f}k vs {counted['decision-hand'] / 1000:,.0f}k instructions "
                f"a decision ({counted['decision-engine'] / counted['decision-hand']:.2f}x; callgrind, 500 profiles)"
                if counted
                else ""
            ),
        )
    )
    for label, short in (
        ("zen-engine (JDM graph, input prepared)", "zen-engine"),
        ("simpleeval (rule-file expressions, parsed once)", "simpleeval"),
    ):
        other = by_label.get(label)
        if other is None:
            result.targets.append(Target(f"engine faster than {short}", None, "not installed"))
        else:
            result.targets.append(
                Target(
                    f"engine faster than {short}",
                    engine_row.median < other.median,
                    f"{engine_row.median:.1f} vs {other.median:.1f} us",
                )
            )
    return result


SPLIT_PROFILES = 50


def _without_cost(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile without its project's cost."""
    project = {k: v for k, v in profile["projects"][0].items() if k != "cost"}
    return {**profile, "projects": [project]}


def _rules_dir() -> str:
    from engine.resources import rules_dir

    return str(rules_dir())


if __name__ == "__main__":
    sys.exit(main(run))
