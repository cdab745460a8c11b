"""Count the questions `subsidie ask` puts before it stops, on the example profiles (issue 15, item 5).

Each example profile (examples/profiles/*.yaml) plays the person: every question is answered with
the profile's own value ('?' where the profile leaves the fact out, the default where the question
offers one). A second round answers '?' to every project's cost, as an adviser who does not know it
yet. The script prints, per profile and in total, how many questions were asked. Run it with the
engine to measure on the path (for another checkout of the engine: PYTHONPATH=that/checkout):

    python scripts/count_questions.py [--as-of 2026-03-01]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from engine import load_rules
from engine.ask.answers import AnswerError
from engine.ask.profile_fields import fields, generic, split, walk
from engine.ask.questionnaire import Session
from engine.load.profile import load_profile
from engine.resources import rules_dir

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 300


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, Decimal, int, float)):
        return str(value)
    return str(value)


def _answer(session: Session, profile: dict[str, Any], kind: str, path: str, unknown: set[str]) -> str:
    node = fields()[generic(path)]
    if kind == "more":
        mine = walk(profile, split(path)) or []
        return "yes" if len(mine) > len(session.get(path) or []) else "no"
    if kind == "add":
        given = walk(profile, split(path))
        return "yes" if given else "no"
    if generic(path) in unknown:
        return "?"
    value = walk(profile, split(path))
    if value is None:
        return "?" if node.get("type") != "object" else "no"
    return _text(value)


def count(rules: Any, profile: dict[str, Any], as_of: dt.date, unknown: set[str]) -> int:
    """The questions asked until the questionnaire stops, answering from ``profile``."""
    session = Session(rules, "en", as_of)
    asked = 0
    while asked < LIMIT:
        question = session.next_question()
        if question is None:
            return asked
        asked += 1
        answer = _answer(session, profile, question.kind, question.path, unknown)
        try:
            session.answer(answer)
        except AnswerError:
            session.answer("?" if question.skippable else "")
    return asked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="2026-03-01", type=dt.date.fromisoformat)
    options = parser.parse_args()
    rules = load_rules(rules_dir())
    totals = [0, 0]
    print("profile | questions | questions without the cost")
    for path in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
        profile, diagnostics = load_profile(path)
        if profile is None:
            print(f"{path.name}: unreadable: {diagnostics}", file=sys.stderr)
            return 2
        found = [count(rules, profile, options.as_of, set()), count(rules, profile, options.as_of, {"projects[].cost"})]
        totals = [a + b for a, b in zip(totals, found, strict=True)]
        print(f"{path.name} | {found[0]} | {found[1]}")
    print(f"total | {totals[0]} | {totals[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
