"""A CSV header compiled once into a row builder: each cell converted and checked against its column's schema node.

Checking a row as a whole document (the profile schema walked over the row, then its
defaults filled in) cost more than evaluating it. :func:`row_builder` compiles a header's
columns once: each column gets its conversion (one regex match for a number, the plain-JSON
reader for a list: :mod:`engine.batch.csv_cells`, :mod:`engine.load.plain_json`), the compiled
check of its node in the profile schema (:func:`engine.load.quickcheck.typed_check` for a value
the conversion typed, else :func:`~engine.load.quickcheck.node_check`) and, where the node fills
or converts anything (dates, the items of a JSON list), its completer; each mapping the
columns fill gets its required keys and its defaults. A row whose every cell passes is
complete without a second look at the whole document; only the checks the schema cannot make
(:func:`engine.load.profile.profile_problems`) run on it.

The builder only ever accepts: a row with any problem (a cell that does not convert or
check, a missing required key, a bad byte, a count of cells that does not match the header)
gives None, and :func:`engine.batch.csv_input.csv_row` checks it the way ``evaluate`` checks a
file, for the same diagnostics as before. A test checks that both give the same data.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..load.completion import node_completer
from ..load.plain_json import plain_json
from ..load.profile import profile_problems
from ..load.quickcheck import node_check, typed_check
from .csv_cells import BOOLEANS, PLAIN_INTEGER, PLAIN_NUMBER
from .csv_input import csv_columns, csv_objects

_ROOTS = ((), ("company",), ("project",))
"""The mappings every row has: the profile, its company and its one project."""


_Plan = tuple[int, str, tuple[str, ...], str, Callable[[Any], bool], "Callable[[Any], Any] | None"]
"""One column compiled: its place in the row, its key and parent mapping, its kind, its check and its completer."""


class RowBuilder:
    """The rows of one CSV header, built and checked column by column; see the module's docstring."""

    def __init__(self, names: tuple[str, ...]):
        known = csv_columns()
        self.width = len(names)
        self.plan: list[_Plan] = []
        for index, name in enumerate(names):
            column = known[name]
            kind = column.kind
            check = None if kind == "json" else typed_check(column.node, "string" if kind == "date" else kind)
            if check is None:
                check = node_check(column.node, "profile")
            complete = node_completer(column.node, "profile")
            self.plan.append((index, column.path[-1], column.path[:-1], kind, check, complete))
        paths = {p[2][:cut] for p in self.plan for cut in range(1, len(p[2]) + 1)} | set(_ROOTS)
        self.objects: list[tuple[tuple[str, ...], tuple[str, ...], list[tuple[str, Any]]]] = []
        for path, node in csv_objects().items():
            if path in paths:
                defaults = [(k, sub["default"]) for k, sub in node.get("properties", {}).items() if "default" in sub]
                required = tuple(k for k in node.get("required", ()) if path or k not in ("company", "projects"))
                self.objects.append((path, required, defaults))

    def build(self, cells: list[str], number: int) -> dict[str, Any] | None:
        """The checked and completed profile of a row, exactly as ``evaluate`` would make it; None when the
        row has any problem (then :func:`engine.batch.csv_input.csv_row` says which)."""
        if len(cells) != self.width:
            return None
        company: dict[str, Any] = {}
        project: dict[str, Any] = {}
        data: dict[str, Any] = {"company": company, "projects": [project]}
        made: dict[tuple[str, ...], dict[str, Any]] = {(): data, ("company",): company, ("project",): project}
        for index, key, parents, kind, check, complete in self.plan:
            text = cells[index]
            value: Any = text.strip()
            if not value:
                continue
            if not text.isascii() and _SURROGATE.search(text):
                return None
            if kind == "string":
                value = text
            elif kind == "json":
                value = plain_json(value)  # None for a text with any problem, and for null (then not a list)
                if value is None:
                    return None
            elif kind == "number":
                if PLAIN_NUMBER.match(value) is None:
                    return None
                value = Decimal(value)
            elif kind == "integer":
                if PLAIN_INTEGER.match(value) is None:
                    return None
                value = int(value)
            elif kind == "boolean":
                value = BOOLEANS.get(value.lower())
                if value is None:
                    return None
            if not check(value):
                return None
            if complete is not None:
                value = complete(value)
            target = made.get(parents)
            if target is None:
                target = _nested(made, parents)
            target[key] = value
        if "id" not in project:
            project["id"] = f"row-{number}"
        for path, required, defaults in self.objects:
            target = made.get(path)
            if target is None:
                continue
            for key in required:
                if key not in target:
                    return None
            for key, default in defaults:
                if key not in target:
                    target[key] = copy.deepcopy(default) if isinstance(default, (list, dict)) else default
        if profile_problems(data):
            return None
        return data


def _nested(made: dict[tuple[str, ...], dict[str, Any]], path: tuple[str, ...]) -> dict[str, Any]:
    """The mapping at ``path`` in a row (``company.previous_year``), made with its parents when first needed."""
    parent = made.get(path[:-1])
    if parent is None:
        parent = _nested(made, path[:-1])
    made[path] = parent.setdefault(path[-1], {})
    return made[path]


_SURROGATE = re.compile("[\udc80-\udcff]")  # an undecodable byte, read with errors='surrogateescape'


@lru_cache(maxsize=8)
def row_builder(names: tuple[str, ...]) -> Callable[[list[str], int], dict[str, Any] | None]:
    """The compiled :meth:`RowBuilder.build` of a header's columns (made once per header)."""
    return RowBuilder(names).build
