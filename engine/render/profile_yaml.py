"""Writing a profile as YAML that :func:`engine.load.profile.load_profile` reads back to the same data.

Keys follow the order of the profile schema, texts are double-quoted unless they are
plain lower-case words (so no text can turn into a number, a date or a boolean), numbers are written exactly (a Decimal
without exponent), dates as YYYY-MM-DD. The file is written atomically: a temporary
file in the same folder, then renamed over the target.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..files import write_whole
from ..load.schemas import resolve, schema

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PLAIN_WORD = re.compile(r"^[a-z][a-z_-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}


def _order(value: Any, node: dict[str, Any], base: str = "profile") -> Any:
    """The value with every mapping's keys in the order the schema lists them (unknown keys last)."""
    while "$ref" in node:
        node, base = resolve(node["$ref"], base)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        keys = [k for k in properties if k in value] + [k for k in value if k not in properties]
        return {k: _order(value[k], properties.get(k, {}), base) for k in keys}
    if isinstance(value, list):
        return [_order(v, node.get("items", {}), base) for v in value]
    return value


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return "null"
    text = str(value)
    if _PLAIN_WORD.match(text) and text not in _YAML_WORDS:
        return text
    # JSON's escapes are YAML's; YAML also folds NEL and the Unicode line separators, so they are escaped too
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _lines(value: Any, indent: str) -> list[str]:
    """Block YAML lines of a mapping or list, each starting with ``indent``."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{indent}{_key(key)}:")
                out += _lines(item, indent + "  ")
            else:
                out.append(f"{indent}{_key(key)}: {_flow(item)}")
        return out
    for item in value:
        if isinstance(item, (dict, list)) and item:
            inner = _lines(item, indent + "  ")
            out.append(f"{indent}- {inner[0].strip()}")
            out += inner[1:]
        else:
            out.append(f"{indent}- {_flow(item)}")
    return out


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dump_profile(data: dict[str, Any], comment: str | None = None) -> str:
    """The profile as YAML text, keys in schema order, optionally headed by a ``#`` comment line."""
    head = [f"# {line}" for line in comment.splitlines()] if comment else []
    return "\n".join(head + _lines(_order(data, schema("profile")), "")) + "\n"


def write_profile(path: str | Path, data: dict[str, Any], comment: str | None = None) -> None:
    """Write the profile to ``path`` atomically (temporary file in the same folder, then rename).

    Raises:
        OSError: when the folder cannot be written.
    """
    write_whole(path, dump_profile(data, comment))
