"""Plain data from a YAML or JSON text at libyaml's pace, in one pass over libyaml's events.

The positional reader (:func:`engine.load.yaml_loader.load_text` composing nodes, read back by
:class:`~engine.load.yaml_values.NodeBuilder`) builds a node per value and reports every problem.
Here the same data is built straight from libyaml's events, within the same bounds (values, depth),
giving up on anything the positional reader would report or might read otherwise: an alias or
anchor, an explicit tag, a duplicate key, a key that is not a text, a number or date the builder
would refuse, a lone surrogate, more than one document, the texts libyaml and PyYAML may read
differently (a question mark inside a plain text of a flow collection, an empty value after a
``?``, those of :func:`~engine.load.yaml_bounds.libyaml_reads_alike`), or no libyaml at all.

- :func:`plain_data` gives the data without positions, the fast path of a profile: its caller
  (:mod:`engine.load.profile`) checks the data and reads the text again with the positional reader
  only when there is something to report, so every message keeps its line and column.
- :func:`marked_data` also writes where each value stands, as the builder does: the loader's first
  way of reading a rule, case or profile file; what it gives up on is composed and reported.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .yaml_bounds import IMPLICIT_RESOLVERS, MAX_DEPTH, MAX_NODES, libyaml_reads_alike
from .yaml_values import Positions

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BOOLEANS = SafeConstructor.bool_values
_YAML11_ONLY = {"yes", "no", "on", "off", "y", "n"}  # booleans YAML 1.2 and JSON read as texts


class GiveUp(Exception):
    """Something the positional reader must read (and report, or read otherwise)."""


class _Resolver(Resolver):
    """The implicit tags of the positional reader."""

    yaml_implicit_resolvers = IMPLICIT_RESOLVERS


STR_TAG = _STR
_RESOLVE: Callable[[Any, str, tuple[bool, bool]], str] = _Resolver().resolve


def plain_tag(text: str) -> str:
    """The tag of a plain scalar written ``text``, as the positional reader resolves it."""
    return _RESOLVE(yaml.ScalarNode, text, (True, False))


def plain_scalar(value: str, tag: str) -> Any:
    """A plain scalar's value under its implicit ``tag``, as :class:`~engine.load.yaml_values.NodeBuilder` gives it."""
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLEANS[value.lower()]
    if tag == _INT:
        if len(value) > 30 or not _PLAIN_INT.match(value):
            raise GiveUp
        return int(value.replace("_", ""))
    if tag == _FLOAT:
        text = value.replace("_", "")
        if ":" in text:
            raise GiveUp
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise GiveUp from None
        if not number.is_finite():
            raise GiveUp
        return number
    if tag == _TIMESTAMP:
        day = _DAY.match(value)
        if day is None:
            raise GiveUp  # a date with a time, or with one-digit parts: left to the builder
        try:
            return _dt.date(int(day[1]), int(day[2]), int(day[3]))
        except ValueError:
            raise GiveUp from None
    raise GiveUp


def plain_data(text: str) -> Any:
    """The data the positional reader gives for ``text`` when it reports no problem, else None (see the module)."""
    if not libyaml_reads_alike(text, questions=True):
        return None
    try:
        return _parse(text, None)
    except GiveUp:
        return None


def marked_data(text: str, doc: Positions) -> Any:
    """The data the positional reader gives for ``text``, with where each value stands written into ``doc`` as
    :class:`~engine.load.yaml_values.NodeBuilder` writes it (its positions, key positions, styles, spans and
    plain YAML 1.1 booleans).

    Raises:
        GiveUp: on anything the positional reader would report or might read otherwise (see the module), and
            when libyaml is missing; ``doc`` may then hold part of the positions.
    """
    if not libyaml_reads_alike(text, questions=True):
        raise GiveUp
    return _parse(text, doc)


def _parse(text: str, doc: Positions | None) -> Any:
    from yaml._yaml import CParser

    parser = CParser(text)
    try:
        return _read(parser.get_event, text, doc)
    except (yaml.YAMLError, RecursionError):
        raise GiveUp from None
    finally:
        parser.dispose()


_NO_KEY = object()  # an open mapping's next scalar is a key


