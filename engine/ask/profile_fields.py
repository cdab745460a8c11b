"""The fields of a company profile, addressed by path, and a few telling example values of each.

A concrete path names one value in a profile as the output's ``missing`` list does (docs/output.md)
('company.employees', 'projects[0].cost', 'aid_received[1].date'); its generic path
names the field in the profile schema ('projects[].cost'). :func:`fields` maps every
generic path to its schema node (``$ref`` resolved), in the schema's order.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache
from typing import Any

from ..load.schemas import resolve, schema

Path_ = list[str | int]
INDEX = re.compile(r"\[(\d+)\]")


def split(path: str) -> Path_:
    """'projects[0].cost' -> ['projects', 0, 'cost']."""
    parts: Path_ = []
    for name in path.split("."):
        head, *indices = name.split("[")
        parts.append(head)
        parts += [int(i.rstrip("]")) for i in indices]
    return parts


def generic(path: str) -> str:
    """'projects[0].cost' -> 'projects[].cost': the path of the field in the schema."""
    return INDEX.sub("[]", path)


@cache
def fields() -> dict[str, dict[str, Any]]:
    """Every field of the profile schema by generic path, in schema order, ``$ref`` resolved."""
    found: dict[str, dict[str, Any]] = {}

    def node_of(node: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
        while "$ref" in node:
            target, base = resolve(node["$ref"], base)
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, base

    def visit(prefix: str, node: dict[str, Any], base: str) -> None:
        for key, sub in node.get("properties", {}).items():
            if key == "$schema":
                continue
            sub, sub_base = node_of(sub, base)
            path = f"{prefix}.{key}" if prefix else key
            found[path] = sub
            if sub.get("type") == "object":
                visit(path, sub, sub_base)
            elif sub.get("type") == "array":
                visit(path + "[]", node_of(sub["items"], sub_base)[0], sub_base)

    visit("", schema("profile"), "profile")
    return found


def join(parts: Path_) -> str:
    """['projects', 0, 'cost'] -> 'projects[0].cost'."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def required(container: str) -> set[str]:
    """The required field names of a container: '' (the profile), an object, or a list ('x' or 'x[]': its items)."""
    if not container:
        return set(schema("profile").get("required", ()))
    container = container.removesuffix("[]")
    node = fields()[container]
    if node.get("type") == "array":
        node = item_node(container)
    return set(node.get("required", ()))


def item_node(array_path: str) -> dict[str, Any]:
    """The schema node of one item of a list field."""
    items = fields()[array_path]["items"]
    return resolve(items["$ref"], "profile")[0] if "$ref" in items else items


def leaves(array_or_object: str) -> list[str]:
    """The generic paths of the direct fields of a list item or an object."""
    prefix = array_or_object + ("[]" if fields()[array_or_object].get("type") == "array" else "")
    return [p for p in fields() if p.startswith(prefix + ".") and "." not in p[len(prefix) + 1 :]]


def walk(data: Any, parts: Path_) -> Any:
    """The value at split path ``parts`` inside ``data``, or None."""
    for part in parts:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def figures(container: str) -> list[dict[str, Any]]:
    """A low and a high example of an object, or of a list's item, whose required fields are all numbers
    (enterprise figures); none for any other."""
    needed = required(container)
    nodes = {p.rsplit(".", 1)[1]: fields()[p] for p in leaves(container)}
    if not needed or any(nodes[n].get("type") not in ("number", "integer") for n in needed):
        return []
    return [
        {n: min(nodes[n].get("maximum", 10**9), 10**9) if high else nodes[n].get("minimum", 0) for n in sorted(needed)}
        for high in (False, True)
    ]


def example_values(node: dict[str, Any], day: _dt.date) -> list[Any]:
    """Values of a plain field that together reach every branch a rule may take on it: both booleans,
    every enum value, dates from ten years before ``day`` to a year after, numbers from the least to the most."""
    if node.get("type") == "boolean":
        return [True, False]
    if "enum" in node:
        return list(node["enum"])
    if node.get("format") == "date":
        return [day + _dt.timedelta(days=d) for d in (-3650, -400, -15, 0, 400)]
    if node.get("type") in ("number", "integer"):
        low, high = node.get("minimum", 0), node.get("maximum", 10**12)
        return sorted({v for v in (low, 1, 10, 100, 10**4, 10**6, 10**9, high) if low <= v <= high})
    return []
