"""The order in which deep chains of facts are computed, so that no chain leans on Python's recursion.

A fact that reads a fact that reads a fact... is computed, when first read, by computing
what it reads first. Each level costs a few Python frames, so a chain of a few hundred
facts used to end in ``RecursionError``. For every fact more than :data:`SHALLOW` levels
deep, :func:`deep_facts` lists the facts below it, shallowest first: the scope computes
those first (:meth:`engine.evaluate.scope.Scope.fact`), so each one finds what it reads
already computed and the nesting stays within :data:`SHALLOW` levels. Facts of usual
depth (all of the shipped rules) are computed exactly as before, when first read.
"""

from __future__ import annotations

from typing import Any

SHALLOW = 16
"""Facts up to this many levels of facts below them are computed as read, without preparation."""

_PLANS: dict[int, tuple[Any, dict[str, tuple[str, ...]]]] = {}


def depths(facts: dict[str, Any]) -> dict[str, int]:
    """How many levels of facts lie below each fact (0: it reads no fact), without recursion.

    Facts in a circle (refused when the rules load) count as reading nothing more."""
    depth: dict[str, int] = {}
    for root in sorted(facts):
        if root in depth:
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(facts[root].expression.facts))]
        on_stack = {root}
        while stack:
            name, pending = stack[-1]
            while pending and (pending[-1] in depth or pending[-1] not in facts or pending[-1] in on_stack):
                pending.pop()
            if pending:
                below = pending.pop()
                on_stack.add(below)
                stack.append((below, sorted(facts[below].expression.facts)))
                continue
            stack.pop()
            on_stack.discard(name)
            depth[name] = max(
                (depth[d] + 1 for d in facts[name].expression.facts if d in depth and d not in on_stack), default=0
            )
    return depth


def deep_facts(facts: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """For each fact more than :data:`SHALLOW` levels deep: the facts below it, shallowest first.

    Worked out once per rule set (kept by the identity of its facts)."""
    found = _PLANS.get(id(facts))
    if found is not None and found[0] is facts:
        return found[1]
    depth = depths(facts)
    plans: dict[str, tuple[str, ...]] = {}
    for name, level in depth.items():
        if level <= SHALLOW:
            continue
        below: set[str] = set()
        todo = [name]
        while todo:
            for dependency in facts[todo.pop()].expression.facts:
                if dependency in facts and dependency not in below and dependency != name:
                    below.add(dependency)
                    todo.append(dependency)
        plans[name] = tuple(sorted(below, key=lambda n: (depth.get(n, 0), n)))
    if len(_PLANS) > 16:
        _PLANS.clear()
    _PLANS[id(facts)] = (facts, plans)
    return plans


def fact_cycles(facts: dict[str, Any]) -> list[list[str]]:
    """The circles of facts that read each other, each as its trail back to its first fact, without recursion.

    A depth-first walk with its own stack (facts in sorted order, what each reads in sorted
    order), so a circle or chain of any length is found, not a ``RecursionError``; the check
    ``fact-cycle`` (:mod:`engine.load.checks.facts`) reports each circle at the fact it closes on."""
    state: dict[str, int] = {}  # 1: on the trail now, 2: done
    found: list[list[str]] = []
    for root in sorted(facts):
        if state.get(root):
            continue
        trail = [root]
        state[root] = 1
        pending = [sorted(facts[root].expression.facts, reverse=True)]
        while pending:
            if not pending[-1]:
                state[trail.pop()] = 2
                pending.pop()
                continue
            name = pending[-1].pop()
            if state.get(name) == 2 or name not in facts:
                continue
            if state.get(name) == 1:
                found.append(trail[trail.index(name) :] + [name])
                continue
            state[name] = 1
            trail.append(name)
            pending.append(sorted(facts[name].expression.facts, reverse=True))
    return found