def _read(get: Any, source: str, doc: Positions | None) -> Any:
    """The document of libyaml's events ``get`` for the text ``source``: built in one pass, with the composer's
    bounds; with ``doc``, where each value stands is written into it."""
    end = len(source)
    asked = "?" in source  # a question mark somewhere: a key indicator, or in a text
    known: dict[str, Any] = {}  # a plain scalar's text -> its value (texts repeat: dates, amounts, keys' values)
    scalar, mapping, sequence, stop = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
        yaml.CollectionEndEvent,
    )
    if get().__class__ is not yaml.StreamStartEvent or get().__class__ is not yaml.DocumentStartEvent:
        raise GiveUp
    if doc is not None:
        positions, key_positions, styles, spans = doc.positions, doc.key_positions, doc.styles, doc.spans
    # the open container (a list or a mapping), whether it is a mapping, a mapping's key waiting for its value
    # (or _NO_KEY), with doc the container's path, and whether a flow collection holds it; those of the
    # containers around it, outermost first; how many are open
    top: Any = None
    in_mapping = False
    key: Any = _NO_KEY
    here: tuple[Any, ...] = ()
    outer: list[tuple[Any, bool, Any, tuple[Any, ...], bool]] = []
    flow = False  # within a flow collection ([...] or {...})
    depth = 0
    nodes = 0
    while True:
        event = get()
        kind = event.__class__
        if kind is scalar:
            nodes += 1
            if nodes > MAX_NODES or depth >= MAX_DEPTH or event.anchor is not None or event.tag is not None:
                raise GiveUp  # too many values or too deep, an anchor or a tag: the positional reader reports it
            text = event.value
            if asked and event.implicit[0] and (not text or (flow and "?" in text)):
                # libyaml reads a question mark inside a plain text of a flow collection (PyYAML stops there) and
                # places an empty value after a '?' otherwise
                raise GiveUp
            start = event.start_mark
            if start.index >= end:
                raise GiveUp  # where libyaml and PyYAML place it differently
            if in_mapping and key is _NO_KEY:
                if text in top:
                    raise GiveUp  # a duplicate key
                key = text
                if doc is not None:
                    key_positions[here + (key,)] = (start.line + 1, start.column + 1)
                continue
            if event.implicit[0]:  # plain: its tag from the resolvers
                value = known.get(text, known)
                if value is known:
                    value = known[text] = plain_scalar(text, plain_tag(text))
            elif event.style == '"' and _SURROGATE.search(text):
                raise GiveUp
            else:
                value = text
            if doc is not None:
                path = (here + ((key,) if in_mapping else (len(top),))) if depth else ()
                positions[path] = (start.line + 1, start.column + 1)
                styles[path] = event.style or None  # libyaml writes a plain scalar's style as ''
                spans[path] = (start.index, event.end_mark.index)
                if value.__class__ is bool and text.lower() in _YAML11_ONLY:  # only a plain scalar is a boolean
                    doc.plain_booleans[path] = text
        elif kind is mapping or kind is sequence:
            nodes += 1
            if nodes > MAX_NODES or depth >= MAX_DEPTH or event.anchor is not None or event.tag is not None:
                raise GiveUp
            if in_mapping and key is _NO_KEY:
                raise GiveUp  # a key that is a list or a mapping
            outer.append((top, in_mapping, key, here, flow))
            flow = flow or event.flow_style
            if doc is not None:
                if depth:
                    here = here + ((key,) if in_mapping else (len(top),))
                start = event.start_mark
                if start.index >= end:
                    raise GiveUp
                positions[here] = (start.line + 1, start.column + 1)
            in_mapping = kind is mapping
            top = {} if in_mapping else []
            key = _NO_KEY
            depth += 1
            continue
        elif depth and isinstance(event, stop):
            value = top
            top, in_mapping, key, here, flow = outer.pop()
            depth -= 1
        else:  # an alias, the end of a document without a value
            raise GiveUp
        if not depth:
            if get().__class__ is not yaml.DocumentEndEvent or get().__class__ is not yaml.StreamEndEvent:
                raise GiveUp  # a second document
            return value
        if in_mapping:
            top[key] = value
            key = _NO_KEY
        else:
            top.append(value)
