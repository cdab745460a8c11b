"""The catalogue of everything the engine itself says, in Dutch and English: one module per namespace.

A phrase has a full id, ``namespace.key`` (``results.cap-binds``, ``docs.site-title``,
``status.not_eligible``): the namespace is a module of this package, the key an entry of its
``PHRASES`` table, which maps the key to ``{"en": ..., "nl": ...}``. ``{name}`` in a text is a
placeholder the caller fills in; ``{{`` and ``}}`` stand for a brace. The modules are plain data
and are imported only when a phrase of theirs is first asked for, by
:func:`engine.text.messages.say`, the one way to read the catalogue::

    say("results.cap-binds", "nl", id="cap", limit="EUR 5.000,00", amount="EUR 5.000,00")

Texts about a measure (its title, conditions, reminders) are not here: they live in the rule
files. The namespaces: ``common`` (words several outputs share), ``status``, ``results`` (the
explanation lines of an evaluation), ``answer`` (the adviser's answer of ``evaluate``, the web page and
``ask``), ``explain``,
``docs``, ``kinds`` and ``units`` (named in the documentation), ``dates`` (month names),
``ask`` (the questionnaire), ``impact`` (the report of ``diff`` and its errors), ``population`` (the report of
``diff`` over a CSV or JSONL file of companies), ``serve`` (what the server says when it refuses a request),
``batch`` (the problems of a batch input, its rows and cells), and ``diagnostics``, ``checks`` and ``testing``
(below).

To add a phrase:

1. Pick the namespace of the output that says it (or add a module here and its name to
   :data:`NAMESPACES`, with a docstring saying what its phrases are for) and add an entry to its
   ``PHRASES``: a key of lower-case words joined by ``-`` (or the value it names, as in
   ``status`` and ``kinds``), with both ``"en"`` and ``"nl"`` and the same placeholders in both.
2. Call ``say("namespace.key", lang, name=value, ...)`` with the full id written out, so a search
   for the id finds every use. A family of phrases named by data is read with an f-string whose
   literal start is the family's prefix (``say(f"status.{status}", lang)``).
3. ``tests/unit/text/test_catalogue.py`` checks that every phrase has both languages and the same
   placeholders in each, that every id the code names exists, and that no phrase goes unused.

Diagnostics (the messages and hints of ``validate``, ``test``, ``diff``, ``docs`` and ``evaluate``)
are in the namespaces ``diagnostics`` (reading files: YAML, schemas, expressions, profiles; and the
words around every diagnostic), ``schema`` (names, forms, ranges and sizes a schema asks, and the hint of each form),
``expressions`` (what the rule language does not allow, and kinds of values that do not fit), ``checks`` (the
checks of the rule set as a whole) and ``testing`` (``subsidie test``), one phrase per message (a code may have
several) and per hint.
A diagnostic does not say its words when it is made: it carries them as
:class:`engine.diagnostics.Phrase` values, written ``phrase("diagnostics.key", name=value)`` (a
placeholder's value may be a phrase too), and they are said in the language of the command that
reports it (:meth:`engine.diagnostics.Diagnostic.said`). The codes stay the same in both languages.
"""

from __future__ import annotations

import importlib

NAMESPACES = (
    "common",
    "status",
    "results",
    "answer",
    "explain",
    "docs",
    "kinds",
    "units",
    "dates",
    "ask",
    "impact",
    "population",
    "serve",
    "batch",
    "diagnostics",
    "schema",
    "expressions",
    "checks",
    "testing",
)


def phrases(namespace: str) -> dict[str, dict[str, str]]:
    """The ``PHRASES`` table of one namespace, importing its module (once) if it is not loaded yet."""
    if namespace not in NAMESPACES:
        raise KeyError(f"no phrase namespace '{namespace}'")
    table: dict[str, dict[str, str]] = importlib.import_module(f"{__name__}.{namespace}").PHRASES
    return table
