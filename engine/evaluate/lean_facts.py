"""The facts a lean plan reads, written into the plan's code (:mod:`.lean_code`) where it first reads them.

The generated code of an expression (:func:`engine.language.codegen.inline`) reads a fact through the scope,
``s.fact(name)``: a call that looks in the scope's facts and, the first time, calls the fact's own expression, whose
code reads the facts below it the same way. In the code of a plan, the first :data:`MAX_COPIES` places that read a
fact into a local (``x = s.fact(name)``, or the same under ``if x is _NOKEY:``) get the fact's own code written in
instead, and so on for the facts that code reads, up to :data:`MAX_DEPTH` levels: when the scope has not computed
the fact yet, its code runs there, and its value, or the unknown (:class:`~engine.language.runtime.Missing`) it
raised, is kept in the scope's facts (``known``) as :meth:`.Scope.fact` keeps it; when the scope has it, the code
asks ``s.fact`` as before. Every other read, a deep fact (:mod:`engine.language.fact_order`) and a fact without
generated code still go through ``s.fact``. A fact's value is the same wherever it is computed (from the profile and
the parameters), the same rule functions run, so the steps charged for scans of the aid history are the same, and
an error that is not an unknown is raised, and not kept, as :meth:`.Scope.fact` raises it.

Temporaries are few: the code of every expression of a plan, and of every fact written in at one level, names its
temporaries alike (:func:`retagged`), as each one's are dead once its value is read; a function's locals are all
cleared on each call, so a plan of hundreds of them paid more for that than the calls it saved.

The lines written are the code :mod:`engine.language.codegen` writes from a checked tree and names made here; the
fact's name is written as a Python literal of an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..language.codegen import inline
from ..language.compiler import symbols_of
from ..model import Fact

MAX_COPIES = 1
"""Places of one plan's code where one fact's code is written in, at most (the first places that read it; the
others ask the scope). Three places, so that a fact read in several branches is computed in the one that runs, saved
0.1k instructions a decision more than one (per_unit('decision', 500): 96.2k against 96.3k) but made the code of
that plan 2.5 times as long (182k characters against 73k) and writing it cost 169 M instructions against 95 M."""

MAX_DEPTH = 4
"""Levels of facts written in, one inside another: each adds a ``try`` block, and Python's compiler allows twenty
nested blocks in a function (a plan whose code it refuses is written without its facts, :func:`.lean_code.written`)."""

_CONSTANT = r"(?<!')\b_k{tag}(\d+)\b(?!')"

_READ = re.compile(r"^(\s*)(?:if (\w+) is _NOKEY: )?(\w+) = s\.fact\('(\w+)'\)$")
"""A line of generated code that reads one fact into a local: its indent, the guarding local, the local, the fact."""


class FactWriter:
    """Writes the facts a plan's code reads into it: each at most once, where it is first read into a local."""

    def __init__(self, facts: Mapping[str, Fact], deep: Mapping[str, Any]) -> None:
        self.facts = facts
        self.deep = deep
        self.written: dict[str, int] = {}  # the places each fact is written in so far
        self.count = 0
        self.constants: dict[str, Any] = {}
        # the code of a fact at a level, written once: its copies share its constants, and their temporaries' names
        self.code: dict[tuple[str, int], tuple[list[str], str]] = {}

    def expand(self, lines: list[str], depth: int = 0) -> list[str]:
        """``lines`` of generated code, with the facts they read into a local written in at the first
        :data:`MAX_COPIES` places (see the module)."""
        out: list[str] = []
        for line in lines:
            found = _READ.match(line) if depth < MAX_DEPTH and "s.fact(" in line else None
            if found is None:
                out.append(line)
                continue
            indent, guard, local, name = found.groups()
            code = self._code(name, depth)
            if code is None or (guard is not None and guard != local):
                out.append(line)
                continue
            if guard is not None:
                out.append(f"{indent}if {local} is _NOKEY:")
                indent += "    "
            stmts, value = code
            inner = indent + "        "
            out += [f"{indent}if {name!r} in s.known:", f"{indent}    {local} = s.fact({name!r})", f"{indent}else:"]
            out += [f"{indent}    try:", *(inner + stmt for stmt in stmts), f"{inner}{local} = {value}"]
            out += [f"{indent}    except _Missing as _fe:", f"{inner}s.known[{name!r}] = _fe", f"{inner}raise"]
            out.append(f"{indent}    s.known[{name!r}] = {local}")
        return out

    def _code(self, name: str, depth: int) -> tuple[list[str], str] | None:
        """The statements and value of fact ``name``'s code, its own fact reads written in; None when it is not to be
        written (written in :data:`MAX_COPIES` places already, deep, unknown to the rule set or without generated
        code)."""
        fact = self.facts.get(name)
        copies = self.written.get(name, 0)
        if fact is None or copies >= MAX_COPIES or name in self.deep or not name.isidentifier():
            return None
        expression = fact.expression
        tree = expression.tree
        symbols = symbols_of(expression) if tree is not None else None
        if tree is None or symbols is None:
            return None
        self.written[name] = copies + 1
        code = self.code.get((name, depth))
        if code is None:
            self.count += 1
            try:
                stmts, value, constants = retagged(
                    inline(tree, symbols, expression.source, f"f{depth}_"), f"f{depth}_", f"c{self.count}_"
                )
            except Exception:  # noqa: BLE001 - too deep or too large to write: read through the scope, as before
                self.written[name] = MAX_COPIES
                return None
            self.constants.update(constants)
            code = self.code[name, depth] = stmts, value
        return self.expand(code[0], depth + 1), code[1]


def retagged(code: tuple[list[str], str, dict[str, Any]], tag: str, own: str) -> tuple[list[str], str, dict[str, Any]]:
    """The code :func:`~engine.language.codegen.inline` wrote with ``tag`` (statements, value, constants), its
    constants named with ``own`` instead: code written with one tag in several places of a function shares the
    names of its temporaries, not those of its constants (globals of the function)."""
    stmts, value, constants = code
    pattern = re.compile(_CONSTANT.format(tag=re.escape(tag)))
    renamed = {f"_k{own}{name[len(tag) + 2 :]}": found for name, found in constants.items()}

    def rename(line: str) -> str:
        return pattern.sub(lambda m: f"_k{own}{m.group(1)}", line) if "_k" in line else line

    return [rename(line) for line in stmts], rename(value), renamed
