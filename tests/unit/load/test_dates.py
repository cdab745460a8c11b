"""``read_date``: the one spelling of a date the command line and the API accept, ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as _dt

import pytest

from engine.load.dates import read_date


def test_a_date_written_yyyy_mm_dd_is_read():
    assert read_date("2026-12-31") == _dt.date(2026, 12, 31)
    assert read_date("2024-02-29") == _dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "2026-W53-7",  # an ISO week date: date.fromisoformat reads it as 2027-01-03
        "2026-W537",
        "2026-365",  # an ordinal date
        "20261231",  # the basic form
        "2026-1-3",
        "2026-02-30",  # no such day
        "\uff12\uff10\uff12\uff16-12-31",  # full-width digits, which str.isdigit accepts
        "2026-12-31 ",
        "",
        "2026-12-31T00:00:00",
    ],
)
def test_every_other_spelling_is_refused_with_the_text_and_the_form(text):
    with pytest.raises(ValueError) as raised:
        read_date(text)
    assert str(raised.value) == f"'{text[:20]}' is not a date written YYYY-MM-DD"
