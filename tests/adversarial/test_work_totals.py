"""Inputs each within the file limits whose total work used to be unbounded (issue 14, items 3 and 6).

A long chain of facts each reading the previous one, a long circle of facts, many aid reads of
a long aid history: each must be answered within the suite's 2 s of CPU and 200 MB, with the
documented exit code and no traceback.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
from decimal import Decimal
from pathlib import Path

from .conftest import SMALL_IT_FIRM, Engine
from .harness import assert_contained, position

SOURCE = "https://example.org/chain"


def _facts_file(rules: Path, lines: list[str]) -> Path:
    path = rules / "facts" / "chain.yaml"
    path.write_text(
        f"id: chain\ntitle: {{nl: Keten, en: Chain}}\nsources: ['{SOURCE}']\nfacts:\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    return path


def _condition(rules: Path, when: str) -> None:
    measure = rules / "kmo-portefeuille.yaml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace(
            "  - use: de-minimis-ceiling\nreminders:",
            f"  - use: de-minimis-ceiling\n  - id: chain\n    when: {when}\n    text: {{nl: x, en: x}}\n    source: https://x.org\nreminders:",
        ),
        encoding="utf-8",
    )


def _chain(rules: Path, length: int) -> None:
    """f0 = company.employees, f1 = f0 + 1, ..., f<length> read by a condition of kmo-portefeuille."""
    lines = [f"  f0: {{description: start, expression: company.employees, source: '{SOURCE}'}}"]
    lines += [
        f"  f{i}: {{description: next, expression: 'f{i - 1} + 1', source: '{SOURCE}'}}" for i in range(1, length + 1)
    ]
    _facts_file(rules, lines)
    _condition(rules, f"f{length} == {12 + length}")


def test_a_chain_of_400_facts_is_evaluated(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    _chain(rules, 400)
    run = engine(
        "evaluate", str(SMALL_IT_FIRM), "--rules", str(rules), "--format", "json", "--as-of", "2026-03-01", cwd=tmp_path
    )
    assert_contained(run, 0)
    result = next(r for r in json.loads(run.stdout)["results"] if r["measure"] == "kmo-portefeuille")
    assert next(c["holds"] for c in result["conditions"] if c["id"] == "chain") is True


def test_a_chain_of_400_facts_in_batch(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    _chain(rules, 400)
    row = tmp_path / "rows.jsonl"
    profile = SMALL_IT_FIRM.read_text(encoding="utf-8")
    from engine.load.yaml_loader import load_text

    row.write_text(json.dumps(load_text(profile, "p.yaml")[0].data, default=str) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = engine("batch", str(row), "-o", str(out), "--rules", str(rules), "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kmo = [r for r in rows if r["measure"] == "kmo-portefeuille"]
    assert [(r["project"], r["status"], r["amount"], r["error"]) for r in kmo] == [
        ("cyber-audit", "eligible", 4500, None),
        ("security-training", "eligible", 3000, None),
        ("marketing-advice", "not_eligible", 0, None),
    ]


def test_a_circle_of_150_facts_is_a_fact_cycle(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    lines = [
        f"  f{i}: {{description: next, expression: 'f{(i + 1) % 150} + 1', source: '{SOURCE}'}}" for i in range(150)
    ]
    path = _facts_file(rules, lines)
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    line, column = position(path.read_text(encoding="utf-8"), "'f1 + 1'")
    circle = " -> ".join(f"f{i}" for i in [*range(150), 0])
    where = f"{path.relative_to(tmp_path)}:{line}:{column}"
    assert run.stderr.splitlines() == [
        f"{where}: error: facts depend on each other in a circle: {circle} [fact-cycle]",
        "1 error(s), 0 warning(s) in 1 path(s)",
    ]


def _long_history(projects: int, aid: int) -> str:
    """A profile of ``projects`` training projects and ``aid`` grants over seven years (every 20th of
    kmo-portefeuille): at 1,000 and 7,600 the largest of its shape the 50,000-value limit allows."""
    first = _dt.date(2019, 1, 1)
    lines = [
        "company: {legal_form: bv, region: flanders, founded: 2010-01-01, employees: 12, turnover: 1800000, "
        "balance_sheet_total: 900000}",
        "aid_received:",
    ]
    lines += [
        f"- {{date: {first + _dt.timedelta(days=i * 7 % 2600)}, amount: {1 + i % 20}"
        + (", measure: kmo-portefeuille}" if i % 20 == 0 else "}")
        for i in range(aid)
    ]
    lines.append("projects:")
    lines += [
        f"- {{id: p{i}, kind: training, theme: cybersecurity, cost: {1000 + i}, provider_registered: true}}"
        for i in range(projects)
    ]
    return "\n".join(lines) + "\n"


def test_a_thousand_projects_reading_a_long_aid_history_take_linear_work(engine: Engine, tmp_path):
    """Each aid read was a scan of the whole history: 1,000 projects × 7,600 entries took 2.5 s of CPU.
    The figures are those the scan gave (the same output, byte for byte, before and after)."""
    profile = tmp_path / "long-history.yaml"
    profile.write_text(_long_history(1000, 7600), encoding="utf-8")
    run = engine("evaluate", str(profile), "--format", "json", "--as-of", "2026-03-01", cwd=tmp_path)
    assert_contained(run, 0, wall=False)
    report = json.loads(run.stdout, parse_float=Decimal)
    eligible = [(r["project"], r["amount"]) for r in report["results"] if r["status"] == "eligible"]
    assert len(report["results"]) == 1000
    assert eligible[:3] == [("p0", 450), ("p1", Decimal("450.45")), ("p2", Decimal("450.9"))]
    assert len(eligible) == 17
    assert report["totals"] == {
        "amount": 7494,
        "de_minimis": {"ceiling": 300000, "used": 32358, "granted_now": 7494, "remaining": 260148},
    }


def test_a_chain_of_400_facts_is_answered_by_the_web_service(rule_copy):
    """serve answered 500 (RecursionError) where evaluate exited 3; the WSGI application is called directly."""
    from engine.load.ruleset import load_rules
    from engine.serve.api import Service
    from engine.serve.server import Application

    rules = rule_copy()
    _chain(rules, 400)
    app = Application(Service(load_rules(rules), "en"), hosts=None)
    body = SMALL_IT_FIRM.read_bytes()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/evaluate",
        "QUERY_STRING": "as_of=2026-03-01",
        "CONTENT_TYPE": "application/yaml",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "localhost",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
    }
    status: list[str] = []
    answer = b"".join(app(environ, lambda code, headers, *_: status.append(code)))
    assert status == ["200 OK"], answer
    result = next(r for r in json.loads(answer)["results"] if r["measure"] == "kmo-portefeuille")
    assert next(c["holds"] for c in result["conditions"] if c["id"] == "chain") is True
    assert environ["wsgi.errors"].getvalue() == ""
