"""Hostile rule expressions, planted in a copy of the shipped rules and run through the real commands.

One table of attacks (``ATTACKS``): escapes towards Python (dunder chains, ``__import__``,
``getattr``, lambdas, comprehensions, f-strings, method calls), resource attacks (``9**9**9``, a
text repeated a billion times, 10,000 nested parentheses, a 100 kB expression, too many parts,
too deep nesting, huge literals) and names that look like others (Unicode confusables). Each is
written into a condition (``when:``), and one attack of each kind also into an amount formula
(``base:``), of ``kmo-portefeuille.yaml``; ``validate`` must report it at its exact line and column (exit 1),
and ``evaluate``, ``test`` and ``batch`` must refuse the rule set with the same diagnostics
(exit 2; all attacks planted at once), every run within 2 s and 200 MB and without a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.language.compiler import GENERATE_AFTER

from .conftest import SMALL_IT_FIRM, Engine
from .harness import assert_contained

# where an expression is planted, and how the engine names that place in its messages
CONDITION_ANCHOR = "  - use: de-minimis-ceiling\nreminders:"
BASE_ANCHOR = "  base: project.cost\n"

CSV_INPUT = (
    "project.id,company.legal_form,company.region,company.employees,company.turnover,"
    "company.balance_sheet_total,project.kind,project.theme,project.cost,project.application_date,"
    "project.provider_registered\n"
    "p1,bv,flanders,12,1800000,900000,advice,cybersecurity,10000,2026-03-01,true\n"
)


def plant(rules: Path, slot: str, expression: str) -> tuple[Path, int, int]:
    """Write ``expression`` as a literal block scalar into the rule file; returns the file and the line
    and column where the expression's text starts."""
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    if slot == "condition":
        anchor, block, indent = (
            CONDITION_ANCHOR,
            (
                "  - use: de-minimis-ceiling\n  - id: extra\n    when: |-\n"
                "      {x}\n    text: {{nl: x, en: x}}\n    source: https://x.org\nreminders:"
            ),
            6,
        )
    else:
        anchor, block, indent = BASE_ANCHOR, "  base: |-\n    {x}\n", 4
    assert text.count(anchor) == 1
    start = text.index(anchor)
    edited = text.replace(anchor, block.format(x=expression))
    line = edited.count("\n", 0, start) + block.split("{x}")[0].count("\n") + 1
    path.write_text(edited, encoding="utf-8")
    return path, line, indent + 1


@dataclass(frozen=True)
class Attack:
    """A hostile expression ``source`` (a number-valued one, so that it fits both slots) and the
    diagnostic it must give: its code, message and hint, and where it stands.

    ``at`` is a text in ``source`` whose start is the position, or a function of the planted
    expression giving the offset; None means the block scalar as a whole (the schema's length
    limit, checked before any parsing: its message then says ``{length}`` characters).
    """

    name: str
    source: str
    code: str
    message: str
    at: str | Callable[[str], int] | None = ""
    hint: str | None = None


_ALLOWED = (
    "use names, numbers, 'texts', comparisons, and/or/not, + - * /, x if c else y, in [...] and the engine's functions"
)

