"""Safe YAML loading that keeps the line and column of every value.

Rule files, case files and profiles may come from untrusted pull requests, so the
loader accepts only plain data: mappings, sequences, strings, numbers, booleans,
nulls and dates. It rejects other tags, duplicate keys, deep nesting, alias
expansion beyond a bound and oversized files, each as a :class:`Diagnostic`.
Floats are read as :class:`decimal.Decimal` from their text, so ``0.1`` stays exact.
JSON documents go through the same loader (JSON is YAML for our purposes), so
their problems are positioned too.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import ERROR, Diagnostic
from .scalar_positions import line_column, scalar_map

# The bounds of one file (docs/security.md): at these limits the worst file is answered in about a
# second of CPU and 80 MB (pure-Python PyYAML costs some 20 us and 1.2 kB per value); the largest
# shipped file (a case file) is 65 kB and 2,900 values.
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 50_000
MAX_ALIASES = 100

YamlPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


@dataclass
class Document:
    """A loaded file: plain data plus where each value stands in the text."""

    name: str
    data: Any
    text: str
    positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    styles: dict[YamlPath, str | None] = field(default_factory=dict)
    plain_booleans: dict[YamlPath, str] = field(default_factory=dict)
    spans: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its key.

        Falls back to the nearest enclosing value that has a position.
        """
        if key and path in self.key_positions:
            return self.key_positions[path]
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def locate_in_scalar(self, path: YamlPath, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based (line, column) inside a scalar's value to its position in the file.

        Exact for every scalar style: plain and quoted scalars (with escapes and line
        folding) and literal and folded block scalars.
        """
        span = self.spans.get(path)
        value: Any = self.data
        try:
            for part in path:
                value = value[part]
        except (KeyError, IndexError, TypeError):
            value = None
        if span is None or not isinstance(value, str):
            return self.position(path)
        lines = value.split("\n")
        offset = sum(len(text) + 1 for text in lines[: max(line - 1, 0)]) + max(column - 1, 0)
        mapping = scalar_map(self.text, span[0], span[1], self.styles.get(path))
        if not mapping:
            return self.position(path)
        index = mapping[offset] if offset < len(mapping) else mapping[-1] + 1
        return line_column(self.text, index)


class _Limit(Exception):
    def __init__(self, code: str, message: str, mark: Any, hint: str | None = None):
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


_NO_ANCHORS = "write the values out; rule files and profiles do not need anchors"


class _Loader(yaml.SafeLoader):
    """SafeLoader that bounds nesting depth, alias use and the size of the document once aliases are expanded.

    Every composed node records its expanded size (the values it stands for once each alias in
    it is written out), so an alias bomb is stopped at the alias that would make the document
    larger than MAX_NODES values, before anything is expanded, and an alias to a value that
    contains it is reported where it stands.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._nodes = 0
        self._expanded = 0  # values that expanding the aliases so far adds
        self._sizes: dict[int, int] = {}  # id of a composed node -> its expanded size

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose one node, counting it (and what an alias expands to) against the bounds."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit("yaml-aliases", f"more than {MAX_ALIASES} aliases", mark, _NO_ANCHORS)
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # the anchored value is still being composed: it would contain itself
                raise _Limit("yaml-aliases", "the alias refers to a value that contains it", mark, _NO_ANCHORS)
            self._expanded += size
            if self._nodes + self._expanded > MAX_NODES:
                raise _Limit("yaml-size", f"more than {MAX_NODES} values (after expanding aliases)", mark, _NO_ANCHORS)
            return node
        self._nodes += 1
        if self._nodes + self._expanded > MAX_NODES:
            if self._expanded:
                raise _Limit(
                    "yaml-size",
                    f"more than {MAX_NODES} values (after expanding aliases)",
                    self.peek_event().start_mark,
                    _NO_ANCHORS,
                )
            raise _Limit(
                "yaml-size",
                f"more than {MAX_NODES} values",
                self.peek_event().start_mark,
                "split the data into smaller files",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Limit("yaml-depth", f"nesting deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, yaml.MappingNode):
            self._sizes[id(node)] = 1 + sum(self._sizes[id(value)] for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            self._sizes[id(node)] = 1 + sum(self._sizes[id(item)] for item in node.value)
        else:
            self._sizes[id(node)] = 1
        return node


# JSON (and YAML 1.2) numbers such as 1E4 or 1.8e+6, which YAML 1.1 would read as text.
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"), list("-+0123456789.")
)

_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _hint_for_syntax(problem: str, text: str, mark: Any) -> str | None:
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "'\\t'" in problem or "\\t" in problem or "\t" in line:
        if "\t" in line[: _indent(line) + 1] or line.lstrip(" ").startswith("\t"):
            return "YAML does not allow tabs for indentation; use spaces"
        return "replace the tab inside the text with a space (or put the whole text in quotes)"
    if "mapping values are not allowed" in problem:
        previous = next((p for p in reversed(lines[: mark.line]) if p.strip()), "")
        if (
            re.match(r"^\s*[A-Za-z0-9_$-]+:(\s|$)", line)
            and _indent(line) > _indent(previous)
            and not previous.rstrip().endswith(":")
        ):
            return (
                f"this line is indented deeper ({_indent(line)} spaces) than the line before "
                f"({_indent(previous)}); keys of one mapping must start in the same column"
            )
        return "put a text that contains ': ' in quotes, for example: en: \"Note: this applies\""
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "check the indentation: keys of one mapping must start in the same column"
    return None


class _Builder:
    """Turns composed nodes into plain data, recording positions and problems."""

    def __init__(self, doc: Document, constructor: yaml.SafeLoader):
        self.doc = doc
        self.constructor = constructor
        self.nodes = 0
        self.diagnostics: list[Diagnostic] = []

    def problem(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.doc.name, mark.line + 1, mark.column + 1, ERROR, code, message, hint))

    def build(self, node: Any, path: YamlPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Limit("yaml-size", f"more than {MAX_NODES} values (after expanding aliases)", node.start_mark)
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(
                    node.start_mark,
                    "yaml-tag",
                    f"tag '{node.tag}' is not allowed",
                    "remove the tag; only plain lists are accepted",
                )
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        if node.tag != _MAP:
            self.problem(
                node.start_mark,
                "yaml-tag",
                f"tag '{node.tag}' is not allowed",
                "remove the tag; only plain mappings are accepted",
            )
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node.start_mark, "yaml-key", "a key must be a plain name, not a list or mapping")
                continue
            key = str(key_node.value)
            child = path + (key,)
            if key in result:
                first = self.doc.key_positions.get(child, (0, 0))
                self.problem(
                    key_node.start_mark,
                    "duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first[0]})",
                    "each key may appear once in a mapping; remove or merge one of them",
                )
                continue
            self.doc.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        self.doc.styles[path] = node.style
        self.doc.spans[path] = (node.start_mark.index, node.end_mark.index)
        tag = node.tag
        if tag == _STR:
            if node.style == '"' and _SURROGATE.search(node.value):  # only escapes can make one
                try:  # JSON writes a character beyond U+FFFF as an escaped pair (json.dumps does): join it
                    return node.value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
                except UnicodeDecodeError:
                    pass
                self.problem(
                    node.start_mark,
                    "yaml-text",
                    "the text holds a lone surrogate (an escape such as \\ud800 that is not a character)",
                    "remove the escape or write the character itself",
                )
                return ""
            return node.value
        if tag == _NULL:
            return None
        # An explicit tag (!!bool, !!int, !!timestamp) can put any text under a tag: check it first.
        if tag == _BOOL:
            if node.value.lower() not in self.constructor.bool_values:
                self.problem(
                    node.start_mark,
                    "yaml-tag",
                    f"'{node.value}' is not true or false",
                    "write true or false, or remove the !!bool tag",
                )
                return None
            if node.style is None and node.value.lower() in _YAML11_BOOLEANS - {"true", "false"}:
                self.doc.plain_booleans[path] = node.value
            return self.constructor.construct_yaml_bool(node)
        if tag == _INT:
            if len(node.value) > 30:
                self.problem(
                    node.start_mark,
                    "yaml-number",
                    f"the number '{node.value[:20]}…' has more than 30 digits",
                    "write an ordinary number",
                )
                return None
            if not _PLAIN_INT.match(node.value):
                try:
                    read = f" (YAML would read it as {self.constructor.construct_yaml_int(node)})"
                except (ValueError, IndexError):
                    read = ""
                self.problem(
                    node.start_mark,
                    "yaml-number",
                    f"'{node.value}' is not a plain decimal number{read}",
                    "write the number without leading zeros, ':' or a 0x/0o/0b prefix, "
                    "or put it in quotes if it is a text",
                )
                return None
            return self.constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return self._decimal(node)
        if tag == _TIMESTAMP:
            if not self.constructor.timestamp_regexp.match(node.value):
                self.problem(
                    node.start_mark,
                    "yaml-date",
                    f"'{node.value}' is not a date",
                    "write dates as YYYY-MM-DD, or remove the !!timestamp tag",
                )
                return node.value
            try:
                value = self.constructor.construct_yaml_timestamp(node)
            except ValueError as exc:
                self.problem(
                    node.start_mark,
                    "yaml-date",
                    f"'{node.value}' is not a valid date: {exc}",
                    "write dates as YYYY-MM-DD with a day that exists in that month",
                )
                return node.value
            if isinstance(value, _dt.datetime):
                return node.value  # a date with a time: left as text for the schema to reject
            return value
        self.problem(
            node.start_mark,
            "yaml-tag",
            f"tag '{tag}' is not allowed",
            "remove the tag; only plain text, numbers, booleans and dates are accepted",
        )
        return None

    def _decimal(self, node: yaml.ScalarNode) -> Decimal | None:
        text = node.value.replace("_", "")
        if ":" in text:
            self.problem(
                node.start_mark,
                "yaml-number",
                f"'{node.value}' is read as a base-60 number",
                "write an ordinary number such as 12.5, or put it in quotes if it is a text",
            )
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.problem(
                node.start_mark,
                "yaml-number",
                f"'{node.value}' is not a finite number",
                "write an ordinary number such as 12.5",
            )
            return None
        return value


def load_text(text: str, name: str) -> tuple[Document | None, list[Diagnostic]]:
    """Load one YAML or JSON document from ``text``.

    Returns:
        The document (``None`` when it could not be read at all) and its diagnostics.
    """
    doc = Document(name=name, data=None, text=text)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            return None, [Diagnostic(name, 1, 1, ERROR, "empty-file", "the file holds no data")]
        builder = _Builder(doc, loader)
        doc.data = builder.build(node, ())
        return doc, builder.diagnostics
    except _Limit as exc:
        mark = exc.mark
        return None, [Diagnostic(name, mark.line + 1, mark.column + 1, ERROR, exc.code, exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "the YAML cannot be read"
        return None, [Diagnostic(name, line, col, ERROR, "yaml-syntax", problem, _hint_for_syntax(problem, text, mark))]
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow, such as control characters
        line, column = line_column(text, exc.position)
        character = chr(exc.character) if isinstance(exc.character, int) else exc.character
        return None, [
            Diagnostic(
                name,
                line,
                column,
                ERROR,
                "yaml-syntax",
                f"the character {character!r} is not allowed in YAML",
                "remove the control character; only printable text is accepted",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(name, 1, 1, ERROR, "yaml-syntax", str(exc))]
    except RecursionError:
        return None, [Diagnostic(name, 1, 1, ERROR, "yaml-depth", "the document is nested too deeply")]


_BOM = "\ufeff"


def decode(raw: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file bytes as UTF-8 (a leading byte-order mark is allowed)."""
    if len(raw) > MAX_BYTES:
        return None, [
            Diagnostic(name, 1, 1, ERROR, "file-too-large", f"the file is {len(raw)} bytes; the limit is {MAX_BYTES}")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        return None, [
            Diagnostic(
                name,
                line,
                column,
                ERROR,
                "encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]
    if text.startswith(_BOM):
        text = text[1:]
    return text, []


def load_file(path: str | Path, name: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Read and load one file; ``-`` reads standard input."""
    display = name or str(path)
    size = None  # of a file that holds more than MAX_BYTES: only its first MAX_BYTES + 1 bytes are read
    try:
        if str(path) == "-":
            import sys

            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
                if len(raw) > MAX_BYTES:
                    size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        return None, [Diagnostic(display, 1, 1, ERROR, "unreadable", f"cannot read the file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        message = (
            f"the file is {size} bytes; the limit is {MAX_BYTES}"
            if size and size > MAX_BYTES
            else f"the input is larger than the limit of {MAX_BYTES} bytes"
        )
        return None, [Diagnostic(display, 1, 1, ERROR, "file-too-large", message)]
    text, diagnostics = decode(raw, display)
    if text is None:
        return None, diagnostics
    return load_text(text, display)


def value_at(data: Any, path: YamlPath) -> Any:
    """The value at ``path`` in loaded data (the path must exist)."""
    for part in path:
        data = data[part]
    return data


_SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")


def looks_like_slash_date(value: object) -> bool:
    """True for texts like ``13/09/2021`` that a person meant as a date."""
    return isinstance(value, str) and bool(_SLASH_DATE.match(value))
