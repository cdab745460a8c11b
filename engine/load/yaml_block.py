"""Plain data from a YAML text of the common block shape, read line by line: the fastest path of a profile.

A profile as people and ``yaml.safe_dump`` write it is a mapping of block mappings and block lists, one
value a line: ``key: value``, ``- key: value``, ``- value``, a key alone on its line before its nested
value, ``[]`` and ``{}``, comments. :func:`block_data` reads exactly that, with no event or node object per
value (libyaml's events cost some ten thousand instructions a value in Python), and gives up (None) on
anything else, where :func:`~engine.load.yaml_plain.plain_data` and the positional reader take over: a
flow collection other than ``[]`` and ``{}``, a block scalar (``|``, ``>``), a value over several lines,
an anchor, alias, tag or directive, a second document, a quoted key or one that is not a text, a
duplicate key, a double-quoted text with an escape, a tab, a carriage return, a character YAML refuses
or reads as a line break, a text without a final line break, more values or deeper nesting than the
positional reader's bounds allow, and every value the builder would refuse or read otherwise
(:func:`~engine.load.yaml_plain.plain_scalar`). Where it reads a text, it gives the positional reader's
data: its plain values are typed by the same resolvers and the same conversions.
"""

from __future__ import annotations

import re
from typing import Any

from .yaml_bounds import MAX_DEPTH, MAX_NODES
from .yaml_plain import STR_TAG, GiveUp, plain_scalar, plain_tag

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

