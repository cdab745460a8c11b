"""The shipped JSON Schemas: read once, looked up by name, ``$ref`` resolved, and their ``date`` format.

``schemas/*.schema.json`` (``engine/_data/schemas`` in a wheel) describe rule files, facts
files, case files and profiles. Everything that reads them goes through here:
:mod:`engine.load.validation` (positioned diagnostics with jsonschema),
:mod:`engine.load.quickcheck` (the fast yes/no check), :mod:`engine.load.completion`
(defaults and dates), and the questionnaire and the web API that read the profile
schema's questions.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported only when a document must be checked in full
    from jsonschema import Draft202012Validator

from ..resources import schemas_dir

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(value: object) -> bool:
    """The schemas' ``date`` format: a text ``YYYY-MM-DD`` naming a real day (anything but a text passes)."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    """The shipped schemas by name (tests check them against the metaschema; no check at run time)."""
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schemas_dir().glob("*.schema.json"))
    }


def schema(name: str) -> dict[str, Any]:
    """The parsed schema ``schemas/<name>.schema.json``."""
    return _schemas()[name]


@cache
def validator(name: str) -> Draft202012Validator:
    """The jsonschema validator of a shipped schema, with every shipped schema in its registry (made once)."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = _schemas()
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(is_date)
    return jsonschema.Draft202012Validator(schemas[name], registry=registry, format_checker=formats)


def validator_for(name: str, pointer: str = "") -> Draft202012Validator:
    """A jsonschema validator for a shipped schema, or for the fragment at ``pointer`` in it (for tools and tests)."""
    import jsonschema

    whole = validator(name)
    if not pointer:
        return whole
    reference = {"$ref": _schemas()[name]["$id"] + "#" + pointer}
    return jsonschema.Draft202012Validator(
        reference,
        registry=whole._resolver._registry,  # private: no public way to it
        format_checker=whole.format_checker,
    )


def resolve(ref: str, base: str) -> tuple[dict[str, Any], str]:
    """The schema node a ``$ref`` points to, from schema ``base``; and the schema it lies in."""
    file, _, pointer = ref.partition("#")
    name = file.removesuffix(".schema.json") if file else base
    node: Any = _schemas()[name]
    for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
        node = node[part]
    return node, name


def json_view(value: Any) -> Any:
    """The document as JSON Schema sees it: dates become ISO texts."""
    if isinstance(value, dict):
        return {k: json_view(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_view(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value