ATTACKS = [
    # escapes towards Python's object model and builtins
    Attack(
        "dunder-attribute",
        "project.__class__",
        "syntax-not-allowed",
        "names starting with '_' are not allowed: '__class__'",
    ),
    Attack(
        "dunder-chain",
        "().__class__.__base__.__subclasses__()",
        "syntax-not-allowed",
        "only the engine's functions can be called, by name",
    ),
    Attack(
        "dunder-name", "__builtins__", "syntax-not-allowed", "names starting with '_' are not allowed: '__builtins__'"
    ),
    Attack(
        "import-call",
        "__import__('os').system('touch PWNED')",
        "syntax-not-allowed",
        "only the engine's functions can be called, by name",
    ),
    Attack("import", "__import__('os')", "unknown-function", "unknown function '__import__'"),
    Attack("getattr", "getattr(project, 'cost')", "unknown-function", "unknown function 'getattr'"),
    Attack("eval", "eval('1')", "unknown-function", "unknown function 'eval'"),
    Attack(
        "lambda",
        "max(lambda: 1, 2)",
        "syntax-not-allowed",
        "a lambda is not allowed in rule expressions",
        at="lambda",
        hint=_ALLOWED,
    ),
    Attack("lambda-call", "(lambda: 1)()", "syntax-not-allowed", "only the engine's functions can be called, by name"),
    Attack(
        "list-comprehension",
        "max([x for x in [1, 2]])",
        "syntax-not-allowed",
        "a comprehension is not allowed in rule expressions",
        at="[x",
        hint=_ALLOWED,
    ),
    Attack(
        "generator",
        "max(x for x in [1])",
        "syntax-not-allowed",  # Python places it at the call's '('
        "a comprehension is not allowed in rule expressions",
        at="(x",
        hint=_ALLOWED,
    ),
    Attack(
        "f-string",
        "max(f'{project.cost}', 1)",
        "syntax-not-allowed",
        "an f-string is not allowed in rule expressions",
        at="f'",
        hint=_ALLOWED,
    ),
    Attack(
        "walrus",
        "max((x := 1), 2)",
        "syntax-not-allowed",
        "assignment (:=) is not allowed in rule expressions",
        at="x :=",
        hint=_ALLOWED,
    ),
    Attack(
        "method-call",
        "'{0.__class__}'.format(1)",
        "syntax-not-allowed",
        "only the engine's functions can be called, by name",
    ),
    Attack(
        "attribute-of-a-value",
        "min(1, 2).real",
        "syntax-not-allowed",
        "only profile fields can be read with a dot (company.employees, project.cost)",
        hint="use table[key] for a parameter table",
    ),
    # resources: time and memory
    Attack(
        "power-tower",
        "9 ** 9 ** 9",
        "expression-value",
        "'9 ** 9 ** 9' can never be computed: the exponent must be a whole number up to 64, found 387420489",
        hint="every evaluation would fail here; write the number it should be",
    ),
    Attack(
        "huge-exponent-of-a-fact",
        "project.cost ** 100",
        "expression-value",
        "'project.cost ** 100' can never be computed: the exponent must be a whole number up to 64, found 100",
        hint="every evaluation would fail here; write the number it should be",
    ),
    Attack(
        "division-by-zero",
        "project.cost / 0",
        "expression-value",
        "'project.cost / 0' can never be computed: division by zero",
        hint="every evaluation would fail here; write the number it should be",
    ),
    Attack("text-repetition", "'a' * 1000000000", "type-mismatch", "'*' needs numbers, but this is a text"),
    Attack(
        "fact-repetition",
        "project.cost * (project.id * 1000000000)",
        "type-mismatch",
        "'*' needs numbers, but this is a text",
        at="project.id",
    ),
    Attack(
        "huge-literal",
        "100000000000000000000000",
        "number-too-large",
        "the number 100000000000000000000000 is too large",
    ),
    Attack(
        "long-text",
        "1 if '" + "x" * 1001 + "' == 'y' else 2",
        "string-too-long",
        "a text in an expression may have at most 1000 characters",
        at="'x",
    ),
    # Python's parser stops at the 201st '(' (offset 200)
    Attack(
        "parentheses-1000",
        "(" * 1000 + "1" + ")" * 1000,
        "expression-syntax",
        "the expression cannot be read: too many nested parentheses",
        at=lambda planted: 200,
    ),
    Attack(
        "parentheses-10000",
        "(" * 10_000 + "1" + ")" * 10_000,
        "schema-size",
        "the text has {length} characters; at most 4000 are allowed",
        at=None,
    ),
    Attack(
        "expression-100-kB",
        " + ".join(["project.cost"] * 6_700),
        "schema-size",
        "the text has {length} characters; at most 4000 are allowed",
        at=None,
    ),
    # the 401st part: the call and the list come first, so it is the 399th '1' (index 398), or the
    # 398th in a condition, where the comparison comes first
    Attack(
        "too-many-parts",
        "max([" + ", ".join(["1"] * 401) + "])",
        "expression-size",
        "the expression has more than 400 parts",
        hint="split it into facts or simpler conditions",
        at=lambda planted: len("max([") + 3 * (398 - planted.endswith(" == 1")),
    ),
    Attack("too-deep", " + ".join(["1"] * 100), "expression-size", "the expression is nested more than 40 levels deep"),
    # names that look like others
    Attack(
        "cyrillic-o-in-field",
        "project.c\u043est",
        "unknown-name",
        "unknown profile field 'project.c\u043est'",
        hint="did you mean 'project.cost'?",
    ),
    Attack(
        "cyrillic-e-in-field",
        "company.\u0435mployees",
        "unknown-name",
        "unknown profile field 'company.\u0435mployees'",
        hint="did you mean 'company.employees'?",
    ),
    Attack(
        "cyrillic-dze-in-name",
        "yearly_cap['\u0455mall']",
        "unknown-table-key",
        "the table has no entry '\u0455mall' on any date (it has: medium, micro, small)",
        at="'",
        hint="did you mean 'small'?",
    ),
    Attack(
        "greek-omicron-in-parameter",
        "yearly_cap_\u03bff_size",
        "unknown-name",
        "unknown name 'yearly_cap_\u03bff_size'",
    ),
]

