"""The adviser's answer (engine/render/answer.py): what it lists once for a whole profile."""

from __future__ import annotations

import datetime as dt

from engine import Evaluator, load_rules, parse_profile
from engine.render.answer import build_answer

from ...conftest import RULES

SMALL = "company: {legal_form: bv, region: flanders, employees: 12, turnover: 1800000, balance_sheet_total: 900000}\n"
PROJECTS = """projects:
- {id: zeta, kind: training, cost: 2000, application_date: 2026-03-01, theme: cybersecurity}
- {id: alpha, kind: training, cost: 2000, application_date: 2026-03-01, theme: cybersecurity}
- {id: mid, kind: training, cost: 2000, application_date: 2026-03-01, theme: cybersecurity}
"""


def test_each_reminder_once_with_its_projects_once_in_the_order_first_named():
    """Three training projects share the kmo-portefeuille's reminders: each is said once, naming the projects in
    the order of the file, and a project named by two of its results is named once."""
    data, diagnostics = parse_profile(SMALL + PROJECTS, "p.yaml")
    assert diagnostics == []
    outcome = Evaluator(load_rules(RULES)).evaluate(data, dt.date(2026, 3, 1), "en")
    first = outcome.results[0]
    assert first.reminders  # the measure has reminders: the test reads them
    outcome.results.append(first)  # the first project's measure named again
    answer = build_answer(outcome, data, "en")
    assert answer.reminders == [
        "Apply at most 14 calendar days after the training or advice starts. (zeta, alpha, mid)",
        "The training or advice must be finished by 31 December of the year after the application. (zeta, alpha, mid)",
    ]
