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

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import ScalarEvent
from yaml.resolver import Resolver

from ..diagnostics import ERROR, Diagnostic, Phrase, diagnostic_at, phrase
from ..diagnostics import YamlPath as YamlPath  # re-exported: the loaders' users name paths with it
from ..files import NotAPlainFile, open_plain
from ..records import field, record
from .file_problems import not_a_file, too_large, unreadable
from .scalar_positions import line_column, scalar_map
from .yaml_bounds import IMPLICIT_RESOLVERS as IMPLICIT_RESOLVERS
from .yaml_bounds import LIBYAML, MAX_ALIASES, MAX_DEPTH, MAX_NODES, libyaml_reads_alike
from .yaml_bounds import MAX_BYTES as MAX_BYTES
from .yaml_plain import GiveUp, marked_data
from .yaml_values import NodeBuilder, SizeLimit


@record(frozen=False)
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


_NO_ANCHORS = phrase("diagnostics.yaml-anchors-hint")


class _NotSure(Exception):
    """libyaml read a text on which its positions could differ from PyYAML's: read it again in Python."""


class _Bounded(Composer):
    """A composer that bounds nesting depth, alias use and the size of the document once aliases are expanded.

    Every composed node records its expanded size (the values it stands for once each alias in
    it is written out), so an alias bomb is stopped at the alias that would make the document
    larger than MAX_NODES values, before anything is expanded, and an alias to a value that
    contains it is reported where it stands. The events come from PyYAML's pure-Python parser
    (:class:`_Loader`) or from libyaml (:class:`_FastLoader`).
    """

    if TYPE_CHECKING:  # the parser's, from PyYAML's Parser or libyaml's CParser

        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> Any: ...

    def start_bounds(self) -> None:
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
                raise SizeLimit(
                    "yaml-aliases", phrase("diagnostics.yaml-aliases", limit=MAX_ALIASES), mark, _NO_ANCHORS
                )
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # the anchored value is still being composed: it would contain itself
                raise SizeLimit("yaml-aliases", phrase("diagnostics.yaml-alias-loop"), mark, _NO_ANCHORS)
            self._expanded += size
            if self._nodes + self._expanded > MAX_NODES:
                raise SizeLimit(
                    "yaml-size", phrase("diagnostics.yaml-size-aliases", limit=MAX_NODES), mark, _NO_ANCHORS
                )
            return node
        self._nodes += 1
        if self._nodes + self._expanded > MAX_NODES:
            if self._expanded:
                raise SizeLimit(
                    "yaml-size",
                    phrase("diagnostics.yaml-size-aliases", limit=MAX_NODES),
                    self.peek_event().start_mark,
                    _NO_ANCHORS,
                )
            raise SizeLimit(
                "yaml-size",
                phrase("diagnostics.yaml-size", limit=MAX_NODES),
                self.peek_event().start_mark,
                phrase("diagnostics.yaml-size-hint"),
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise SizeLimit(
                "yaml-depth", phrase("diagnostics.yaml-depth", limit=MAX_DEPTH), self.peek_event().start_mark
            )
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


class _Loader(_Bounded, yaml.SafeLoader):
    """The pure-Python reader: the reference, and what every problem is reported from."""

    yaml_implicit_resolvers = IMPLICIT_RESOLVERS

    def __init__(self, stream: str):
        yaml.SafeLoader.__init__(self, stream)
        self.start_bounds()


_FAST: type[_Bounded] | None = None

if LIBYAML:
    # libyaml, where the platform's PyYAML has it: the same events, read some ten times faster
    from yaml._yaml import CParser

    class _FastLoader(_Bounded, CParser, SafeConstructor, Resolver):
        """libyaml's parser under the same bounded composer (Python), constructor and resolvers.

        libyaml only scans and parses; composing (with every bound), resolving tags and building
        the data stay the Python code above, so a document it reads gives exactly what the
        pure-Python reader gives. Anything it cannot read goes to the pure-Python reader, whose
        messages and positions are the ones users see.
        """

        yaml_implicit_resolvers = IMPLICIT_RESOLVERS

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self.start_bounds()
            self._end = len(stream)

        def compose_node(self, parent: Any, index: Any) -> Any:
            """As the bounded composer; a value that starts at the end of the text is left to the pure-Python reader.

            At the end of a text without a final line break libyaml puts the position on a new line (an
            empty value in ``key:`` at the very end stands at line 2, column 1 of ``key:``); PyYAML puts it
            after the last character. Only such a value can stand there. A value tagged only ``!``
            goes there too: libyaml reads an empty one as an empty text, PyYAML as no value.
            """
            event = self.peek_event()
            if event.__class__ is ScalarEvent and event.tag == "!":
                raise _NotSure
            node = super().compose_node(parent, index)
            if node.start_mark.index >= self._end:
                raise _NotSure
            return node

        # the composer's entry points, which CParser also defines (in C, without our bounds)
        get_single_node = Composer.get_single_node
        get_node = Composer.get_node
        check_node = Composer.check_node

    _FAST = _FastLoader


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """The 0-based column where the line's key starts: after its indentation and any list dashes (``  - key:``)."""
    column = _indent(line)
    while line[column : column + 2] in ("- ", "-\t"):
        column += 2
        column += _indent(line[column:])
    return column


_KEY = r"^\s*(?:-\s+)*([A-Za-z0-9_$-]+):\s"  # compiled by re at its first use: only a problem needs it


def _quoted(value: str) -> str:
    """``value`` as a YAML text in quotes: double quotes, or single ones when it holds a double quote."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def syntax_words(problem: str, text: str, mark: Any) -> tuple[Phrase, Phrase | None]:
    """What a YAML syntax error means, in plain words, and how to fix it: the parser's own words (``expected
    <block end>, but found '<block mapping start>'``) are for programmers, so the common mistakes (a tab, an
    indentation, a ': ' in a text) get a sentence of their own; the rest names the parser's problem."""
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    previous = next((p for p in reversed(lines[: mark.line]) if p.strip()), "") if mark is not None else ""
    if "'\\t'" in problem or "\\t" in problem or "\t" in line:
        if "\t" in line[: _indent(line) + 1] or line.lstrip(" ").startswith("\t"):
            spaces = _key_column(previous) + (2 if previous.rstrip().endswith(":") else 0)
            return phrase("diagnostics.yaml-tab"), phrase("diagnostics.yaml-tab-hint", spaces=spaces)
        return phrase("diagnostics.yaml-tab-in-text"), phrase("diagnostics.yaml-tab-in-text-hint")
    if "mapping values are not allowed" in problem:
        key = re.match(_KEY, line)
        if key is not None and ": " in line[key.end() :] + " " and mark.column >= key.end():
            value = line[key.end() :].strip()
            return (
                phrase("diagnostics.yaml-colon", key=key.group(1)),
                phrase("diagnostics.yaml-colon-hint", example=f"{key.group(1)}: {_quoted(value)}"),
            )
        if key is not None and _key_column(line) > _key_column(previous) and not previous.rstrip().endswith(":"):
            return (
                phrase("diagnostics.yaml-deeper", spaces=_key_column(line), above=_key_column(previous)),
                phrase("diagnostics.yaml-deeper-hint", above=_key_column(previous)),
            )
        return phrase("diagnostics.yaml-colon-unclear"), phrase("diagnostics.yaml-colon-unclear-hint")
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return (
            phrase("diagnostics.yaml-indentation", spaces=_key_column(line), above=_key_column(previous)),
            phrase("diagnostics.yaml-indentation-hint", above=_key_column(previous)),
        )
    if "found '<stream end>'" in problem:
        return phrase("diagnostics.yaml-ends-early"), None
    if "found unexpected end of stream" in problem:
        return phrase("diagnostics.yaml-unclosed-quote"), phrase("diagnostics.yaml-unclosed-quote-hint")
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        return phrase("diagnostics.yaml-flow"), phrase("diagnostics.yaml-flow-hint")
    return phrase("diagnostics.yaml-other", problem=problem), None