WHAT = {"condition": "condition 'extra'", "base": "the base"}


def _expected(attack: Attack, slot: str, file: str, line: int, column: int, source: str) -> str:
    if attack.at is None:  # the scalar as a whole, at its '|-' indicator; schema messages name no place
        line, column = line - 1, {"condition": 11, "base": 9}[slot]
        return f"{file}:{line}:{column}: error: {attack.message.format(length=len(source))} [{attack.code}]"
    if callable(attack.at):
        column += attack.at(source)
    elif attack.at:
        column += source.index(attack.at)
    return f"{file}:{line}:{column}: error: {attack.message} in {WHAT[slot]} [{attack.code}]"


def _source(attack: Attack, slot: str) -> str:
    return f"{attack.source} == 1" if slot == "condition" else attack.source


def _check_output(run, attack: Attack, expected: str) -> None:
    lines = run.stderr.splitlines()
    assert expected in lines, run.describe()
    errors = [line for line in lines if ": error: " in line]
    assert errors == [expected], run.describe()
    if attack.hint is not None:
        assert lines[lines.index(expected) + 1] == f"  hint: {attack.hint}"


# the attacks also written into an amount formula: one of each kind (the compiler treats both places alike)
IN_BASE = {
    "dunder-chain",
    "getattr",
    "list-comprehension",
    "power-tower",
    "division-by-zero",
    "fact-repetition",
    "huge-literal",
    "parentheses-10000",
    "expression-100-kB",
    "too-many-parts",
    "cyrillic-e-in-field",
}


@pytest.mark.parametrize(
    "attack, slot",
    [(a, "condition") for a in ATTACKS] + [(a, "base") for a in ATTACKS if a.name in IN_BASE],
    ids=lambda value: value.name if isinstance(value, Attack) else value,
)
def test_validate_reports_the_attack_where_it_stands(attack: Attack, slot: str, engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    source = _source(attack, slot)
    path, line, column = plant(rules, slot, source)
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    _check_output(run, attack, _expected(attack, slot, str(path.relative_to(tmp_path)), line, column, source))
    assert run.stderr.splitlines()[-1] == "1 error(s), 0 warning(s) in 1 path(s)"
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("stage", ["schema", "compiler"])
def test_evaluate_test_and_batch_refuse_rules_holding_every_attack(stage: str, engine: Engine, rule_copy, tmp_path):
    """All attacks at once, one condition each: ``evaluate``, ``test`` and ``batch`` report every one
    where it stands, refuse the rule set (exit 2) and write nothing.

    The schema's length limit stops a file before its expressions are compiled, so the attacks the
    schema catches and those the compiler catches are planted in two separate rule sets."""
    attacks = [a for a in ATTACKS if (a.at is None) == (stage == "schema")]
    rules = rule_copy()
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    blocks = "".join(
        f"  - id: attack-{i}\n    when: |-\n      {_source(a, 'condition')}\n    text: {{nl: x, en: x}}\n"
        "    source: https://x.org\n"
        for i, a in enumerate(attacks)
    )
    text = text.replace(CONDITION_ANCHOR, "  - use: de-minimis-ceiling\n" + blocks + "reminders:")
    path.write_text(text, encoding="utf-8")
    first = text.count("\n", 0, text.index("  - id: attack-0")) + 3  # the expression line of attack 0
    expected = []
    for i, attack in enumerate(attacks):
        line = first + 5 * i
        source = _source(attack, "condition")
        expected.append(
            _expected(attack, "condition", "rules-1/kmo-portefeuille.yaml", line, 7, source).replace(
                "condition 'extra'", f"condition 'attack-{i}'"
            )
        )
    (tmp_path / "in.csv").write_text(CSV_INPUT, encoding="utf-8")
    for command in (
        ["evaluate", str(SMALL_IT_FIRM), "--rules", str(rules)],
        ["test", "--rules", str(rules)],
        ["batch", "in.csv", "-o", "out.csv", "--rules", str(rules)],
    ):
        run = engine(*command, cwd=tmp_path)
        assert_contained(run, 2)
        assert run.stdout == ""
        errors = [line for line in run.stderr.splitlines() if ": error: " in line]
        assert errors == sorted(expected, key=lambda e: int(e.split(":")[1])), run.describe()
        assert run.stderr.splitlines()[-1] == "error: the rule set has errors; run 'subsidie validate' for details"
        assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "PWNED").exists()


