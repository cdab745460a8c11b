"""Seeded random company profiles with one project, for the benchmarks.

Profiles are generated "raw", as a YAML or JSON profile file would hold them after loading
(ISO date texts, ``int`` or ``Decimal`` numbers), so they can be written to files, checked
against the schema, and completed with :func:`engine.load.completion.complete` into what the
evaluator reads. The values crowd around every boundary the rules have: the EU size
ceilings (10/50/250 AWU, EUR 2/10/43/50 million), the 25% public participation limit,
the dates on which rates, caps, themes and the de minimis regime change, the EUR 100
training minimum, the 14-day deadline, the yearly cap and the de minimis ceiling.
"""

from __future__ import annotations

import datetime as _dt
import random
from decimal import Decimal
from typing import Any

import _common  # noqa: F401  (puts the repository on sys.path when it is not installed)

KINDS = ("advice", "training", "improvement_trajectory", "development", "research", "icon", "startup")
KMO_KINDS = ("advice", "training")
THEMES = ("cybersecurity", "energy_efficiency", "other")

FIRST = _dt.date(2016, 1, 1)
LAST = _dt.date(2027, 12, 31)
BOUNDARY_DATES = [
    _dt.date.fromisoformat(d)
    for d in (
        "2016-03-31",
        "2016-04-01",
        "2019-11-30",
        "2019-12-01",
        "2019-12-31",
        "2020-01-01",
        "2020-02-29",
        "2021-09-13",
        "2021-09-14",
        "2022-12-31",
        "2023-01-01",
        "2023-12-31",
        "2024-01-01",
        "2024-02-29",
        "2024-10-18",
        "2025-03-01",
        "2026-01-31",
        "2026-02-01",
        "2027-12-31",
    )
]
ELIGIBLE_FORMS = (
    "bv",
    "nv",
    "cv",
    "vof",
    "commv",
    "esv",
    "se",
    "sce",
    "sole_trader",
    "liberal_profession",
    "foreign_company",
)
OTHER_FORMS = ("vzw", "ivzw", "stichting", "public_body", "maatschap", "feitelijke_vereniging")
COMPANY_FORMS = ("nv", "bv", "cv", "vof", "commv", "esv", "se", "sce")

AWU_NEAR = (
    0,
    1,
    5,
    9,
    Decimal("9.5"),
    10,
    Decimal("10.5"),
    12,
    30,
    49,
    Decimal("49.75"),
    50,
    51,
    120,
    249,
    Decimal("249.5"),
    250,
    251,
    400,
)
EURO_CEILINGS = (2_000_000, 10_000_000, 43_000_000, 50_000_000)