# Every byte but line feeds, printable ASCII and the bytes of other UTF-8 characters: what is left after
# they are deleted is a control character, a tab or a carriage return.
_KEPT = bytes([10, *range(0x20, 0x7F), *range(0x80, 0x100)])
_C1 = re.compile(b"\xc2[\x80-\x9f]")  # U+0080 to U+009F in UTF-8, NEL among them
_REFUSED = (
    "\u2028".encode(),  # YAML's line and paragraph separators
    "\u2029".encode(),
    "\ufeff".encode(),  # a byte-order mark after the start
    "\ufffe".encode(),  # not characters
    "\uffff".encode(),
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def block_data(text: str) -> Any:
    """The data the positional reader gives for ``text`` (a mapping or a list) when ``text`` is of the block shape
    this module reads, else None (see the module)."""
    start = text.lstrip(" \n")[:1]
    if not text.endswith("\n") or start in ("{", "[", ""):
        return None  # JSON, flow YAML or nothing: for the other readers
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return None  # a lone surrogate
    if raw.translate(None, _KEPT) or (b"\xc2" in raw and _C1.search(raw)) or any(c in raw for c in _REFUSED):
        return None
    lines: list[tuple[int, str]] = []
    append = lines.append
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            append((len(line) - len(content), content))  # trailing spaces are left to the values
    if not lines or lines[0][0] != 0:
        return None
    append((-1, ""))  # the end: below every indentation
    reader = _Reader(lines)
    try:
        value, at = reader.block(0, 0, 0)
    except (GiveUp, RecursionError):
        return None
    if at < len(lines) - 1 or reader.nodes > MAX_NODES:
        return None
    return value


class _Reader:
    """One text's lines, without blank lines and comments, as (indentation, content), and what reading them has
    found so far. Each method reads from line ``at`` on and returns where it stopped."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.lines = lines
        self.nodes = 1  # values read (keys among them), as the composer counts them: the document's own
        self.known: dict[str, Any] = {}  # a value as written -> the value (dates and amounts repeat)
        self.keys: set[str] = set()  # the keys seen, each a plain text

    def key(self, key: str) -> None:
        """Check a key seen for the first time: a plain text (not a number, null or a boolean)."""
        if _KEY.fullmatch(key) is None or plain_tag(key) != STR_TAG:
            raise GiveUp
        self.keys.add(key)

    def block(self, at: int, indent: int, depth: int) -> tuple[Any, int]:
        """The block mapping or list whose first line is line ``at``, at ``indent``, inside ``depth`` others."""
        if depth >= MAX_DEPTH - 1:
            raise GiveUp  # at the bound: the positional reader reports it
        if self.lines[at][1][:2] == "- ":
            return self.sequence(at, indent, depth + 1)
        return self.mapping(at, indent, depth + 1, self.lines[at][1])

    def mapping(self, at: int, indent: int, depth: int, content: str) -> tuple[dict[str, Any], int]:
        """A block mapping whose keys stand at ``indent``; ``content``: its first line's, from the first key on."""
        lines = self.lines
        known = self.known
        keys = self.keys
        result: dict[str, Any] = {}
        while True:
            key, colon, rest = content.partition(": ")
            if not colon:
                if content[-1:] != ":":
                    raise GiveUp
                key = content[:-1]
            elif rest[:1] == " ":
                rest = rest.lstrip(" ")
            if key not in keys:
                self.key(key)
            if key in result:
                raise GiveUp  # a duplicate key
            at += 1
            following = lines[at][0]
            if rest and rest[0] != "#":
                value = known.get(rest, known)
                result[key] = self.scalar(rest, depth) if value is known else value
                if following > indent:
                    raise GiveUp  # a value over several lines, or a problem
            elif following > indent:
                result[key], at = self.block(at, following, depth)
                following = lines[at][0]
            elif following == indent and lines[at][1][:2] == "- ":
                result[key], at = self.block(at, indent, depth)  # a list at the key's own indentation
                following = lines[at][0]
            else:
                result[key] = None
            if following != indent:
                if following > indent:
                    raise GiveUp
                self.nodes += 2 * len(result)
                return result, at
            content = lines[at][1]

    def sequence(self, at: int, indent: int, depth: int) -> tuple[list[Any], int]:
        """A block list whose dashes stand at ``indent``."""
        lines = self.lines
        known = self.known
        keys = self.keys
        result: list[Any] = []
        while True:
            content = lines[at][1]
            if content[:2] != "- ":
                raise GiveUp  # a dash alone on its line, or a problem
            item = content[2:]
            if item[:1] == " ":
                item = item.lstrip(" ")
            colon = item.find(":")
            if (
                colon > 0
                and item[colon + 1 : colon + 2] in (" ", "")
                and (item[:colon] in keys or _KEY.fullmatch(item, 0, colon))
            ):
                if depth >= MAX_DEPTH - 1:
                    raise GiveUp
                value, at = self.mapping(at, indent + len(content) - len(item), depth + 1, item)
                result.append(value)  # a mapping that starts on the dash's line
            elif not item or item[0] == "#" or (item[0] == "-" and item[1:2] in (" ", "")):
                raise GiveUp  # an empty item, or a list in a list on one line
            else:
                value = known.get(item, known)
                result.append(self.scalar(item, depth) if value is known else value)
                at += 1
                if lines[at][0] > indent:
                    raise GiveUp
            following = lines[at][0]
            if following != indent or lines[at][1][:2] != "- ":
                if following > indent:
                    raise GiveUp
                self.nodes += len(result)
                return result, at

    def scalar(self, rest: str, depth: int) -> Any:
        """The value written ``rest``, perhaps with a comment after it, inside ``depth`` collections; a text,
        number, date, boolean or null is kept for the next time it is written alike."""
        text = rest.rstrip(" ")
        if text == "[]" or text == "{}" or text[:3] in ("[] ", "{} "):
            if text[2:] and text[2:].lstrip(" ")[0] != "#":
                raise GiveUp
            if depth >= MAX_DEPTH:
                raise GiveUp
            return [] if text[0] == "[" else {}
        value = self.known[rest] = _scalar(text)
        return value


def _scalar(rest: str) -> Any:
    """The value of a quoted or plain scalar on one line (see :meth:`_Reader.scalar`)."""
    first = rest[0]
    if first == "'":
        parts = []
        start = 1
        while True:
            end = rest.find("'", start)
            if end < 0:
                raise GiveUp  # over several lines
            if rest[end + 1 : end + 2] == "'":
                parts.append(rest[start : end + 1])
                start = end + 2
                continue
            parts.append(rest[start:end])
            _after_quote(rest[end + 1 :])
            return "".join(parts)
    if first == '"':
        end = rest.find('"', 1)
        if end < 0 or "\\" in rest[1:end]:
            raise GiveUp  # over several lines, or an escape
        _after_quote(rest[end + 1 :])
        return rest[1:end]
    if first in _INDICATORS and not (first == "-" and rest[1:2] not in ("", " ")):
        raise GiveUp  # an anchor, alias, tag, block scalar, flow collection or reserved character
    cut = rest.find(" #")
    text = rest[:cut].rstrip(" ") if cut >= 0 else rest
    if ": " in text or text.endswith(":"):
        raise GiveUp
    return plain_scalar(text, plain_tag(text))


def _after_quote(after: str) -> None:
    """Nothing but a comment may follow a quoted text on its line."""
    if after and (after[0] != " " or after.lstrip(" ")[0] != "#"):
        raise GiveUp