# -- what gets through the checks, and how evaluation bounds it -------------------------------------


def test_fullwidth_name_is_the_name_it_looks_like(engine: Engine, rule_copy, tmp_path):
    """Python folds identifiers to NFKC, so fullwidth 'ｓｉｚｅ' is the fact 'size': it reads what it shows."""
    rules = rule_copy()
    plant(rules, "condition", "\uff53\uff49\uff5a\uff45 == 'large'")
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 0)
    run = engine(
        "evaluate", str(SMALL_IT_FIRM), "--rules", str(rules), "--format", "json", "--as-of", "2026-03-01", cwd=tmp_path
    )
    assert_contained(run, 0)
    result = next(r for r in json.loads(run.stdout)["results"] if r["measure"] == "kmo-portefeuille")
    extra = next(c for c in result["conditions"] if c["id"] == "extra")
    assert (result["status"], extra["holds"], extra["reason"]) == ("not_eligible", False, "size = 'small'")


def test_parameter_with_a_lookalike_name_is_refused(engine: Engine, rule_copy, tmp_path):
    """Declared names are ASCII only, so no parameter can pose as another with a lookalike letter."""
    rules = rule_copy()
    path = rules / "kmo-portefeuille.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  yearly_cap:\n", "\n  yearly_c\u0430p:\n"), encoding="utf-8")
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    line = text.count("\n", 0, text.index("\n  yearly_cap:\n")) + 2
    assert errors == [
        f"rules-1/kmo-portefeuille.yaml:{line}:3: error: 'yearly_c\u0430p' is not a valid name in "
        "'parameters': it holds '\u0430' (U+0430 CYRILLIC SMALL LETTER A), which only looks like a "
        "plain letter [schema-name]"
    ]


RUNTIME_ATTACK = "project.cost ** company.employees > 1"  # 10,000 ** 12 = 1E+48: too large, known only at run time
RUNTIME_MESSAGE = (
    "condition 'extra' of measure 'kmo-portefeuille' ('project.cost ** company.employees > 1'): "
    "the number 1.000000000000000000000000000E+48 is too large"
)


def test_runtime_only_attack_passes_validate_and_stops_evaluate(engine: Engine, rule_copy, tmp_path):
    rules = rule_copy()
    path, _, _ = plant(rules, "condition", RUNTIME_ATTACK)
    run = engine("validate", str(rules), cwd=tmp_path)
    assert_contained(run, 0)
    run = engine("evaluate", str(SMALL_IT_FIRM), "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 2)
    assert run.stdout == ""
    assert run.stderr == f"{SMALL_IT_FIRM}: error: {path.relative_to(tmp_path)}: {RUNTIME_MESSAGE}\n"


def test_runtime_only_attack_gives_error_rows_in_batch_with_closures_and_generated_code(
    engine: Engine, rule_copy, tmp_path
):
    """GENERATE_AFTER + 24 rows: an expression runs as closures for its first GENERATE_AFTER - 1 evaluations, then
    as generated code; both fail alike, row after row, and the run goes on to the end (exit 1)."""
    rules = rule_copy()
    path, _, _ = plant(rules, "condition", RUNTIME_ATTACK)
    header, row = CSV_INPUT.splitlines()
    count = GENERATE_AFTER + 24
    (tmp_path / "in.csv").write_text(header + "\n" + "\n".join([row] * count) + "\n", encoding="utf-8")
    run = engine("batch", "in.csv", "-o", "out.csv", "--rules", str(rules), cwd=tmp_path)
    assert_contained(run, 1)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert [r["row"] for r in rows] == [str(n) for n in range(1, count + 1)]
    assert {r["error"] for r in rows} == {f"{path.relative_to(tmp_path)}: {RUNTIME_MESSAGE}"}
