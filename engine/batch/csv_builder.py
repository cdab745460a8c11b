"""A CSV header compiled once into a row builder: each cell converted and checked against its column's schema node.

Checking a row as a whole document (the profile schema walked over the row, then its
defaults filled in) cost more than evaluating it. :func:`row_builder` compiles a header's
columns once into the source of one Python function, a few straight lines per column: its
conversion (one regex match for a number: :mod:`engine.batch.csv_cells`; the one-pass reader
for a JSON list, :mod:`engine.batch.json_cells`), the check of its node in the profile schema
written out where it is a range, a set of options or a date (else the compiled
:func:`engine.load.quickcheck.typed_check`, or :func:`~engine.load.quickcheck.node_check`) and,
where the node fills or converts anything, its completion (a cell in its column's common form, a day read before, plain
digits, a boolean, an option, an ASCII text, is taken as written, without being stripped first: :func:`_fast`; a bad
byte is looked for only in the cells that could hold one and pass); then each mapping the columns fill
gets its required keys and its defaults. A row whose every cell passes is complete without a
second look at the whole document; only the checks the schema cannot make
(:func:`engine.load.profile.profile_problems`) run on it, and only where they may find something (for one
project: an enterprise number, or an application date not on or after the founding date). The source holds no
text of the input: keys come from the schema (written with ``repr``) and values are passed as constants.

The builder only ever accepts: a row with any problem (a cell that does not convert or
check, a missing required key, a bad byte, a count of cells that does not match the header)
gives None, and :func:`engine.batch.csv_input.csv_row` checks it the way ``evaluate`` checks a
file, for the same diagnostics as before. A test checks that both give the same data.
"""

from __future__ import annotations

import copy
import datetime as _dt
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
from .csv_input import Column, csv_columns, csv_objects
from .json_cells import KNOWN_DAYS, json_reader, known_day

_ROOTS = ((), ("company",), ("project",))
"""The mappings every row has: the profile, its company and its one project."""