def _compose(loader_class: type, text: str) -> Any:
    loader = loader_class(text)
    try:
        return loader, loader.get_single_node()
    finally:
        loader.dispose()


def load_text(text: str, name: str, *, fast: bool = True) -> tuple[Document | None, list[Diagnostic]]:
    """Load one YAML or JSON document from ``text``.

    The text is read by libyaml where PyYAML has it, and by PyYAML's pure-Python reader when
    libyaml is missing, when the text holds a tab (which libyaml accepts inside a text and the
    pure-Python reader does not), a question mark inside a plain text of a flow collection, a
    comment straight after ``|`` or ``>``, a byte-order mark after the start, a NEL, LS or PS
    line break or a character that reader refuses, and whenever libyaml stops at a problem: the
    pure-Python reader's messages and positions are the ones reported, so both ways give the
    same result (a property test and the fuzz harness compare them).

    libyaml's events are first built into data in one pass (:func:`~engine.load.yaml_plain.marked_data`),
    which gives up on anything to report (a tag, an alias, a duplicate key, a number it would refuse);
    such a text is composed into nodes within the bounds and built by
    :class:`~engine.load.yaml_values.NodeBuilder`, which reports it.
    ``SUBSIDIE_PURE_YAML=1`` (or ``fast=False``) always uses the pure-Python reader.

    Returns:
        The document (``None`` when it could not be read at all) and its diagnostics.
    """
    if fast and _FAST is not None and libyaml_reads_alike(text, questions=True):
        doc = Document(name=name, data=None, text=text)
        try:
            doc.data = marked_data(text, doc)
        except GiveUp:
            pass  # something to report or to read otherwise: composed below, within the same bounds
        else:
            return doc, []
        if "?" not in text:  # the composer does not look for a question mark where libyaml reads it otherwise
            try:
                loader, node = _compose(_FAST, text)
            except (SizeLimit, yaml.YAMLError, RecursionError, _NotSure):
                pass  # read it again below, for the reference messages and positions
            else:
                return _build(Document(name=name, data=None, text=text), loader, node)
    doc = Document(name=name, data=None, text=text)
    try:
        loader, node = _compose(_Loader, text)
        return _build(doc, loader, node)
    except SizeLimit as exc:
        return None, [_limit(name, exc)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "the YAML cannot be read"
        message, hint = syntax_words(problem, text, mark)
        return None, [diagnostic_at(name, line, col, ERROR, "yaml-syntax", message, hint)]
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow, such as control characters
        line, column = line_column(text, exc.position)
        character = chr(exc.character) if isinstance(exc.character, int) else exc.character
        return None, [
            diagnostic_at(
                name,
                line,
                column,
                ERROR,
                "yaml-syntax",
                phrase("diagnostics.yaml-character", character=repr(character)),
                phrase("diagnostics.yaml-character-hint"),
            )
        ]
    except yaml.YAMLError as exc:
        return None, [diagnostic_at(name, 1, 1, ERROR, "yaml-syntax", phrase("diagnostics.yaml-other", problem=exc))]
    except RecursionError:
        return None, [diagnostic_at(name, 1, 1, ERROR, "yaml-depth", phrase("diagnostics.yaml-too-deep"))]


def _limit(name: str, exc: SizeLimit) -> Diagnostic:
    """The diagnostic of a bound of the loader passed, at the value where it was passed."""
    mark = exc.mark
    return diagnostic_at(name, mark.line + 1, mark.column + 1, ERROR, exc.code, exc.message, exc.hint)


def _build(doc: Document, loader: Any, node: Any) -> tuple[Document | None, list[Diagnostic]]:
    """Plain data from the composed ``node`` (None: the text holds no document)."""
    if node is None:
        return None, [diagnostic_at(doc.name, 1, 1, ERROR, "empty-file", phrase("diagnostics.empty-file"))]
    builder = NodeBuilder(doc, loader, MAX_NODES)
    try:
        doc.data = builder.build(node, ())
    except SizeLimit as exc:
        return None, [_limit(doc.name, exc)]
    return doc, builder.diagnostics


_BOM = "\ufeff"


def decode(raw: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file bytes as UTF-8 (a leading byte-order mark is allowed)."""
    if len(raw) > MAX_BYTES:
        return None, [too_large(name, len(raw), MAX_BYTES)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        return None, [
            diagnostic_at(
                name,
                line,
                column,
                ERROR,
                "encoding",
                phrase("diagnostics.encoding", byte=f"0x{raw[exc.start]:02x}"),
                phrase("diagnostics.encoding-hint"),
            )
        ]
    if text.startswith(_BOM):
        text = text[1:]
    return text, []


def load_file(
    path: str | Path, name: str | None = None, *, found: bool = False
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and load one file; ``-`` reads standard input.

    ``found`` marks a file the engine found by itself in a folder (a rule file, a case file, an
    example profile): it is read only if it is a plain file (:func:`engine.files.open_plain`),
    while a file named by the user may also be a pipe (``<(...)``).
    """
    display = name or str(path)
    text, diagnostics = read_text(path, display, found=found)
    if text is None:
        return None, diagnostics
    return load_text(text, display)


def read_text(path: str | Path, display: str, *, found: bool = False) -> tuple[str | None, list[Diagnostic]]:
    """The text of one file (``-``: standard input) within the size bound, decoded, as :func:`load_file` reads
    it; or None and why not."""
    size = None  # of a file that holds more than MAX_BYTES: only its first MAX_BYTES + 1 bytes are read
    try:
        if str(path) == "-":
            import sys

            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open_plain(path) if found else open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
                if len(raw) > MAX_BYTES:
                    size = os.fstat(handle.fileno()).st_size
    except NotAPlainFile as exc:
        return None, [not_a_file(display, exc.kind)]
    except OSError as exc:
        return None, [unreadable(display, exc)]
    if len(raw) > MAX_BYTES:
        return None, [too_large(display, size, MAX_BYTES)]
    return decode(raw, display)


def value_at(data: Any, path: YamlPath) -> Any:
    """The value at ``path`` in loaded data (the path must exist)."""
    for part in path:
        data = data[part]
    return data


_SLASH_DATE = r"^\d{1,2}/\d{1,2}/\d{2,4}$"  # compiled by re at its first use


def looks_like_slash_date(value: object) -> bool:
    """True for texts like ``13/09/2021`` that a person meant as a date."""
    return isinstance(value, str) and bool(re.match(_SLASH_DATE, value))
