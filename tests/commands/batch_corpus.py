"""A large, deterministic batch input for the resilience tests: good rows with 1% corrupt rows.

:class:`Corpus` stands for ``count`` one-project company profiles (every kind of project,
companies with and without the facts the rules need, aid histories, enterprise numbers, quoted
and non-ASCII names), ``count // 100`` of them corrupt, at seeded places, with the damage a real
file suffers. In CSV: a number with a unit, a number with a thousands separator, a value outside
an enumeration, truncated JSON in a cell, an unquoted separator (one cell too many), a wrong
enterprise number check digit, an application before the company was founded, a byte that is
not UTF-8, an impossible date, a negative amount, a missing required value, a JSON object where
a list belongs, a word for a boolean. In JSONL: a truncated line, a byte that is not UTF-8, a
lone surrogate escape, a number as text, NaN, a misspelt or repeated key, a list for a profile,
and the same schema and cross-field damage as in CSV. Each corrupt row has exactly one problem;
the writers return the exact message ``subsidie batch`` must give for it.

The rows are generated again on each pass from the seed (holding 100,000 of them would take
150 MB), so the whole input, the good rows alone and the JSONL form are the same profiles.
Nothing here reads the engine's output: the expectations are the generator's own.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

COLUMNS = (
    "project.id",
    "company.name",
    "company.enterprise_number",
    "company.legal_form",
    "company.founded",
    "company.region",
    "company.employees",
    "company.turnover",
    "company.balance_sheet_total",
    "company.partner_enterprises",
    "company.public_participation",
    "company.nis2_sector",
    "project.kind",
    "project.theme",
    "project.cost",
    "project.application_date",
    "project.start_date",
    "project.provider_registered",
    "project.provider_framework_contract",
    "project.package",
    "project.collaboration",
    "project.development_cost",
    "project.consortium.research_organisation",
    "project.consortium.independent_companies",
    "aid_received",
)
NUMBER_COLUMNS = (
    "company.employees",
    "company.turnover",
    "company.balance_sheet_total",
    "company.public_participation",
    "project.cost",
    "project.development_cost",
    "project.consortium.independent_companies",
)
BOOLEAN_COLUMNS = (
    "project.provider_registered",
    "project.provider_framework_contract",
    "project.collaboration",
    "project.consortium.research_organisation",
)
JSON_COLUMNS = ("company.partner_enterprises", "aid_received")
LEGAL_FORMS = (
    "nv",
    "bv",
    "cv",
    "vof",
    "commv",
    "esv",
    "se",
    "sce",
    "vzw",
    "ivzw",
    "stichting",
    "sole_trader",
    "liberal_profession",
    "maatschap",
    "feitelijke_vereniging",
    "public_body",
    "foreign_company",
)
REGIONS = ("flanders", "brussels", "wallonia", "abroad")
KINDS = ("advice", "training", "improvement_trajectory", "development", "research", "icon", "startup")
NUMBER_HINT = "write numbers without thousands separators or spaces, with a dot for decimals: 12500.50"
KIND_HINT = (
    "add 'kind:' to it: what kind of project it is: advice, training, improvement_trajectory, development, "
    "research, icon or startup."
)  # the schema's description of project.kind
KBO_HINT = (
    "copy the number from the KBO (Crossroads Bank for Enterprises); the last two digits are "
    "97 minus the first eight modulo 97"
)
DATE_HINT = "write dates as YYYY-MM-DD, for example 2021-09-13"
EXTRA = "+"  # the key of a cell beyond the header
NOT_UTF8 = "\ue000"  # a private-use character: stands for the byte 0xe9 until the row is encoded

Cells = dict[str, str]


@dataclass(frozen=True)
class Corpus:
    """``count`` rows from ``seed``; ``bad`` maps each corrupt row number to the index of its damage."""

    count: int = 100_000
    seed: int = 2026
    bad: dict[int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        numbers = sorted(random.Random(self.seed - 1).sample(range(1, self.count + 1), self.count // 100))
        object.__setattr__(self, "bad", {number: i for i, number in enumerate(numbers)})

    def good_numbers(self) -> list[int]:
        """The numbers of the good rows, in order."""
        return [n for n in range(1, self.count + 1) if n not in self.bad]

    def rows(self) -> Iterator[tuple[int, Cells]]:
        """Every row, good, as CSV cells (the corrupt ones before their damage)."""
        rng = random.Random(self.seed)
        for number in range(1, self.count + 1):
            yield number, good_row(rng, number)


# --------------------------------------------------------------------------- good rows


def _kbo(rng: random.Random) -> str:
    first = rng.randrange(2_000_000, 19_999_999)
    digits = f"{first:08d}{97 - first % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def _day(rng: random.Random, first: _dt.date, last: _dt.date) -> _dt.date:
    return first + _dt.timedelta(days=rng.randrange((last - first).days + 1))


def _money(rng: random.Random, low: int, high: int) -> str:
    cents = rng.randrange(low * 100, high * 100 + 1)
    return str(cents // 100) if rng.random() < 0.5 else str(Decimal(cents) / 100)


def good_row(rng: random.Random, number: int) -> Cells:
    """One valid row: a company and one project of a kind that cycles through all seven."""
    kind = KINDS[number % len(KINDS)]
    applied = _day(rng, _dt.date(2021, 1, 1), _dt.date(2026, 12, 31))
    row: Cells = dict.fromkeys(COLUMNS, "")
    row["project.id"] = "" if number % 10 == 0 else f"p{number}"  # empty: the id defaults to row-N
    row["company.name"] = rng.choice(
        (
            f"Company {number}",
            f'Bakkerij "De Zon", Gent {number}',
            f"Société Générale d'Été {number}",
            f"Ünal & Çelik {number}",
        )
    )
    if rng.random() < 0.5:
        row["company.enterprise_number"] = _kbo(rng)
    row["company.legal_form"] = (
        rng.choice(("bv", "nv", "bv", "cv", "sole_trader")) if rng.random() < 0.9 else rng.choice(LEGAL_FORMS)
    )
    if kind == "startup" or rng.random() < 0.4:
        row["company.founded"] = (applied - _dt.timedelta(days=rng.randrange(0, 4000))).isoformat()
    row["company.region"] = "flanders" if rng.random() < 0.9 else rng.choice(REGIONS)
    if rng.random() < 0.95:  # else size unknown: undetermined results
        row["company.employees"] = rng.choice(("1", "9", "10", "12", "49", "49.5", "50", "120", "250", "400"))
        row["company.turnover"] = str(rng.randrange(0, 60_000_000))
        row["company.balance_sheet_total"] = str(rng.randrange(0, 50_000_000))
    if rng.random() < 0.15:
        row["company.partner_enterprises"] = json.dumps(
            [
                {
                    "share": rng.choice((25, 30, 50)),
                    "employees": 30,
                    "turnover": 5_000_000,
                    "balance_sheet_total": 4_000_000,
                }
            ]
        )
    if rng.random() < 0.2:
        row["company.public_participation"] = rng.choice(("0", "10", "24.99", "25", "40"))
    if rng.random() < 0.2:
        row["company.nis2_sector"] = rng.choice(("health", "energy", "manufacturing"))
    row["project.kind"] = kind
    row["project.theme"] = "cybersecurity" if rng.random() < 0.8 else rng.choice(("energy_efficiency", "other"))
    row["project.application_date"] = applied.isoformat()
    if kind in ("advice", "training"):
        row["project.cost"] = _money(rng, 50, 60_000)
        row["project.provider_registered"] = rng.choice(("true", "yes", "1", "false", "TRUE"))
        if rng.random() < 0.5:
            row["project.start_date"] = (applied - _dt.timedelta(days=rng.randint(-5, 20))).isoformat()
    elif kind == "improvement_trajectory":
        row["project.cost"] = _money(rng, 5_000, 60_000)
        row["project.provider_framework_contract"] = rng.choice(("true", "false"))
        row["project.package"] = rng.choice(("start", "medium", "plus"))
    elif kind != "startup":
        row["project.cost"] = _money(rng, 20_000, 3_000_000)
        row["project.collaboration"] = rng.choice(("true", "false", ""))
        if kind == "research":
            row["project.development_cost"] = str(rng.randrange(0, 20_000))
        if kind == "icon":
            row["project.consortium.research_organisation"] = rng.choice(("true", "false"))
            row["project.consortium.independent_companies"] = str(rng.randint(1, 6))
    if rng.random() < 0.3:
        aid = [
            {
                "date": _day(rng, applied - _dt.timedelta(days=1200), applied).isoformat(),
                "amount": rng.choice((500, 2000, 7500, 150_000, 299_000)),
                "measure": rng.choice(("kmo-portefeuille", "other-aid")),
            }
            for _ in range(rng.randint(1, 3))
        ]
        row["aid_received"] = json.dumps(aid)
    return row


# --------------------------------------------------------------------------- CSV damage
# Each damage changes one cell (or adds one) and returns the exact message of the error row.


def _unit(row: Cells, rng: random.Random, number: int) -> str:
    row["project.cost"] = text = f"{rng.randrange(100, 9000)} EUR"
    return f"column 'project.cost': expected a number but found the text '{text}' (hint: {NUMBER_HINT})"


def _thousands(row: Cells, rng: random.Random, number: int) -> str:
    whole = rng.randrange(1, 999)
    small = rng.randrange(1, 999)
    row["company.turnover"] = f"{whole}.{small:03d}"
    exact = format(Decimal(f"{whole}.{small:03d}").normalize(), "f")
    return (
        f"column 'company.turnover': '{whole}.{small:03d}' is ambiguous: {whole}{small:03d} written with a "
        f"thousands separator, or {exact} with three decimals (hint: write {whole}{small:03d} or {exact}, "
        "without thousands separators)"
    )


def _enum(row: Cells, rng: random.Random, number: int) -> str:
    form, hint = rng.choice(
        (("gmbh", ""), ("b.v.", " (hint: did you mean 'bv'?)"), ("sarl", ""), ("vzw.", " (hint: did you mean 'vzw'?)"))
    )
    row["company.legal_form"] = form
    return (
        f"column 'company.legal_form': the text '{form}' is not allowed here; expected one of: "
        + ", ".join(LEGAL_FORMS)
        + hint
    )


def _truncated_json(row: Cells, rng: random.Random, number: int) -> str:
    row["aid_received"] = f'[{{"date": "2025-0{rng.randint(1, 9)}-01", "amount": {rng.randrange(1, 9000)}'
    return (
        "column 'aid_received': not valid JSON: Expecting ',' delimiter (hint: write a JSON list, for example "
        '[{"date": "2025-04-01", "amount": 2000}])'
    )


def _unquoted_separator(row: Cells, rng: random.Random, number: int) -> str:
    row[EXTRA] = rng.choice(("Janssens", "Peeters", "Maes"))  # 'Janssens, Peeters' written without quotes
    return (
        f"the row has {len(COLUMNS) + 1} cells but the header has {len(COLUMNS)} columns "
        "(hint: put texts that contain the separator in double quotes)"
    )


def _wrong_kbo(rng: random.Random) -> tuple[str, str]:
    """An enterprise number with wrong check digits, and the message about it."""
    good = _kbo(rng)
    found = (int(good[-2:]) + rng.randint(1, 50)) % 100
    kbo = f"{good[:-2]}{found:02d}"
    return kbo, (
        f"the enterprise number '{kbo}' has the wrong check digits: expected {good[-2:]}, "
        f"found {found:02d} (hint: {KBO_HINT})"
    )


def _check_digits(row: Cells, rng: random.Random, number: int) -> str:
    row["company.enterprise_number"], message = _wrong_kbo(rng)
    return f"column 'company.enterprise_number': {message}"


def _before_founded(row: Cells, rng: random.Random, number: int) -> str:
    applied = _dt.date.fromisoformat(row["project.application_date"])
    founded = applied + _dt.timedelta(days=rng.randint(1, 400))
    row["company.founded"] = founded.isoformat()
    row["project.start_date"] = ""
    return (
        f"column 'project.application_date': the application date {applied} is before the company was "
        f"founded ({founded})"
    )


def _not_utf8(row: Cells, rng: random.Random, number: int) -> str:
    row["company.name"] = f"Caf{NOT_UTF8} {rng.randrange(1000)}"
    return "column 'company.name': byte 0xe9 is not valid UTF-8 (hint: save the file as UTF-8)"


def _impossible_date(row: Cells, rng: random.Random, number: int) -> str:
    row["project.application_date"] = text = f"202{rng.randint(1, 6)}-02-3{rng.randint(0, 1)}"
    row["company.founded"] = row["project.start_date"] = ""
    return f"column 'project.application_date': the text '{text}' is not a valid date (hint: {DATE_HINT})"


def _negative(row: Cells, rng: random.Random, number: int) -> str:
    row["project.cost"] = text = f"-{rng.randrange(1, 5000)}"
    return f"column 'project.cost': must be at least 0, found {text}"


def _no_kind(row: Cells, rng: random.Random, number: int) -> str:
    row["project.kind"] = ""
    return (
        f"column 'project.kind': missing required key 'kind' in '{row['project.id'] or f'row-{number}'}' "
        f"(item 1 of 'projects') (hint: {KIND_HINT})"
    )


def _object_for_list(row: Cells, rng: random.Random, number: int) -> str:
    row["aid_received"] = json.dumps({"date": "2025-03-01", "amount": rng.randrange(1, 9000)})
    return "column 'aid_received': expected a list but found a mapping"


def _yes_no(row: Cells, rng: random.Random, number: int) -> str:
    row["project.collaboration"] = text = rng.choice(("maybe", "ja", "x"))
    return (
        f"column 'project.collaboration': expected true or false but found the text '{text}' "
        "(hint: write true or false (yes/no and 1/0 are accepted too))"
    )


CSV_DAMAGE: tuple[Callable[[Cells, random.Random, int], str], ...] = (
    _unit,
    _thousands,
    _enum,
    _truncated_json,
    _unquoted_separator,
    _check_digits,
    _before_founded,
    _not_utf8,
    _impossible_date,
    _negative,
    _no_kind,
    _object_for_list,
    _yes_no,
)


def write_csv(corpus: Corpus, path: Path, *, good_only: bool = False) -> dict[int, str]:
    """Write the header and the rows (or the good rows alone) as UTF-8 CSV, the damage included.

    Returns:
        The exact message of each corrupt row's error row, by row number.
    """
    rng = random.Random(corpus.seed + 1)
    messages = {}
    with path.open("wb") as handle:
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number, row in corpus.rows():
            damage = corpus.bad.get(number)
            if damage is not None:
                if good_only:
                    continue
                messages[number] = CSV_DAMAGE[damage % len(CSV_DAMAGE)](row, rng, number)
            writer.writerow([row[c] for c in COLUMNS] + ([row[EXTRA]] if EXTRA in row else []))
            if text.tell() > 1 << 20:
                handle.write(_encoded(text))
        handle.write(_encoded(text))
    return messages


def _encoded(text: io.StringIO) -> bytes:
    """The buffer's text in UTF-8, with the byte that is not UTF-8 in place; the buffer is emptied."""
    data = text.getvalue().encode("utf-8").replace(NOT_UTF8.encode(), b"\xe9")
    text.seek(0)
    text.truncate()
    return data


