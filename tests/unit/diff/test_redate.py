"""A profile re-dated to another day (engine/diff/redate.py)."""

from __future__ import annotations

import datetime as dt

from engine.diff.redate import redate

D = dt.date.fromisoformat

PROFILE = {
    "company": {"founded": D("2020-03-01"), "employees": 12, "partner_enterprises": [{"share": 30}]},
    "aid_received": [{"date": D("2025-12-31"), "amount": 2000, "measure": "kmo-portefeuille"}],
    "projects": [
        {"id": "a", "kind": "advice", "application_date": D("2026-03-01"), "start_date": D("2026-02-20")},
        {"id": "b", "kind": "training", "start_date": D("2026-06-10")},  # dated by as_of
        {"id": "c", "kind": "advice", "application_date": D("2026-05-01")},
    ],
}


def test_every_project_on_the_day_the_other_dates_keep_their_distance():
    moved = redate(PROFILE, D("2026-06-01"), D("2027-01-01"))  # latest application: as_of, 214 days earlier
    assert [p["application_date"] for p in moved["projects"]] == [D("2027-01-01")] * 3
    assert moved["projects"][0]["start_date"] == D("2026-12-23")  # 9 days before, as before
    assert moved["projects"][1]["start_date"] == D("2027-01-10")  # 9 days after as_of, as before
    assert moved["company"] == {"founded": D("2020-10-01"), "employees": 12, "partner_enterprises": [{"share": 30}]}
    assert moved["aid_received"] == [{"date": D("2026-08-02"), "amount": 2000, "measure": "kmo-portefeuille"}]
    assert PROFILE["projects"][0]["application_date"] == D("2026-03-01")  # the profile itself is not changed


def test_back_in_time_and_to_the_ends_of_the_calendar():
    moved = redate(PROFILE, D("2026-06-01"), D("2026-05-31"))
    assert moved["company"]["founded"] == D("2020-02-29")
    assert moved["projects"][2]["application_date"] == D("2026-05-31")
    far = {**PROFILE, "aid_received": [{"date": D("9999-12-01"), "amount": 1}]}
    assert redate(far, D("2026-06-01"), D("9999-01-01"))["aid_received"][0]["date"] == dt.date.max
    assert redate(far, D("2026-06-01"), D("0001-01-02"))["company"]["founded"] == dt.date.min
