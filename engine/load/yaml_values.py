"""Plain data from composed YAML nodes, with the position, style and span of every value.

:mod:`engine.load.yaml_loader` composes a document into nodes within its bounds; this module
turns the nodes into plain Python data (dicts, lists, texts, ints, Decimals, dates, booleans,
None) and records where each value stands, and reports what plain data does not allow: a tag,
a duplicate key, a key that is not a scalar, a number YAML would misread, a date that does not
exist, a lone surrogate.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import yaml

from ..diagnostics import ERROR, Diagnostic, Either, Phrase, YamlPath, diagnostic_at, phrase

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Positions(Protocol):
    """Where the values of a document stand: what :class:`NodeBuilder` records."""

    positions: dict[YamlPath, tuple[int, int]]
    key_positions: dict[YamlPath, tuple[int, int]]
    styles: dict[YamlPath, str | None]
    plain_booleans: dict[YamlPath, str]
    spans: dict[YamlPath, tuple[int, int]]
    name: str


class SizeLimit(Exception):
    """A bound of the loader was passed at ``mark`` (too many values, too deep, too many aliases)."""

    def __init__(self, code: str, message: Phrase, mark: Any, hint: Phrase | None = None):
        super().__init__(str(message))
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


class NodeBuilder:
    """Turns composed nodes into plain data, recording positions and problems."""

    def __init__(self, doc: Positions, constructor: yaml.constructor.SafeConstructor, max_nodes: int):
        self.doc = doc
        self.constructor = constructor
        self.nodes = 0
        self.max_nodes = max_nodes
        self.diagnostics: list[Diagnostic] = []

    def problem(self, mark: Any, code: str, message: Phrase, hint: Phrase | None = None) -> None:
        self.diagnostics.append(
            diagnostic_at(self.doc.name, mark.line + 1, mark.column + 1, ERROR, code, message, hint)
        )

    def build(self, node: Any, path: YamlPath) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise SizeLimit("yaml-size", phrase("diagnostics.yaml-size-aliases", limit=self.max_nodes), node.start_mark)
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(
                    node.start_mark,
                    "yaml-tag",
                    phrase("diagnostics.yaml-tag", tag=node.tag),
                    phrase("diagnostics.yaml-tag-list-hint"),
                )
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        if node.tag != _MAP:
            self.problem(
                node.start_mark,
                "yaml-tag",
                phrase("diagnostics.yaml-tag", tag=node.tag),
                phrase("diagnostics.yaml-tag-mapping-hint"),
            )
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node.start_mark, "yaml-key", phrase("diagnostics.yaml-key"))
                continue
            key = str(key_node.value)
            child = path + (key,)
            if key in result:
                first = self.doc.key_positions.get(child, (0, 0))
                self.problem(
                    key_node.start_mark,
                    "duplicate-key",
                    phrase("diagnostics.duplicate-key", key=key, line=first[0]),
                    phrase("diagnostics.duplicate-key-hint", line=first[0]),
                )
                continue
            self.doc.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        style = node.style or None  # libyaml writes a plain scalar's style as '', PyYAML as None
        self.doc.styles[path] = style
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
                    phrase("diagnostics.yaml-surrogate"),
                    phrase("diagnostics.yaml-surrogate-hint"),
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
                    phrase("diagnostics.yaml-not-boolean", value=node.value),
                    phrase("diagnostics.yaml-not-boolean-hint"),
                )
                return None
            if style is None and node.value.lower() in _YAML11_BOOLEANS - {"true", "false"}:
                self.doc.plain_booleans[path] = node.value
            return self.constructor.construct_yaml_bool(node)
        if tag == _INT:
            if len(node.value) > 30:
                self.problem(
                    node.start_mark,
                    "yaml-number",
                    phrase("diagnostics.yaml-number-digits", start=node.value[:20]),
                    phrase("diagnostics.yaml-number-digits-hint"),
                )
                return None
            if not _PLAIN_INT.match(node.value):
                try:
                    number = self.constructor.construct_yaml_int(node)
                except (ValueError, IndexError):
                    message = phrase("diagnostics.yaml-not-decimal", value=node.value)
                else:
                    message = phrase("diagnostics.yaml-not-decimal-read", value=node.value, number=number)
                self.problem(node.start_mark, "yaml-number", message, phrase("diagnostics.yaml-not-decimal-hint"))
                return None
            return self.constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return self._decimal(node)
        if tag == _TIMESTAMP:
            if not self.constructor.timestamp_regexp.match(node.value):
                self.problem(
                    node.start_mark,
                    "yaml-date",
                    phrase("diagnostics.yaml-not-a-date", value=node.value),
                    phrase("diagnostics.yaml-not-a-date-hint"),
                )
                return node.value
            try:
                value = self.constructor.construct_yaml_timestamp(node)
            except ValueError as exc:
                self.problem(
                    node.start_mark,
                    "yaml-date",
                    phrase("diagnostics.yaml-date", value=node.value, reason=Either(f": {exc}", "")),
                    phrase("diagnostics.yaml-date-hint"),
                )
                return node.value
            if isinstance(value, _dt.datetime):
                return node.value  # a date with a time: left as text for the schema to reject
            return value
        self.problem(
            node.start_mark,
            "yaml-tag",
            phrase("diagnostics.yaml-tag", tag=tag),
            phrase("diagnostics.yaml-tag-value-hint"),
        )
        return None

    def _decimal(self, node: yaml.ScalarNode) -> Decimal | None:
        text = node.value.replace("_", "")
        if ":" in text:
            self.problem(
                node.start_mark,
                "yaml-number",
                phrase("diagnostics.yaml-base-60", value=node.value),
                phrase("diagnostics.yaml-base-60-hint"),
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
                phrase("diagnostics.yaml-not-finite", value=node.value),
                phrase("diagnostics.yaml-not-finite-hint"),
            )
            return None
        return value
