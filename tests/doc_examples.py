"""Run the examples of a reference document (docs/profile.md, docs/output.md) so it cannot drift.

HTML comments in the Markdown, each on a line of its own, drive the examples. They are read in
document order; ``file`` and ``output`` apply to the fenced block that follows them:

- ``<!-- file: NAME -->``: the block is the file NAME of the document's work folder.
- ``<!-- copy-rules: NAME -->``: the folder NAME becomes a copy of the shipped rule set.
- ``<!-- edit: PATH "OLD" -> "NEW" -->``: the one occurrence of OLD in PATH becomes NEW.
- ``<!-- output: subsidie ARGS [; PART]... -->``: the block is exactly what the command gives.
  The command runs in the work folder, with ``SUBSIDIE_RULES=rules`` (a copy of the shipped
  rules) and an English locale; ``< FILE`` at the end of ARGS feeds FILE to standard input.
  What the block holds: a ```json block is the command's standard output, or with
  ``; select /json/pointer`` that part of it (written as the engine writes JSON); with
  ``; show FILE`` the block is the file the command wrote; any other block is what a terminal
  shows (standard output and standard error). ``; exit N`` also checks the exit code.

Rule digests (``"rules_digest": "sha256:..."``) change with every edit of a rule file, so they
are compared by form only. Set ``UPDATE_DOC_EXAMPLES=1`` to rewrite the blocks with the real
output (then read the diff before committing it).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from engine.cli import main

from .conftest import RULES

_COMMENT = re.compile(r"^<!--\s*(file|copy-rules|edit|output):\s*(.*?)\s*-->$")
DIGEST = re.compile(r'("rules_digest": )"sha256:[0-9a-f]{64}"')
UPDATE = "UPDATE_DOC_EXAMPLES"


@dataclass
class Block:
    """A fenced block: its language, text, and the document lines of its fences (1-based)."""

    lang: str
    text: str
    start: int
    end: int


@dataclass
class Event:
    """One directive, in document order, with the block it applies to (None for copy-rules and edit)."""

    kind: str
    argument: str
    line: int
    block: Block | None = None
    nth: int = 0  # how many earlier directives of the document are the same (kind and argument)


def blocks(text: str) -> list[Block]:
    """Every fenced block of a Markdown text."""
    found = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            found.append(Block(lines[i][3:].strip(), "\n".join(lines[i + 1 : j]) + "\n", i + 1, j + 1))
            i = j
        i += 1
    return found


def events(text: str) -> list[Event]:
    """The directives of a document, each with its block where it takes one."""
    found: list[Event] = []
    fenced = {b.start: b for b in blocks(text)}
    pending: list[Event] = []
    inside_until = 0
    for number, line in enumerate(text.split("\n"), 1):
        if number <= inside_until:
            continue
        if number in fenced:
            block = fenced[number]
            inside_until = block.end
            for event in pending:
                event.block = block
            pending = []
            continue
        match = _COMMENT.match(line.strip())
        if match:
            event = Event(match.group(1), match.group(2), number)
            event.nth = sum(e.kind == event.kind and e.argument == event.argument for e in found)
            found.append(event)
            if event.kind in ("file", "output"):
                pending.append(event)
        elif line.strip() and pending:
            first = pending[0]
            raise AssertionError(f"line {first.line}: a '{first.kind}' comment must stand just before a block")
    assert not pending, f"line {pending[0].line}: '{pending[0].kind}' is not followed by a block"
    return found


def build(document: list[Event], upto: Event, folder: Path) -> Path:
    """The work folder as it stands just before ``upto``: the shipped rules and every earlier file and edit."""
    shutil.copytree(RULES, folder / "rules")
    for event in document:
        if event is upto:
            break
        if event.kind == "file":
            assert event.block is not None
            target = folder / event.argument
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(event.block.text, encoding="utf-8")
        elif event.kind == "copy-rules":
            shutil.copytree(RULES, folder / event.argument)
        elif event.kind == "edit":
            path, old, arrow, new = shlex.split(event.argument)
            assert arrow == "->", f'line {event.line}: write edit: PATH "OLD" -> "NEW"'
            target = folder / path
            content = target.read_text(encoding="utf-8")
            assert content.count(old) == 1, f"line {event.line}: '{old}' is not once in {path}"
            target.write_text(content.replace(old, new), encoding="utf-8")
    return folder


def _pointer(document: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def run(event: Event, folder: Path, monkeypatch: Any) -> tuple[str, int]:
    """What the block of an ``output`` event should hold, and the command's exit code."""
    command, *parts = [p.strip() for p in event.argument.split(";")]
    words = shlex.split(command)
    assert words[0] == "subsidie", f"line {event.line}: only subsidie commands can be run"
    stdin = None
    if len(words) > 2 and words[-2] == "<":
        stdin = (folder / words[-1]).read_text(encoding="utf-8")
        words = words[:-2]
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
    result = runner.invoke(main, words[1:], input=stdin, catch_exceptions=False)
    assert event.block is not None
    options = dict(p.split(None, 1) for p in parts)
    assert set(options) <= {"select", "show", "exit"}, f"line {event.line}: unknown part in {parts}"
    if "show" in options:
        shown = (folder / options["show"]).read_text(encoding="utf-8")
    elif event.block.lang == "json":
        shown = result.stdout
        if "select" in options:
            part = _pointer(json.loads(shown), options["select"])
            shown = json.dumps(part, ensure_ascii=False, indent=2) + "\n"
    else:
        shown = result.output
    if "exit" in options:
        assert result.exit_code == int(options["exit"]), (
            f"line {event.line}: exit {result.exit_code}, expected {options['exit']}\n{result.output}"
        )
    return shown, result.exit_code


def same(documented: str, actual: str) -> bool:
    """Equal texts, reading any rule digest as any other."""

    def mask(text: str) -> str:
        return DIGEST.sub(r'\1"sha256:…"', text).rstrip("\n")

    return mask(documented) == mask(actual)


def rewrite(path: Path, event: Event, text: str) -> None:
    """Put ``text`` into the document as the content of the block of ``event`` (found again by its directive)."""
    content = path.read_text(encoding="utf-8")
    current = [e for e in events(content) if e.kind == event.kind and e.argument == event.argument][event.nth]
    assert current.block is not None
    lines = content.split("\n")
    lines[current.block.start : current.block.end - 1] = text.rstrip("\n").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def check_output(path: Path, document: list[Event], event: Event, tmp_path: Path, monkeypatch: Any) -> None:
    """The block of an ``output`` event (one of ``document``, the events of ``path``) holds what the
    command gives, or is rewritten with it."""
    folder = build(document, event, tmp_path / "work")
    actual, _ = run(event, folder, monkeypatch)
    assert event.block is not None
    if os.environ.get(UPDATE):
        rewrite(path, event, actual)
        return
    assert same(event.block.text, actual), (
        f"{path.name} line {event.block.start}: '{event.argument}' gives:\n{actual}\n"
        f"(set {UPDATE}=1 to rewrite the block, then read the diff)"
    )


def event_id(event: Event) -> str:
    return f"line{event.line}"