# --------------------------------------------------------------------------- JSONL


def profile(row: Cells, number: int) -> dict[str, Any]:
    """The row as a JSON profile: the same facts, the project id the CSV row would get by default."""
    data: dict[str, Any] = {"company": {}, "projects": [{}]}
    for column in COLUMNS:
        cell = row[column]
        if not cell:
            continue
        value: Any = cell
        if column in NUMBER_COLUMNS:
            value = float(cell) if "." in cell else int(cell)  # exact: short decimals print back as written
        elif column in BOOLEAN_COLUMNS:
            value = cell.lower() in ("true", "yes", "1")
        elif column in JSON_COLUMNS:
            value = json.loads(cell)
        path = column.split(".")
        target = data if path[0] == "aid_received" else data["company"] if path[0] == "company" else data["projects"][0]
        for part in path[1:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    data["projects"][0].setdefault("id", f"row-{number}")
    return data


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


# Each damage returns the line and the exact message of the error row.


def _j_truncated(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    line = _line(data)
    cut = line.index('"region": ') + len('"region": ')
    return line[:cut], f"column {cut + 1}: the text ends where more must follow (a value, a closing bracket or a quote)"


def _j_not_utf8(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["company"]["name"] = f"Caf{NOT_UTF8} {rng.randrange(1000)}"
    line = _line(data)
    return line, f"column {line.index(NOT_UTF8) + 1}: byte 0xe9 is not valid UTF-8 (hint: save the file as UTF-8)"


def _j_surrogate(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["company"]["name"] = "@"
    line = _line(data).replace('"@"', '"\\udc00"')  # an escape of half a character
    column = line.index('"\\udc00"') + 1
    return line, (
        f"column {column}: the text holds a lone surrogate (an escape such as \\ud800 that is not a "
        "character) (hint: remove the escape or write the character itself)"
    )


def _j_quoted_number(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["company"]["turnover"] = text = f"{rng.randrange(1, 99)}.{rng.randrange(1000):03d}.000"
    return _line(data), (
        f"company.turnover: expected a number but found the text '{text}' (hint: write numbers "
        "without quotes, thousands separators or spaces, with a dot for decimals: 12500.50)"
    )


def _j_nan(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["company"]["employees"] = "@"
    return _line(data).replace('"@"', "NaN"), "company.employees: expected a number but found the text 'NaN'"


def _j_misspelt(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["company"]["regoin"] = data["company"].pop("region")
    return _line(data), "company.regoin: unknown key 'regoin' (hint: did you mean 'region'?)"


def _j_repeated(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    line = _line(data)
    region = '"region": "' + data["company"]["region"] + '"'
    doubled = line.replace(region, f"{region}, {region}", 1)
    return doubled, (
        f"column {doubled.index(region, doubled.index(region) + 1) + 1}: duplicate key 'region' (first "
        "defined at line 1) (hint: each key may appear once in a mapping; remove this one or the one at line 1, "
        "or merge them)"
    )


def _j_list(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    return "[" + _line(data) + "]", "column 1: expected a mapping (key: value lines) but found a list"


def _j_enum(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["projects"][0]["kind"] = kind = rng.choice(("audit", "coaching"))
    return _line(data), (
        f"projects[0].kind: the text '{kind}' is not allowed here; expected one of: " + ", ".join(KINDS)
    )


def _j_check_digits(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["company"]["enterprise_number"], message = _wrong_kbo(rng)
    return _line(data), f"company.enterprise_number: {message}"


def _j_before_founded(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    applied = _dt.date.fromisoformat(data["projects"][0]["application_date"])
    founded = applied + _dt.timedelta(days=rng.randint(1, 400))
    data["company"]["founded"] = founded.isoformat()
    data["projects"][0].pop("start_date", None)
    return _line(data), (
        f"projects[0].application_date: the application date {applied} is before the company was founded ({founded})"
    )


def _j_aid_mapping(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["aid_received"] = {"date": "2025-03-01", "amount": rng.randrange(1, 9000)}
    return _line(data), "aid_received: expected a list but found a mapping"


def _j_negative(data: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    data["projects"][0]["cost"] = cost = -rng.randrange(1, 5000)
    return _line(data), f"projects[0].cost: must be at least 0, found {cost}"


JSONL_DAMAGE: tuple[Callable[[dict[str, Any], random.Random], tuple[str, str]], ...] = (
    _j_truncated,
    _j_not_utf8,
    _j_surrogate,
    _j_quoted_number,
    _j_nan,
    _j_misspelt,
    _j_repeated,
    _j_list,
    _j_enum,
    _j_check_digits,
    _j_before_founded,
    _j_aid_mapping,
    _j_negative,
)


def write_jsonl(corpus: Corpus, path: Path) -> dict[int, str]:
    """Write every row as one JSON profile per line (UTF-8, names unescaped), the damage included.

    Returns:
        The exact message of each corrupt row's error row, by row number.
    """
    rng = random.Random(corpus.seed + 2)
    messages = {}
    with path.open("wb") as handle:
        text = io.StringIO()
        for number, row in corpus.rows():
            data = profile(row, number)
            damage = corpus.bad.get(number)
            if damage is None:
                text.write(_line(data) + "\n")
            else:
                line, messages[number] = JSONL_DAMAGE[damage % len(JSONL_DAMAGE)](data, rng)
                text.write(line + "\n")
            if text.tell() > 1 << 20:
                handle.write(_encoded(text))
        handle.write(_encoded(text))
    return messages
