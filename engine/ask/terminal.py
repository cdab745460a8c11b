"""The questionnaire on a terminal: each question shown with its choices, each answer read and checked.

:func:`converse` runs a :class:`~engine.ask.questionnaire.Session` to its end: it shows
the group a question belongs to when it changes (``[Project 1 (cyber-audit)]``), the
question as :func:`question_text` writes it, reads an answer, and on a refused answer says
why (with a hint) and asks again. It does no input or output itself: the command line
hands it the functions that read an answer and write a line (both on standard error,
the result going to standard output), so it knows nothing of the terminal library.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from ..evaluate.results import ProfileResult
from ..text.escaping import terminal
from ..text.messages import say
from .answers import AnswerError
from .questionnaire import Question, Session


def question_text(question: Question, lang: str) -> str:
    """A question as the terminal shows it: the text, the options, and what '?' and Enter do."""
    lines = [question.text]
    labels = dict(question.options)
    if question.type == "choice" or question.open_ended:
        lines += [f"  {number}. {label}" for number, (_, label) in enumerate(question.options, 1)]
        lines.append("  " + say("ask.choose-open" if question.open_ended else "ask.choose", lang))
    notes = [f"{say('common.yes', lang)}/{say('common.no', lang)}"] if question.type == "boolean" else []
    if question.type == "date":
        lines.append("  " + say("ask.date", lang))
    if question.default is not None:
        shown: Any = labels.get(question.default, question.default)
        shown = shown.isoformat() if isinstance(shown, _dt.date) else terminal(str(shown))
        notes.append(say("ask.default", lang, value=shown))
        if question.skippable:
            notes.append(say("ask.unknown-short", lang))
    elif question.skippable:
        notes.append(say("ask.unknown", lang))
    if notes:
        lines.append("  (" + "; ".join(notes) + ")")
    return "\n".join(lines)


def converse(session: Session, lang: str, read: Callable[[], str], write: Callable[[str], None]) -> ProfileResult:
    """Ask every question the session has, until it has none, and return its outcome.

    Args:
        read: reads one answer (whatever it raises at the end of the input goes on to the caller).
        write: writes one line (a newline is added).

    Raises:
        EngineError: when the rules fail on the profile built (as ``evaluate`` would).
    """
    context: list[str] = []
    while (question := session.next_question()) is not None:
        if question.context != context:
            write("\n[" + " / ".join(terminal(c) for c in question.context) + "]" if question.context else "")
        context = question.context
        write(question_text(question, lang))
        while True:
            text = read()
            try:
                session.answer(text)
                break
            except AnswerError as exc:
                write(say("ask.invalid", lang, reason=terminal(exc.reason)))
                if exc.hint:
                    write("  " + say("ask.hint", lang, hint=terminal(exc.hint)))
                write(question.text)
    return session.outcome()
