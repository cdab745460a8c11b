"""Reading typed answers: numbers as people write them, yes and no, choices and dates, and the reasons for a refusal."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from engine.ask.answers import AnswerError, parse_answer, parse_boolean, parse_choice, parse_date, parse_number
from engine.ask.profile_fields import fields

from ...conftest import ROOT


@pytest.mark.parametrize(
    "text, value",
    [
        ("12", 12),
        ("12500", 12500),
        ("12 500", 12500),
        ("12\u00a0500", 12500),
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        ("0.500", Decimal("0.500")),
        ("1234.567", Decimal("1234.567")),
        ("1.800.000", 1800000),
        ("1,800,000", 1800000),
        ("1.800.000,50", Decimal("1800000.50")),
        ("1,800,000.50", Decimal("1800000.50")),
        ("€ 7500", 7500),
        ("7500 EUR", 7500),
        ("7500 euro", 7500),
        ("-5", -5),
        ("+3", 3),
        ("12.0", Decimal("12.0")),
    ],
)
def test_numbers_as_people_write_them(text, value):
    parsed = parse_number(text, "en")
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("text", ["ten", "", "1,5,3", "1.80.000", "12.", ".5", "1e5", "12-3", "--1", "€"])
def test_what_is_not_a_number(text):
    with pytest.raises(AnswerError) as caught:
        parse_number(text, "en")
    assert caught.value.reason == f"expected a number but found the text '{text}'"
    assert caught.value.hint == "write a number with at most one decimal mark, for example 12500 or 2.5"


def test_a_thousands_separator_that_could_be_a_decimal_mark_is_refused_in_both_languages():
    with pytest.raises(AnswerError) as caught:
        parse_number("12,500", "nl")
    assert caught.value.reason == (
        "'12,500' is dubbelzinnig: 12500 met een scheidingsteken voor duizendtallen, of 12.5 met drie decimalen"
    )
    assert caught.value.hint == "schrijf 12500 of 12.5, zonder scheidingsteken voor duizendtallen"


AMOUNTS = json.loads((ROOT / "tests" / "fixtures" / "web" / "amounts.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", AMOUNTS, ids=[f"{c['lang']}:{c['text']}" for c in AMOUNTS])
def test_amounts_are_read_as_the_web_page_reads_them(case):
    """The cases the web page's reader (engine/serve/web/read.js) is held to as well, in tests/test_web_form.py."""
    try:
        assert {"value": str(parse_number(case["text"], case["lang"], integer=case.get("integer", False)))} == {
            "value": case["value"]
        }
    except AnswerError as refused:
        assert {"error": refused.reason, "hint": refused.hint} == {"error": case["error"], "hint": case["hint"]}


def test_one_group_after_the_languages_own_separator_is_thousands():
    assert parse_number("12.000", "nl") == 12000 and parse_number("12,000", "en") == 12000
    for text, lang in (("12,000", "nl"), ("12.000", "en")):
        with pytest.raises(AnswerError, match=r"ambiguous|dubbelzinnig"):
            parse_number(text, lang)


def test_whole_numbers():
    assert parse_number("3", "en", integer=True) == 3
    assert parse_number("3.0", "en", integer=True) == 3
    with pytest.raises(AnswerError) as caught:
        parse_number("3.5", "en", integer=True)
    assert caught.value.reason == "expected a whole number but found the number 3.5"


@pytest.mark.parametrize(
    "text, value",
    [
        ("ja", True),
        ("J", True),
        ("yes", True),
        ("y", True),
        ("true", True),
        ("nee", False),
        ("neen", False),
        ("No", False),
        ("n", False),
        ("false", False),
    ],
)
def test_yes_and_no_in_both_languages(text, value):
    assert parse_boolean(text, "nl") is value


def test_choices_by_number_value_or_label():
    options = [("flanders", "Vlaams Gewest"), ("brussels", "Brussels Hoofdstedelijk Gewest")]
    assert [parse_choice(t, options, "nl") for t in ("2", "flanders", "FLANDERS", "vlaams gewest")] == [
        "brussels",
        "flanders",
        "flanders",
        "flanders",
    ]
    with pytest.raises(AnswerError) as caught:
        parse_choice("3", options, "en")
    assert (caught.value.reason, caught.value.hint) == (
        "the text '3' is not allowed here; expected one of: flanders, brussels",
        None,
    )
    with pytest.raises(AnswerError) as caught:
        parse_choice("Vlaams Gwest", options, "en")
    assert caught.value.hint == "did you mean 'flanders'?"
    assert parse_choice("free text", options, "en", open_ended=True) == "free text"


def test_dates():
    assert parse_date(" 2024-02-29 ", "en") == dt.date(2024, 2, 29)
    with pytest.raises(AnswerError) as caught:
        parse_date("2023-02-29", "en")
    assert caught.value.reason == "'2023-02-29' is not a valid date: day is out of range for month"
    with pytest.raises(AnswerError) as caught:
        parse_date("tomorrow", "nl")
    assert (caught.value.reason, caught.value.hint) == (
        "de tekst 'tomorrow' is geen geldige datum",
        "schrijf datums als JJJJ-MM-DD, bijvoorbeeld 2021-09-13",
    )


def test_the_schema_checks_apply_to_the_typed_value():
    share = fields()["company.partner_enterprises[].share"]
    assert parse_answer("25", share, "en") == 25
    with pytest.raises(AnswerError) as caught:
        parse_answer("24,5", share, "nl")
    assert caught.value.reason == "moet minstens 25 zijn, gevonden: 24.5"
    with pytest.raises(AnswerError) as caught:
        parse_answer("x" * 501, fields()["company.name"], "en")
    assert caught.value.reason == f"'{'x' * 501}' is too long"
    with pytest.raises(AnswerError) as caught:
        parse_answer("6201", fields()["company.nace"], "nl")
    assert caught.value.reason == "de tekst '6201' heeft niet de verwachte vorm"
    assert caught.value.hint == 'een NACE-BEL-code als tekst (tussen aanhalingstekens), bijvoorbeeld "62.010"'
    assert parse_answer("62.010", fields()["company.nace"], "en") == "62.010"


def test_bytes_that_are_not_utf8_are_refused():
    # a terminal that sends other bytes gives lone surrogates (surrogateescape); no profile can hold them
    with pytest.raises(AnswerError) as caught:
        parse_answer("ab\udcff", fields()["company.name"], "en")
    assert caught.value.reason == "the answer holds bytes that are not UTF-8 text"
