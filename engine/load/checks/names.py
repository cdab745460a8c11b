"""Checks of names: a file whose id is not its name, a shared name defined twice, a measure parameter that
is reserved or hides a shared name, a measure id used twice."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, phrase
from ..yaml_loader import Document
from .context import RuleSetParts, diagnostic


def check_file_ids(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A rule or facts file whose id differs from the name of the file."""
    for doc, stem in parts.file_stems:
        if doc.data["id"] != stem:
            yield diagnostic(
                doc,
                ("id",),
                "id-mismatch",
                phrase("checks.id-mismatch", id=doc.data["id"], stem=stem),
                phrase("checks.id-mismatch-hint", id=doc.data["id"], stem=stem),
            )


def check_shared_names(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A shared parameter defined in two facts files; a fact named like another fact or a shared parameter."""
    owners: dict[str, Document] = {}
    for doc in parts.fact_docs:
        for name in doc.data.get("parameters", {}):
            if name in owners:
                yield diagnostic(
                    doc,
                    ("parameters", name),
                    "duplicate-name",
                    phrase("checks.duplicate-parameter", name=name, file=owners[name].name),
                    key=True,
                )
            owners[name] = doc
    fact_names: dict[str, Document] = {}
    for doc in parts.fact_docs:
        for name in doc.data.get("facts", {}):
            if name in fact_names or name in owners:
                yield diagnostic(
                    doc,
                    ("facts", name),
                    "duplicate-name",
                    phrase("checks.duplicate-name", name=name, file=(fact_names.get(name) or owners[name]).name),
                    key=True,
                )
            fact_names[name] = doc


def check_measure_parameter_names(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """A measure's parameter named ``amount``, ``true`` or ``false``, or named like a shared fact or parameter."""
    shared = set(parts.parameters) | {name for doc in parts.fact_docs for name in doc.data.get("facts", {})}
    for doc in parts.measure_docs:
        for name in doc.data.get("parameters", {}):
            if name in ("amount", "true", "false"):
                yield diagnostic(
                    doc,
                    ("parameters", name),
                    "reserved-name",
                    phrase("checks.reserved-name", name=name),
                    phrase("checks.reserved-name-hint"),
                    key=True,
                )
            if name in shared:
                yield diagnostic(
                    doc,
                    ("parameters", name),
                    "duplicate-name",
                    phrase("checks.parameter-hides-shared", name=name),
                    phrase("checks.choose-another-name"),
                    key=True,
                )


def check_measure_ids(parts: RuleSetParts) -> Iterator[Diagnostic]:
    """Two measure files with one id."""
    seen: set[str] = set()
    for doc in parts.measure_docs:
        if doc.data["id"] in seen:
            yield diagnostic(doc, ("id",), "duplicate-measure", phrase("checks.duplicate-measure", id=doc.data["id"]))
        seen.add(doc.data["id"])