def years_before(day: _dt.date, years: int) -> _dt.date:
    """The same month and day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class Generator:
    """Makes raw one-project profiles; the same seed gives the same profiles."""

    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.count = 0

    # -- small pieces ---------------------------------------------------------------------------
    def day(self, first: _dt.date = FIRST, last: _dt.date = LAST) -> _dt.date:
        rng = self.rng
        if rng.random() < 0.3:
            inside = [d for d in BOUNDARY_DATES if first <= d <= last]
            if inside:
                return rng.choice(inside)
        return first + _dt.timedelta(days=rng.randrange((last - first).days + 1))

    def awu(self) -> int | Decimal:
        rng = self.rng
        return rng.choice(AWU_NEAR) if rng.random() < 0.6 else rng.randrange(0, 300)

    def euro(self, high: int = 60_000_000) -> int | Decimal:
        rng = self.rng
        if rng.random() < 0.5:
            return max(0, rng.choice(EURO_CEILINGS) + rng.choice((-1, 0, 0, 1, Decimal("0.01"))))
        return rng.randrange(0, high)

    def money(self, low: int, high: int) -> int | Decimal:
        rng = self.rng
        if rng.random() < 0.5:
            return rng.randrange(low, high + 1)
        return Decimal(rng.randrange(low * 100, high * 100 + 1)) / 100

    def figures(self) -> dict[str, Any]:
        return {"employees": self.awu(), "turnover": self.euro(), "balance_sheet_total": self.euro()}

    # -- the company ----------------------------------------------------------------------------
    def company(self, founded: _dt.date = _dt.date(2000, 1, 1)) -> dict[str, Any]:
        rng = self.rng
        company: dict[str, Any] = {
            "name": f"Company {self.count}",
            "legal_form": rng.choice(ELIGIBLE_FORMS) if rng.random() < 0.92 else rng.choice(OTHER_FORMS),
            "founded": founded.isoformat(),
            "region": "flanders" if rng.random() < 0.95 else rng.choice(("brussels", "wallonia", "abroad")),
            **self.figures(),
        }
        if rng.random() < 0.6:  # small companies are common: keep the thresholds near 10 and 50 busy
            company["employees"] = rng.choice((1, 3, 8, 9, 10, 11, 40, 49, 50))
            company["turnover"] = rng.randrange(0, 12_000_000)
            company["balance_sheet_total"] = rng.randrange(0, 12_000_000)
        if rng.random() < 0.25:
            company["previous_year"] = self.figures()
        if rng.random() < 0.3:
            company["partner_enterprises"] = [
                {
                    "share": rng.choice((25, 30, Decimal("33.33"), 40, 50)),
                    "employees": rng.randrange(0, 120),
                    "turnover": rng.randrange(0, 15_000_000),
                    "balance_sheet_total": rng.randrange(0, 15_000_000),
                }
                for _ in range(rng.randint(1, 2))
            ]
        if rng.random() < 0.25:
            company["linked_enterprises"] = [
                {
                    "employees": rng.randrange(0, 60),
                    "turnover": rng.randrange(0, 8_000_000),
                    "balance_sheet_total": rng.randrange(0, 8_000_000),
                }
                for _ in range(rng.randint(1, 2))
            ]
        if rng.random() < 0.3:
            company["public_participation"] = rng.choice((0, 10, Decimal("24.99"), 25, 40))
        return company

    def aid(self, day: _dt.date, kmo_cap_pressure: bool = True) -> list[dict[str, Any]]:
        """0 to 4 grants around ``day``: kmo-portefeuille in the same year, big de minimis grants near the ceiling,
        grants just inside and outside the de minimis windows, non-de-minimis aid, and aid dated after ``day``."""
        rng = self.rng
        entries: list[dict[str, Any]] = []
        year_start = day.replace(month=1, day=1)
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4))):
            what = rng.random()
            if what < 0.4 and kmo_cap_pressure:  # kmo-portefeuille aid this year (or last December)
                when = year_start + _dt.timedelta(days=rng.randrange((day - year_start).days + 1))
                if rng.random() < 0.15:
                    when = year_start - _dt.timedelta(days=1)
                amount = rng.choice((500, 2000, 5000, 7000, Decimal("7499.99"), 7500, 9000, self.money(1, 15000)))
                entries.append({"date": when.isoformat(), "amount": amount, "measure": "kmo-portefeuille"})
            elif what < 0.7:  # a big de minimis grant on a window edge
                edge = rng.choice(
                    (
                        years_before(day, 3),
                        years_before(day, 3) + _dt.timedelta(days=1),
                        years_before(day, 2).replace(month=1, day=1),
                        years_before(day, 2).replace(month=1, day=1) - _dt.timedelta(days=1),
                        day,
                        day - _dt.timedelta(days=rng.randrange(1, 1200)),
                    )
                )
                amount = rng.choice((190_000, 195_500, 199_000, 290_000, 296_000, 299_000, self.money(1000, 300_000)))
                entries.append(
                    {
                        "date": edge.isoformat(),
                        "amount": amount,
                        "measure": rng.choice(("kmo-groeisubsidie", "other-aid", "ecologiepremie")),
                    }
                )
            elif what < 0.85:  # not de minimis, or without a measure
                entry: dict[str, Any] = {
                    "date": (day - _dt.timedelta(days=rng.randrange(0, 900))).isoformat(),
                    "amount": self.money(100, 250_000),
                }
                if rng.random() < 0.5:
                    entry["de_minimis"] = False
                    entry["measure"] = rng.choice(("kmo-portefeuille", "ontwikkelingsproject"))
                entries.append(entry)
            else:  # after the application date: must not count (D16)
                later = day + _dt.timedelta(days=rng.randrange(1, 200))
                entries.append(
                    {
                        "date": later.isoformat(),
                        "amount": self.money(1000, 300_000),
                        "measure": rng.choice(("kmo-portefeuille", "other-aid")),
                    }
                )
        return entries

    # -- projects -------------------------------------------------------------------------------
    def project(self, kind: str, day: _dt.date) -> dict[str, Any]:
        rng = self.rng
        project: dict[str, Any] = {
            "id": "p1",
            "kind": kind,
            "theme": rng.choice(THEMES),
            "application_date": day.isoformat(),
        }
        if kind in KMO_KINDS:
            if rng.random() < 0.1:
                project["cost"] = rng.choice((50, Decimal("99.99"), 100, Decimal("100.01")))
            else:
                project["cost"] = self.money(100, 60_000)
            project["provider_registered"] = rng.random() < 0.92
            if rng.random() < 0.7:
                project["start_date"] = (day - _dt.timedelta(days=rng.randint(-5, 16))).isoformat()
        elif kind == "improvement_trajectory":
            project["cost"] = rng.choice((8500, 9200, 15000, 25000, 35000, 50000, self.money(5000, 60_000)))
            project["provider_framework_contract"] = rng.random() < 0.9
            project["package"] = rng.choice(("start", "medium", "plus"))
        elif kind in ("development", "research", "icon"):
            project["cost"] = self.money(20_000, 8_000_000)
            project["collaboration"] = rng.random() < 0.4
            if kind == "research" and rng.random() < 0.6:
                project["development_cost"] = rng.randrange(0, int(project["cost"]) + 1)
            if kind == "icon":
                project["theme"] = "cybersecurity" if rng.random() < 0.8 else project["theme"]
                project["consortium"] = {
                    "research_organisation": rng.random() < 0.85,
                    "independent_companies": rng.randint(1, 6),
                }
        return project

    def profile(self, kind: str) -> dict[str, Any]:
        """A raw profile with one project of ``kind``."""
        rng = self.rng
        self.count += 1
        day = self.day() if kind in KMO_KINDS else self.day(_dt.date(2021, 1, 1))
        if kind == "startup":
            founded = day - _dt.timedelta(days=rng.choice((0, 200, 700, 730, 731, 1000, 1095, 1096, 1500)))
            company = self.company(founded)
            if rng.random() < 0.8:
                company["legal_form"] = rng.choice(COMPANY_FORMS)
        else:
            company = self.company()
        if kind in ("improvement_trajectory", "development", "research", "icon"):
            for key in ("negative_equity", "in_difficulty"):
                if rng.random() < 0.1:
                    company[key] = True
            if rng.random() < 0.2:
                company["maatwerkbedrijf"] = True
            if rng.random() < 0.3:
                company["nis2_sector"] = rng.choice(("health", "energy", "manufacturing", "dns_service"))
        aid = self.aid(day)
        if kind in ("improvement_trajectory", "startup") and rng.random() < 0.3:
            measure = (
                "cybersecurity-verbetertraject" if kind == "improvement_trajectory" else "innovatieve-starterssteun"
            )
            aid.append(
                {
                    "date": (day - _dt.timedelta(days=rng.randrange(1, 2000))).isoformat(),
                    "amount": 20000,
                    "measure": measure,
                }
            )
        profile: dict[str, Any] = {"company": company, "projects": [self.project(kind, day)]}
        if aid:
            profile["aid_received"] = aid
        return profile

    def kmo_profiles(self, count: int) -> list[dict[str, Any]]:
        return [self.profile(self.rng.choice(KMO_KINDS)) for _ in range(count)]

    def mixed_profiles(self, count: int) -> list[dict[str, Any]]:
        return [self.profile(KINDS[i % len(KINDS)]) for i in range(count)]


def completed(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The profiles as the evaluator reads them: defaults filled in, date texts turned into dates."""
    from engine.load.completion import complete

    return [complete(profile, "profile") for profile in raw]


def plain(value: Any) -> Any:
    """A JSON-ready copy: Decimals become floats (exact for these values), dates ISO texts."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def schema_errors(raw: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """Check profiles the way 'subsidie evaluate' does (schema and extra checks); returns (index, first problem)."""
    import json

    from engine.load.profile import parse_profile

    problems = []
    for i, profile in enumerate(raw):
        data, diagnostics = parse_profile(json.dumps(plain(profile)), f"generated-{i}.json")
        if data is None:
            problems.append((i, str(diagnostics[0]) if diagnostics else "rejected"))
    return problems
