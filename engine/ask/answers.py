"""Reading one answer of the questionnaire: a typed, checked value, or the plain reason it is refused.

An answer is text typed by a person. It is read by the profile schema node of the
field it answers: a number (a decimal comma is fine; thousands separators only where
they cannot be mistaken for decimals: '1.800.000', '12.000,50', and one group after the
language's own separator, '12.000' in Dutch and '12,000' in English), a date (YYYY-MM-DD,
a real day), yes or no, one of an enum's values (by number, value or label), or a text.
Then the schema's checks apply (minimum, maximum, pattern, length) and the enterprise
number's check digits. The reasons are those ``subsidie evaluate`` gives for the same value in a
profile file, in Dutch or English.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..load.profile import kbo_valid
from ..load.validation import form_hint
from ..text.formatting import printable
from ..text.messages import say
from ..text.suggestions import closest


class AnswerError(Exception):
    """An answer that cannot be used: the reason, and a hint where one helps."""

    def __init__(self, reason: str, hint: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


_YES = {"ja", "j", "yes", "y", "true", "waar"}
_NO = {"nee", "n", "no", "false", "onwaar", "neen"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS = re.compile(r"^[+-]?\d+$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)


def text_value(text: str, lang: str) -> str:
    """How a typed text is named in a reason: "the text 'abc'"."""
    return say("ask.value-text", lang, value=printable(text))


def number_value(value: Decimal | int, lang: str) -> str:
    """How a number is named in a reason: "the number 3.5"."""
    return say("ask.value-number", lang, value=value)


def _as_number(digits: str) -> Decimal | int:
    value = Decimal(digits)
    return int(value) if value == value.to_integral_value() and "." not in digits else value


GROUP_MARK = {"nl": ".", "en": ","}
"""The thousands separator of each language: one group after it ('12.000' in Dutch) is read as thousands."""


def parse_number(text: str, lang: str, *, integer: bool = False) -> Decimal | int:
    """A number as people write it: '12500', '12 500', '2,5', '1.800.000', '1.800.000,50', '€ 2500'.

    One mark followed by three digits is the language's thousands separator ('12.000' is 12000 in Dutch,
    '12,000' in English); written with the other mark it could be either, and is refused with the reason.
    The web page reads amounts by the same rules (``engine/serve/web/read.js``).
    """
    words = "ask.a-whole-number" if integer else "ask.a-number"
    refused = AnswerError(
        say("ask.expected", lang, words=say(words, lang), value=text_value(text, lang)), say("ask.number-hint", lang)
    )
    plain = _SPACES.sub("", _CURRENCY.sub("", text.strip()))
    sign = ""
    if plain[:1] in "+-" and plain:
        sign, plain = plain[0], plain[1:]
    marks = [c for c in plain if c in ".,"]
    if not plain or not re.fullmatch(r"[0-9.,]+", plain) or not plain[0].isdigit() or not plain[-1].isdigit():
        raise refused
    if not marks:
        digits = plain
    elif len(set(marks)) == 2:  # both marks: the last one is the decimal mark, the other groups thousands
        decimal_mark = plain[max(plain.rfind("."), plain.rfind(","))]
        group_mark = "," if decimal_mark == "." else "."
        whole, _, small = plain.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole, group_mark):
            raise refused
        digits = whole.replace(group_mark, "") + "." + small
    elif len(marks) > 1:  # one kind of mark, several times: thousands groups
        if not _grouped(plain, marks[0]):
            raise refused
        digits = plain.replace(marks[0], "")
    else:
        whole, _, small = plain.partition(marks[0])
        one_group = len(small) == 3 and whole != "0" and len(whole) <= 3
        if one_group and marks[0] == GROUP_MARK.get(lang):  # '12.000' in Dutch, '12,000' in English
            digits = whole + small
        elif one_group:  # the other language's separator: twelve thousand, or twelve with three decimals
            whole_number, decimals = whole + small, format(Decimal(whole + "." + small).normalize(), "f")
            raise AnswerError(
                say("ask.ambiguous", lang, text=printable(text.strip()), whole=whole_number, small=decimals),
                say("ask.ambiguous-hint", lang, whole=whole_number, small=decimals),
            )
        else:
            digits = whole + "." + small
    try:
        value = _as_number(sign + digits)
    except InvalidOperation as exc:  # pragma: no cover - the checks above admit only digits and one point
        raise refused from exc
    if integer and not isinstance(value, int):
        if value != value.to_integral_value():
            raise AnswerError(say("ask.expected", lang, words=say(words, lang), value=number_value(value, lang)))
        value = int(value)
    return value


def _grouped(text: str, mark: str) -> bool:
    head, *groups = text.split(mark)
    return 1 <= len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups) and head.isdigit()


def parse_boolean(text: str, lang: str) -> bool:
    """Yes or no, in Dutch or English (ja, j, nee, n, yes, y, no, true, false)."""
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise AnswerError(
        say("ask.expected", lang, words=say("ask.true-false", lang), value=text_value(text.strip(), lang))
    )


def parse_date(text: str, lang: str) -> _dt.date:
    """A real date written YYYY-MM-DD."""
    text = text.strip()
    if _DATE.match(text):
        try:
            return _dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError as exc:
            raise AnswerError(
                say("ask.no-such-day", lang, value=text, reason=exc), say("ask.no-such-day-hint", lang)
            ) from exc
    raise AnswerError(say("ask.bad-date", lang, value=text_value(text, lang)), say("ask.date-hint", lang))


def parse_choice(text: str, options: list[tuple[Any, str]], lang: str, *, open_ended: bool = False) -> Any:
    """One of the options, by its number (1, 2, ...), its value or its label (case does not matter).

    With ``open_ended``, any other text is taken as it is.
    """
    text = text.strip()
    if _DIGITS.match(text) and 1 <= int(text) <= len(options):
        return options[int(text) - 1][0]
    for value, label in options:
        if text == str(value) or text.lower() in (str(value).lower(), label.lower()):
            return value
    if open_ended:
        return text
    values = [str(value) for value, _ in options]
    close = closest(text, values)
    if close is None:
        labels = {label.lower(): str(value) for value, label in options}
        near_label = closest(text.lower(), labels)
        close = labels[near_label] if near_label is not None else None
    raise AnswerError(
        say("ask.enum", lang, value=text_value(text, lang), options=", ".join(values)),
        say("ask.did-you-mean", lang, option=close) if close else None,
    )


def check_value(value: Any, node: dict[str, Any], lang: str) -> None:
    """The schema's checks on a typed value (range, pattern, length) and the enterprise number's check digits."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        if "minimum" in node and value < node["minimum"]:
            raise AnswerError(say("ask.at-least", lang, limit=node["minimum"], value=value))
        if "maximum" in node and value > node["maximum"]:
            raise AnswerError(say("ask.at-most", lang, limit=node["maximum"], value=value))
    if isinstance(value, str):
        if "pattern" in node and not re.search(node["pattern"], value):
            form = form_hint(node)  # the hint evaluate gives for the same value
            raise AnswerError(say("ask.form", lang, value=text_value(value, lang)), form.text(lang) if form else None)
        if len(value) > node.get("maxLength", len(value)):
            raise AnswerError(say("ask.too-long", lang, value=value, limit=node["maxLength"]))
        if node.get("x-check") == "kbo" and not kbo_valid(value):
            digits = re.sub(r"[^0-9]", "", value)
            raise AnswerError(
                say("ask.kbo", lang, number=value, expected=f"{97 - int(digits[:8]) % 97:02d}", found=digits[8:]),
                say("ask.kbo-hint", lang),
            )


def parse_answer(
    text: str,
    node: dict[str, Any],
    lang: str,
    options: list[tuple[Any, str]] | None = None,
    *,
    open_ended: bool = False,
) -> Any:
    """The typed, checked value of an answer to the field whose (resolved) schema node is ``node``.

    Raises:
        AnswerError: with the reason (and a hint) when the answer cannot be used.
    """
    if _SURROGATE.search(text):  # undecodable input bytes, kept as lone surrogates: no text can hold them
        raise AnswerError(say("ask.not-text", lang))
    kind = node.get("type")
    if options is not None and kind != "boolean":
        value = parse_choice(text, options, lang, open_ended=open_ended)
    elif kind == "boolean":
        value = parse_boolean(text, lang)
    elif kind in ("number", "integer"):
        value = parse_number(text, lang, integer=kind == "integer")
    elif node.get("format") == "date":
        value = parse_date(text, lang)
    else:
        value = text.strip()
    check_value(value, node, lang)
    return value