class RowBuilder:
    """The rows of one CSV header, built and checked column by column; see the module's docstring."""

    def __init__(self, names: tuple[str, ...]):
        known = csv_columns()
        self.width = len(names)
        constants: dict[str, Any] = {
            "Decimal": Decimal,
            "SURROGATE": _SURROGATE.search,
            "NUMBER": PLAIN_NUMBER.match,
            "INTEGER": PLAIN_INTEGER.match,
            "BOOLEANS": BOOLEANS.get,
            "DAY": known_day,
            "DAYS": KNOWN_DAYS.get,
            "date": _dt.date,
            "profile_problems": profile_problems,
            "deepcopy": copy.deepcopy,
        }
        variables = {(): "data", ("company",): "company", ("project",): "project"}
        lines = [
            "def build(cells, number):",
            f"    if len(cells) != {len(names)}:",
            "        return None",
            "    " + "".join(f"c{i}, " for i in range(len(names))) + "= cells",
            "    company = {}",
            "    project = {}",
            "    data = {'company': company, 'projects': [project]}",
        ]
        nested = sorted({known[n].path[:cut] for n in names for cut in range(2, len(known[n].path))} - set(variables))
        for path in nested:
            variables[path] = f"o{len(variables)}"
            lines.append(f"    {variables[path]} = None")
        for index, name in enumerate(names):
            column = known[name]
            parents = column.path[:-1]
            made, target = _made(parents, variables), f"{variables[parents]}[{column.path[-1]!r}]"
            # an empty cell (most of a wide header's) is skipped without a call to strip it; a cell its column's
            # common form reads as it is (a known day, plain digits, an option) is not stripped either
            fast = _fast(column, index, constants)
            indent = "        "
            lines.append(f"    if c{index}:")
            if fast is not None:
                test, value = fast
                lines += [
                    f"        if {test}:",
                    *["            " + line for line in made],
                    f"            {target} = {value}",
                ]
                lines.append("        else:")
                indent = "            "
            lines += [indent + f"value = c{index}.strip()", indent + "if value:"]
            lines += [indent + "    " + line for line in self._convert(column, index, constants)]
            lines += [indent + "    " + line for line in made] + [f"{indent}    {target} = value"]
        lines += ["    if 'id' not in project:", "        project['id'] = f'row-{number}'"]
        paths = {known[n].path[:cut] for n in names for cut in range(1, len(known[n].path))} | set(_ROOTS)
        for path, node in csv_objects().items():
            if path not in paths:
                continue
            target = variables[path]
            body: list[str] = []
            for key in node.get("required", ()):
                if (path, key) not in (((), "company"), ((), "projects"), (("project",), "id")):  # always there
                    body += [f"if {key!r} not in {target}:", "    return None"]
            for key, sub in node.get("properties", {}).items():
                if "default" in sub:
                    body += [
                        f"if {key!r} not in {target}:",
                        f"    {target}[{key!r}] = {_default(sub['default'], constants)}",
                    ]
            if path in variables and path not in _ROOTS:
                body = [f"if {target} is not None:"] + ["    " + line for line in body] if body else []
            lines += ["    " + line for line in body]
        # profile_problems of one project can find only a wrong enterprise number or an application before the
        # founding: it runs only where one of them may be (a row with neither is good without the call)
        lines += [
            "    if 'enterprise_number' in company or (",
            "        'founded' in company",
            "        and 'application_date' in project",
            "        and not (",
            "            type(founded := company['founded']) is date",
            "            and type(applied := project['application_date']) is date",
            "            and applied >= founded",
            "        )",
            "    ):",
            "        if profile_problems(data):",
            "            return None",
            "    return data",
        ]
        self.source = "\n".join(lines) + "\n"
        exec(compile(self.source, f"<batch row builder: {len(names)} columns>", "exec"), constants)
        self.build: Callable[[list[str], int], dict[str, Any] | None] = constants["build"]

    @staticmethod
    def _convert(column: Column, index: int, constants: dict[str, Any]) -> list[str]:
        """The lines that turn a cell's stripped text (``value``; ``c<index>`` as written) into its checked and
        completed value, or return None."""
        kind, node = column.kind, column.node
        # a bad byte refuses the row: only a text, a date of another format or a JSON cell can hold one and pass (a
        # number, a boolean, a plain date and an option are ASCII where they pass)
        unchecked = [f"if not c{index}.isascii() and SURROGATE(c{index}) is not None:", "    return None"]
        lines: list[str] = []
        if kind == "json":
            reader = json_reader(node, "profile")
            if reader is None:  # a node the one-pass reader does not understand: read, check, complete
                reader = _three_passes(node)
            constants[f"read{index}"] = reader
            return unchecked + [f"value = read{index}(value)", "if value is None:", "    return None"]
        if kind == "string":
            lines.append(f"value = c{index}")
        elif kind == "number":  # plain ASCII digits need no pattern (which refuses '1_000', '10.000', '1 000')
            lines += [
                "if not (value.isdigit() and value.isascii()) and NUMBER(value) is None:",
                "    return None",
                "value = Decimal(value)",
            ]
        elif kind == "integer":
            lines += [
                "if not (value.isdigit() and value.isascii() and len(value) <= 30) and INTEGER(value) is None:",
                "    return None",
                "value = int(value)",
            ]
        elif kind == "boolean":
            lines += ["value = BOOLEANS(value.lower())", "if value is None:", "    return None"]
        plain = {k for k in node if k not in _ANNOTATIONS and not k.startswith("x-")}
        if kind in ("number", "integer") and plain == {"type", "minimum", "maximum"}:
            low, high = node["minimum"], node["maximum"]
            if kind == "number" and all(type(bound) is int for bound in (low, high)) and low <= 0 < high:
                # plain digits, fewer than the maximum has, are within the bounds: no comparison (a decimal compares
                # with an int at several times the cost of an int); else decimal bounds
                constants[f"low{index}"], constants[f"high{index}"] = Decimal(low), Decimal(high)
                return [
                    f"if value.isdigit() and value.isascii() and len(value) < {len(str(high))}:",
                    "    value = Decimal(value)",
                    "else:",
                    *["    " + line for line in lines],
                    f"    if not low{index} <= value <= high{index}:",
                    "        return None",
                ]
            constants[f"low{index}"], constants[f"high{index}"] = low, high
            return lines + [f"if not low{index} <= value <= high{index}:", "    return None"]
        if kind == "string" and plain == {"type", "enum"} and all(isinstance(o, str) for o in node["enum"]):
            constants[f"options{index}"] = frozenset(node["enum"])
            return lines + [f"if value not in options{index}:", "    return None"]
        if kind == "string" and plain in ({"type", "maxLength"}, {"type", "minLength", "maxLength"}):
            low, high = node.get("minLength", 0), node["maxLength"]  # in characters, as len counts them
            return lines + unchecked + [f"if not {int(low)} <= len(value) <= {int(high)}:", "    return None"]
        if kind == "date" and plain == {"type", "format"} and node["format"] == "date":
            return lines + ["value = DAY(value)", "if value is None:", "    return None"]
        if kind in ("string", "date"):
            lines += unchecked
        check = typed_check(node, "string" if kind == "date" else kind) or node_check(node, "profile")
        if plain != {"type"}:  # a node with only its type has nothing to check on a value converted to it
            constants[f"check{index}"] = check
            lines += [f"if not check{index}(value):", "    return None"]
        complete = node_completer(node, "profile")
        if complete is not None:
            constants[f"complete{index}"] = complete
            lines.append(f"value = complete{index}(value)")
        return lines


