"""A profile re-dated to another day, as ``subsidie diff`` does for each effect date of a rule change.

Every project's application date becomes the day (a project without one is dated by the
profile's ``as_of``, which becomes the day too). The profile's other dates move with it, so the
company is in the same situation on the new day:

- a date inside a project (its ``start_date``) moves by as many days as that project's
  application date did, so the days between them stay the same;
- every other date of the profile (the company's ``founded``, the dates of ``aid_received``)
  moves by as many days as the profile's latest application date did, so the company's age
  and the aid it received before its last application stay the same.

Dates are found by their type, not by field names, so a date field added to the profile schema
moves too. A date that would fall outside the calendar stops at its first or last day.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any


def _shift(day: _dt.date, days: int) -> _dt.date:
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min


def _moved(value: Any, days: int) -> Any:
    if isinstance(value, _dt.date):
        return _shift(value, days)
    if isinstance(value, dict):
        return {key: _moved(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [_moved(item, days) for item in value]
    return value


def redate(profile: dict[str, Any], as_of: _dt.date, day: _dt.date) -> dict[str, Any]:
    """A copy of a validated, completed ``profile`` (whose undated projects use ``as_of``) re-dated to ``day``."""
    projects = profile.get("projects") or []
    dates = [project.get("application_date") or as_of for project in projects]
    latest = max(dates, default=as_of)
    moved = {key: _moved(value, (day - latest).days) for key, value in profile.items() if key != "projects"}
    moved["projects"] = [
        {**_moved(project, (day - dated).days), "application_date": day}
        for project, dated in zip(projects, dates, strict=True)
    ]
    return moved
