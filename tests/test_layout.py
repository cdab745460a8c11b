"""The shape of engine/ stays readable: packages without import cycles, no private name reached across
modules, no module over 500 lines, a docstring on every module, and exits only in the CLI's entry point.

See docs/architecture.md for the layout these checks keep.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

ENGINE = ROOT / "engine"
MAX_LINES = 500


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the engine by dotted name, with its file and whether it is a package."""
    modules = {}
    for path in sorted(ENGINE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if package else parts)] = (path, package)
    return modules


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, (path, _) in MODULES.items()}


def _imports(name: str) -> list[tuple[str, str]]:
    """(module imported, name imported) for each name of each ``from engine... import`` in a module,
    at the top or inside a function alike; a name that is a module itself counts as that module."""
    _, package = MODULES[name]
    found = []
    for node in ast.walk(TREES[name]):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = name.split(".") if package else name.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        elif node.module and node.module.split(".")[0] == "engine":
            target = node.module
        else:
            continue
        for alias in node.names:
            whole = f"{target}.{alias.name}"
            found.append((whole if whole in MODULES else target, alias.name))
    return found


def _cycles() -> list[list[str]]:
    """The groups of modules that import each other, directly or round about (Tarjan's algorithm)."""
    graph = {name: sorted({target for target, _ in _imports(name) if target in MODULES}) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    work.append((target, iter(graph[target])))
                    break
                if target in stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def test_no_import_cycle_even_through_imports_inside_functions():
    assert _cycles() == []


def test_a_cycle_would_be_found():
    """The cycle finder itself: two modules that import each other are one group."""
    saved = dict(MODULES), dict(TREES)
    try:
        for name, other in (("engine.fake_a", "fake_b"), ("engine.fake_b", "fake_a")):
            MODULES[name] = (ENGINE / "fake.py", False)
            TREES[name] = ast.parse(f"from .{other} import thing\n")
        assert _cycles() == [["engine.fake_a", "engine.fake_b"]]
    finally:
        MODULES.clear()
        MODULES.update(saved[0])
        TREES.clear()
        TREES.update(saved[1])


def test_no_private_name_is_imported_from_another_module():
    private = [
        (name, target, imported)
        for name in MODULES
        for target, imported in _imports(name)
        if imported.startswith("_") and not imported.startswith("__")
    ]
    assert private == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_says_what_it_is_for_and_stays_short(name: str):
    path, _ = MODULES[name]
    assert ast.get_docstring(TREES[name]), f"{path} has no module docstring"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_only_the_entry_point_ends_the_process():
    """Commands return exit codes; the process ends in one place, engine/cli/app.py."""
    exits = sorted(
        f"{name}:{node.lineno}"
        for name, tree in TREES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("exit", "_exit")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("sys", "os", "ctx")
    )
    assert [e.split(":")[0] for e in exits] == ["engine.cli.app", "engine.cli.app"]
