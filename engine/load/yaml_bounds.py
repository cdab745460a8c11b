"""The bounds of one YAML or JSON file, and what libyaml and PyYAML's pure-Python reader read alike.

Both readers of a file (:mod:`engine.load.yaml_loader`, composing nodes with positions, and
:mod:`engine.load.yaml_plain`, building data from libyaml's events in one pass) keep these bounds and
resolve plain values with the same implicit tags, and both leave to the pure-Python reader the texts
libyaml may read otherwise (:func:`libyaml_reads_alike`).
"""

from __future__ import annotations

import os
import re

import yaml
from yaml.reader import Reader
from yaml.resolver import Resolver

# The bounds of one file (docs/security.md): at these limits the worst file is answered in about a
# second of CPU and 80 MB (pure-Python PyYAML costs some 20 us and 1.2 kB per value); the largest
# shipped file (a case file) is 65 kB and 2,900 values.
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 50_000
MAX_ALIASES = 100

LIBYAML = bool(yaml.__with_libyaml__) and not os.environ.get("SUBSIDIE_PURE_YAML")
"""Whether libyaml is there to read with (PyYAML's wheels ship it; ``SUBSIDIE_PURE_YAML=1`` leaves it out)."""


class _Resolver(Resolver):
    """YAML 1.1's implicit tags, and JSON's numbers with an exponent."""


# JSON (and YAML 1.2) numbers such as 1E4 or 1.8e+6, which YAML 1.1 would read as text.
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)

IMPLICIT_RESOLVERS = _Resolver.yaml_implicit_resolvers
"""The implicit tags the readers resolve plain values with (YAML 1.1's, and JSON's numbers with an exponent)."""

# Texts the two readers may read differently, left to the pure-Python one: a tab (libyaml accepts it
# inside a text, PyYAML does not), a comment straight after a block scalar's indicator (|#,
# likewise), a byte-order mark after the start, and the rarer line breaks.
_PURE_ONLY = re.compile("[\t\ufeff\x85\u2028\u2029]|[|>][-+0-9]*#")


def libyaml_reads_alike(text: str, *, questions: bool = False) -> bool:
    """Whether libyaml is there and ``text`` holds none of what libyaml and PyYAML's pure-Python reader may read
    differently (see :func:`engine.load.yaml_loader.load_text`).

    A question mark is one of those only inside a plain text of a flow collection (libyaml reads ``{p?q: 1}``,
    PyYAML stops at the ``?``); ``questions=True`` leaves question marks to a caller that checks those texts
    itself (:mod:`engine.load.yaml_plain` does, event by event).
    """
    return (
        LIBYAML
        and (questions or "?" not in text)
        and not _PURE_ONLY.search(text)
        and not Reader.NON_PRINTABLE.search(text)
    )
