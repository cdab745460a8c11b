"""docs/authoring.md cannot drift: every YAML snippet is checked and every console block is re-run.

The guide marks each ```yaml block with a first line ``# check: KIND``:

- ``measure``: a whole measure file; it goes into a rule set with a copy of rules/facts and
  must load without errors.
- ``facts``: a whole facts file; it goes into a copy of the shipped rule set (as
  ``facts/<id>.yaml``) and must load without errors.
- ``profile``: a whole company profile, checked as ``subsidie evaluate`` checks it.
- ``cases``: a whole case file; it must pass the cases schema and all its cases must pass,
  against the shipped rules or, when the block is a scenario file, that scenario's rules.
- ``SCHEMA#/POINTER`` (``measure#/$defs/dated_value``, ``cases#/properties/cases/items``):
  a fragment, validated against that part of the schema; a list is checked item by item
  unless the sub-schema itself is a list.
- ``invalid LINE:COL CODE``: a deliberately wrong measure file; that exact diagnostic must
  be among check_rules' results.

HTML comments just before a block tie it to a scenario, a folder the test builds in a
temporary directory, replaying the guide's edits in order:

- ``<!-- file: SCENARIO PATH -->``: the block (check line included) is the file PATH;
- ``<!-- insert: SCENARIO PATH before "LINE" -->``: the block (without its check line) goes
  in before the line LINE of PATH;
- ``<!-- append: SCENARIO PATH -->``: the block (without its check line) goes at the end of PATH;
- ``<!-- run: SCENARIO -->`` before a ```console block: each ``$ subsidie ...`` line is run
  in the scenario's folder (``SUBSIDIE_RULES=rules``) and what follows it in the block must
  be exactly the command's output (standard output and error, as a terminal shows them);
  ``<!-- run: SCENARIO with PATH "OLD" -> "NEW" -->`` runs with a one-off replacement in PATH.

Set ``UPDATE_AUTHORING_GUIDE=1`` to rewrite the console blocks with the real output (then
read the diff before committing it).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cases.rule_cases import run_cases
from engine.cli import main
from engine.load.profile import parse_profile
from engine.load.ruleset import check_rules
from engine.load.schemas import json_view, resolve, validator_for
from engine.load.yaml_loader import load_text

from .conftest import EXAMPLES, ROOT, RULES

GUIDE = ROOT / "docs" / "authoring.md"

# How each scenario's folder starts: a copy of the shipped rule set (with its cases), or
# only the shipped facts (without their cases); "rules+base" also holds a second copy of the
# shipped rules in base-rules/ (for ``subsidie diff --base base-rules``) and the example
# profiles in examples/profiles/.
SCENARIOS = {"new-rate": "rules", "new-measure": "rules", "mistakes": "facts", "recipes": "rules+base"}

_COMMENT = re.compile(r"^<!--\s*(file|insert|append|run):\s*(.*?)\s*-->$")
_CHECK = re.compile(r"^# check: (.+?)\s*$")


@dataclass
class Block:
    lang: str
    text: str
    line: int  # the guide line of the opening fence
    end: int  # the guide line of the closing fence
    directives: list[tuple[str, str]] = field(default_factory=list)

    @property
    def check(self) -> str | None:
        first = self.text.split("\n", 1)[0]
        found = _CHECK.match(first)
        return found.group(1) if found else None

    @property
    def body(self) -> str:
        """The block without its check line."""
        return self.text.split("\n", 1)[1] if self.check else self.text


def parse_guide(text: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[tuple[str, str]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        comment = _COMMENT.match(line.strip())
        if comment:
            pending.append((comment.group(1), comment.group(2)))
        elif line.startswith("```"):
            lang = line[3:].strip()
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            blocks.append(Block(lang, "\n".join(lines[i + 1 : j]) + "\n", i + 1, j + 1, pending))
            pending = []
            i = j
        elif line.strip():
            pending = []
        i += 1
    return blocks


BLOCKS = parse_guide(GUIDE.read_text(encoding="utf-8"))
YAML_BLOCKS = [b for b in BLOCKS if b.lang == "yaml"]
RUN_BLOCKS = [b for b in BLOCKS if any(kind == "run" for kind, _ in b.directives)]


def _ids(blocks: list[Block]) -> list[str]:
    return [f"line{b.line}-{(b.check or b.lang).split()[0]}" for b in blocks]


# -- scenarios ----------------------------------------------------------------------


def _directive_target(argument: str) -> tuple[str, str, str]:
    scenario, path, rest = (argument.split(None, 2) + ["", ""])[:3]
    return scenario, path, rest


def build_scenario(name: str, upto: Block, folder: Path) -> Path:
    """The scenario's folder as it stands at block ``upto`` (that block's own edits included)."""
    assert name in SCENARIOS, f"unknown scenario '{name}'; known: {', '.join(SCENARIOS)}"
    rules = folder / "rules"
    if SCENARIOS[name] == "facts":
        shutil.copytree(RULES / "facts", rules / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    else:
        shutil.copytree(RULES, rules)
    if SCENARIOS[name] == "rules+base":
        shutil.copytree(RULES, folder / "base-rules")
        shutil.copytree(EXAMPLES, folder / "examples" / "profiles")
    for block in BLOCKS:
        if block.line > upto.line:
            break
        for kind, argument in block.directives:
            if kind == "run":
                continue
            scenario, path, rest = _directive_target(argument)
            if scenario != name:
                continue
            target = folder / path
            if kind == "file":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.text, encoding="utf-8")
            elif kind == "append":
                old = target.read_text(encoding="utf-8")
                target.write_text(old.rstrip("\n") + "\n\n" + block.body, encoding="utf-8")
            else:
                anchor = re.fullmatch(r'before (".*")', rest)
                assert anchor, f'guide line {block.line}: write insert: SCENARIO PATH before "LINE"'
                anchor_line = shlex.split(anchor.group(1))[0]
                lines = target.read_text(encoding="utf-8").split("\n")
                assert lines.count(anchor_line) == 1, (
                    f"guide line {block.line}: '{anchor_line}' is not one line of {path}"
                )
                at = lines.index(anchor_line)
                lines[at:at] = block.body.rstrip("\n").split("\n")
                target.write_text("\n".join(lines), encoding="utf-8")
    return folder


def _run_directive(block: Block) -> tuple[str, list[tuple[str, str, str]]]:
    argument = next(a for kind, a in block.directives if kind == "run")
    name, _, rest = argument.partition(" ")
    replacements = []
    if rest:
        words = shlex.split(rest)
        assert words[0] == "with" and len(words) % 4 == 1, f'guide line {block.line}: run: S with PATH "OLD" -> "NEW"'
        for k in range(1, len(words), 4):
            assert words[k + 2] == "->"
            replacements.append((words[k], words[k + 1], words[k + 3]))
    return name, replacements


def _commands(block: Block) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in block.text.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        else:
            assert pairs, f"guide line {block.line}: a console block starts with a '$ subsidie ...' line"
            pairs[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in pairs]


def run_command(command: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    words = shlex.split(command)
    assert words[0] == "subsidie", f"only subsidie commands can be run: {command}"
    monkeypatch.chdir(folder)
    runner = CliRunner(
        env={
            "SUBSIDIE_RULES": "rules",
            "GITHUB_ACTIONS": None,
            "LANG": "en_GB.UTF-8",
            "LC_ALL": None,
            "LC_MESSAGES": None,
        }
    )
    result = runner.invoke(main, words[1:], catch_exceptions=False)
    return result.output.rstrip("\n")


# -- the tests ------------------------------------------------------------------------


def test_the_guide_has_snippets_and_scenarios():
    assert len(YAML_BLOCKS) >= 10
    assert {_run_directive(b)[0] for b in RUN_BLOCKS} == set(SCENARIOS)
    for block in BLOCKS:
        if block.lang == "console":
            assert block in RUN_BLOCKS, (
                f"guide line {block.line}: a console block needs <!-- run: SCENARIO --> before it"
            )


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=_ids(YAML_BLOCKS))
def test_yaml_snippet(block: Block, tmp_path: Path) -> None:
    check = block.check
    assert check, f"guide line {block.line}: a yaml block starts with '# check: ...'"
    files = [_directive_target(a) for kind, a in block.directives if kind == "file"]
    if check == "measure":
        _check_measure(block, tmp_path)
    elif check == "facts":
        _check_facts(block, tmp_path)
    elif check == "cases":
        _check_cases(block, tmp_path, files)
    elif check == "profile":
        profile, problems = parse_profile(block.text, "snippet.yaml")
        assert profile is not None and not problems, [str(p) for p in problems]
    elif check.startswith("invalid "):
        _check_invalid(block, check, tmp_path, files)
    else:
        _check_fragment(block, check)


def _measure_id(text: str, default: str) -> str:
    found = re.search(r"^id: ([a-z0-9-]+)\s*$", text, re.M)
    return found.group(1) if found else default


def _check_measure(block: Block, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "facts", rules / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    (rules / f"{_measure_id(block.text, 'snippet')}.yaml").write_text(block.text, encoding="utf-8")
    found, diagnostics = check_rules(rules)
    errors = [str(d) for d in diagnostics if d.severity == "error"]
    assert found is not None and not errors, f"guide line {block.line}:\n" + "\n".join(errors)


def _check_facts(block: Block, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "facts" / f"{_measure_id(block.text, 'snippet')}.yaml").write_text(block.text, encoding="utf-8")
    found, diagnostics = check_rules(rules)
    errors = [str(d) for d in diagnostics if d.severity == "error"]
    assert found is not None and not errors, f"guide line {block.line}:\n" + "\n".join(errors)


def _check_cases(block: Block, tmp_path: Path, files: list[tuple[str, str, str]]) -> None:
    doc, problems = load_text(block.text, "snippet.cases.yaml")
    assert doc is not None and not problems, [str(p) for p in problems]
    validator_for("cases").validate(json_view(doc.data))
    if files:
        scenario, path, _ = files[0]
        folder = build_scenario(scenario, block, tmp_path)
        rules, _ = check_rules(folder / "rules")
        case_file = folder / path
    else:
        rules, _ = check_rules(RULES)
        case_file = tmp_path / "snippet.cases.yaml"
        case_file.write_text(block.text, encoding="utf-8")
    assert rules is not None
    results, diagnostics = run_cases(rules, [case_file])
    assert not diagnostics, [str(d) for d in diagnostics]
    assert len(results) == len(doc.data["cases"])
    failures = [f"{r.case.name}: {f}" for r in results for f in r.failures]
    assert not failures, f"guide line {block.line}:\n" + "\n".join(failures)


def _check_invalid(block: Block, check: str, tmp_path: Path, files: list[tuple[str, str, str]]) -> None:
    wanted = re.fullmatch(r"invalid (\d+):(\d+) ([a-z0-9-]+)", check)
    assert wanted, f"guide line {block.line}: write '# check: invalid LINE:COL CODE'"
    line, column, code = int(wanted.group(1)), int(wanted.group(2)), wanted.group(3)
    name = Path(files[0][1]).name if files else f"{_measure_id(block.text, 'snippet')}.yaml"
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "facts", rules / "facts", ignore=shutil.ignore_patterns("*.cases.yaml"))
    (rules / name).write_text(block.text, encoding="utf-8")
    _, diagnostics = check_rules(rules)
    mine = [d for d in diagnostics if Path(d.file).name == name]
    assert any((d.line, d.column, d.code) == (line, column, code) for d in mine), (
        f"guide line {block.line}: expected {line}:{column} {code}, found:\n" + "\n".join(map(str, mine))
    )


def _check_fragment(block: Block, check: str) -> None:
    name, _, pointer = check.partition("#")
    assert name in ("measure", "facts", "cases", "profile") and pointer.startswith("/"), (
        f"guide line {block.line}: unknown check '{check}'"
    )
    doc, problems = load_text(block.text, "snippet.yaml")
    assert doc is not None and not problems, [str(p) for p in problems]
    target, _ = resolve("#" + pointer, name)
    validator = validator_for(name, pointer)
    data = json_view(doc.data)
    items = data if isinstance(data, list) and target.get("type") != "array" else [data]
    for item in items:
        errors = [e.message for e in validator.iter_errors(item)]
        assert not errors, f"guide line {block.line}: {errors}"


@pytest.mark.parametrize("block", RUN_BLOCKS, ids=_ids(RUN_BLOCKS))
def test_console_block(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name, replacements = _run_directive(block)
    folder = build_scenario(name, block, tmp_path)
    for path, old, new in replacements:
        target = folder / path
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"guide line {block.line}: '{old}' is not once in {path}"
        target.write_text(text.replace(old, new), encoding="utf-8")
    actual = []
    for command, expected in _commands(block):
        output = run_command(command, folder, monkeypatch)
        actual.append(f"$ {command}\n{output}" if output else f"$ {command}")
        if not os.environ.get("UPDATE_AUTHORING_GUIDE"):
            assert output == expected, f"guide line {block.line}: '{command}' printed:\n{output}"
    if os.environ.get("UPDATE_AUTHORING_GUIDE"):
        _rewrite(block, "\n".join(actual) + "\n")


def _rewrite(block: Block, text: str) -> None:
    """Put ``text`` into the guide as the content of ``block`` (found again by its order: lines may have moved)."""
    index = RUN_BLOCKS.index(block)
    content = GUIDE.read_text(encoding="utf-8")
    current = [b for b in parse_guide(content) if any(kind == "run" for kind, _ in b.directives)][index]
    lines = content.split("\n")
    lines[current.line : current.end - 1] = text.rstrip("\n").split("\n")
    GUIDE.write_text("\n".join(lines), encoding="utf-8")


def test_diagnostic_codes_in_the_reference_exist():
    """Every code in the guide's reference table is one the engine can report."""
    text = GUIDE.read_text(encoding="utf-8")
    reference = text.split("## Diagnostic codes", 1)[1]
    codes = re.findall(r"^\| `([a-z0-9-]+)` \|", reference, re.M)
    assert len(codes) >= 20
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "engine").rglob("*.py")))
    unknown = [code for code in codes if f'"{code}"' not in source]
    assert not unknown, f"codes the engine does not report: {unknown}"


def test_the_table_of_project_kinds_names_the_measures_of_each_kind():
    """The recipe "Which project kind to choose" lists, per kind, the shipped measures checked for it."""
    rules, _ = check_rules(RULES)
    assert rules is not None
    section = GUIDE.read_text(encoding="utf-8").split("### Which project kind to choose", 1)[1].split("\n\n**", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| ([^|]+) \|$", section, re.M)
    assert [kind for kind, _ in rows] == [
        "advice",
        "training",
        "improvement_trajectory",
        "development",
        "research",
        "icon",
        "startup",
    ]
    for kind, cell in rows:
        named = {word for word in re.findall(r"[a-z][a-z-]+", cell) if word in rules.measures}
        assert named == {m.id for m in rules.measures.values() if kind in m.applies_to}, kind