_ANNOTATIONS = {"title", "description", "default", "examples"}


def _fast(column: Column, index: int, constants: dict[str, Any]) -> tuple[str, str] | None:
    """A test of a cell as written (``c<index>``, not stripped) and the value it then has: exactly what
    :meth:`RowBuilder._convert` makes of the cell, for its column's common form (a day read before, plain digits fewer
    than the maximum has, a boolean, an option, an ASCII text within its length); None where the column has none."""
    kind, node = column.kind, column.node
    plain = {k for k in node if k not in _ANNOTATIONS and not k.startswith("x-")}
    cell = f"c{index}"
    if kind == "date" and plain == {"type", "format"} and node["format"] == "date":
        return f"(value := DAYS({cell})) is not None", "value"  # keys are texts known_day read: no white space
    if kind == "boolean":
        return f"(value := BOOLEANS({cell})) is not None", "value"  # the keys are lower case, without white space
    if kind == "number" and plain == {"type", "minimum", "maximum"}:
        low, high = node["minimum"], node["maximum"]
        if all(type(bound) is int for bound in (low, high)) and low <= 0 < high:
            digits = len(str(high)) - 1  # fewer digits before the point than the maximum has: within the bounds
            # plain digits; else a decimal with a point, not one that may be a thousands separator (10.000)
            constants[f"decimal{index}"] = re.compile(
                rf"(?![1-9][0-9]{{0,2}}\.[0-9]{{3}}\Z)[0-9]{{1,{digits}}}\.[0-9]+"
            ).fullmatch
            test = f"{cell}.isdigit() and {cell}.isascii() and len({cell}) <= {digits}"
            return f"({test}) or decimal{index}({cell}) is not None", f"Decimal({cell})"
    if kind == "string" and plain == {"type", "enum"} and all(isinstance(o, str) for o in node["enum"]):
        constants[f"options{index}"] = frozenset(node["enum"])
        return f"{cell} in options{index}", cell
    if kind == "string" and plain in ({"type", "maxLength"}, {"type", "minLength", "maxLength"}):
        low, high = int(node.get("minLength", 0)), int(node["maxLength"])
        length = f"len({cell}) <= {high}" if low <= 1 else f"{low} <= len({cell}) <= {high}"  # a cell is not empty
        return f"{cell}.isascii() and not {cell}.isspace() and {length}", cell
    return None


def _default(value: Any, constants: dict[str, Any]) -> str:
    """The expression that gives a fresh copy of a schema default (a new list or mapping on every row)."""
    if value == [] or value == {}:
        return "[]" if isinstance(value, list) else "{}"
    name = f"default{len(constants)}"
    constants[name] = value
    return f"deepcopy({name})" if isinstance(value, (list, dict)) else name


def _made(path: tuple[str, ...], variables: dict[tuple[str, ...], str]) -> list[str]:
    """The lines that make the mapping at ``path`` (``company.previous_year``), and its parents, when first needed."""
    if path in _ROOTS:
        return []
    inner = _made(path[:-1], variables) + [f"{variables[path]} = {variables[path[:-1]]}[{path[-1]!r}] = {{}}"]
    return [f"if {variables[path]} is None:"] + ["    " + line for line in inner]


def _three_passes(node: dict[str, Any]) -> Callable[[str], Any]:
    """A JSON cell read, checked and completed in three passes: for a node :func:`json_reader` does not understand."""
    check = node_check(node, "profile")
    complete = node_completer(node, "profile")

    def read(text: str) -> Any:
        value = plain_json(text)  # None for a text with any problem, and for null (then not a list)
        if value is None or not check(value):
            return None
        return value if complete is None else complete(value)

    return read


_SURROGATE = re.compile("[\udc80-\udcff]")  # an undecodable byte, read with errors='surrogateescape'


@lru_cache(maxsize=8)
def row_builder(names: tuple[str, ...]) -> Callable[[list[str], int], dict[str, Any] | None]:
    """The compiled :meth:`RowBuilder.build` of a header's columns (made once per header)."""
    return RowBuilder(names).build
