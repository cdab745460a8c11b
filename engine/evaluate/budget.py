"""The bound on evaluation work: steps a profile, and a whole command, may take (issue 14, item 3).

Each file is bounded by the limits of docs/security.md, but work multiplies: projects x the
measures that apply x their expressions x the aid history each aid function reads. A
:class:`Budget` counts that work in steps and stops the evaluation with :class:`WorkLimit`
(exit 2) when it passes its bound, so every command answers within the promised time.

What costs what (worked out once per measure by :func:`expression_steps`):

- evaluating one measure for one project: for each of its expressions, and each fact they
  reach, one step, one more per :data:`NODES_PER_STEP` parts of the expression, and
  :data:`AID_CALL_STEPS` per aid function call (charged before the measure is evaluated, as
  if every expression ran);
- an aid function that scans the history (a short history, or ``subsidie explain``, which lists
  the grants each read counted): one step per :data:`SCAN_ENTRIES_PER_STEP` grants scanned.

The bounds, :data:`PROFILE_STEPS` and :data:`COMMAND_STEPS`, come from measurements on the
2-core machine of the benchmarks: the shipped rules with the most projects a profile may have
(1,000) take at most 68,000 steps (all of kind improvement_trajectory); the costliest steps
measured (thousands of conditions that each read the aid history) take about 2 µs each, so a
whole profile's budget is about 0.2 s of CPU and a command's about 0.4 s, within the 2 s a
command may take with the rules loaded (tests/adversarial/test_work_budget.py).
"""

from __future__ import annotations

import ast

from ..diagnostics import EvaluationError
from ..language.expression import Expression
from ..text.messages import say

PROFILE_STEPS = 100_000
"""The steps one profile may take (``evaluate``, ``explain``, each ``batch`` row, each ``serve`` request)."""

COMMAND_STEPS = 200_000
"""The steps all the cases of one ``subsidie test`` run may take together (and, in ``subsidie diff``, each rule set
over the whole corpus)."""

NODES_PER_STEP = 16
AID_CALL_STEPS = 6
SCAN_ENTRIES_PER_STEP = 16

MAX_COMPLETIONS = 2048
"""The most completions of the absent facts one profile's case split evaluates (:mod:`.completion`)."""

SPLIT_STEPS = 200_000
"""The most steps all the completions of one profile's case split may take together (:mod:`.completion`)."""

AID_FUNCTIONS = frozenset({"aid_total", "aid_count"})


class WorkLimit(EvaluationError):
    """The evaluation needs more steps than its budget holds."""


class Budget:
    """Steps left for one profile or one command; a profile's budget also draws on its command's."""

    __slots__ = ("command", "lang", "left", "limit")

    def __init__(self, limit: int, lang: str = "en", command: Budget | None = None):
        self.limit = limit
        self.left = limit
        self.lang = lang
        self.command = command

    def spend(self, steps: int) -> None:
        """Take ``steps`` from the budget (and its command's).

        Raises:
            WorkLimit: when no steps are left.
        """
        self.left -= steps
        if self.left < 0:
            raise WorkLimit(_message(self.limit, say("results.work-profile", self.lang), self.lang))
        if self.command is not None:
            self.command.spend(steps)

    def scan(self, entries: int) -> None:
        """Take the steps of scanning ``entries`` grants of the aid history (the call itself is charged with its
        expression, :data:`AID_CALL_STEPS`, so a scan of a short history costs what a read by bisection does)."""
        if entries >= SCAN_ENTRIES_PER_STEP:
            self.spend(entries // SCAN_ENTRIES_PER_STEP)


class CommandBudget(Budget):
    """The steps of a whole command."""

    __slots__ = ()

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise WorkLimit(_message(self.limit, say("results.work-command", self.lang), self.lang))


def _message(limit: int, what: str, lang: str) -> str:
    steps = f"{limit:,}".replace(",", "." if lang == "nl" else ",")
    return say("results.work-limit", lang, steps=steps, what=what)


def expression_steps(expression: Expression) -> int:
    """The steps of evaluating an expression once (its parts and aid function calls; not the facts it reads).

    Worked out once per expression and kept on it: the evaluators of a command (``diff``'s two rule sets and their
    re-dated copies) share its expressions."""
    found: int | None = vars(expression).get("_steps")
    if found is None:
        found = 1 if expression.tree is None else _tree_steps(expression.tree)
        object.__setattr__(expression, "_steps", found)
    return found


def _tree_steps(tree: ast.AST) -> int:
    """The steps of a syntax tree: its parts (every node :func:`ast.walk` gives) and aid function calls."""
    nodes = 0
    calls = 0
    pending = [tree]
    while pending:
        node = pending.pop()
        nodes += 1
        if node.__class__ is ast.Call and node.func.__class__ is ast.Name and node.func.id in AID_FUNCTIONS:
            calls += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                pending.append(value)
            elif value.__class__ is list:
                pending.extend(item for item in value if isinstance(item, ast.AST))
    return 1 + nodes // NODES_PER_STEP + AID_CALL_STEPS * calls
