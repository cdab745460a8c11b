"""Loading a rule set: a folder of files to a checked, compiled :class:`RuleSet`, from the cache when it can.

A rule set is a folder: one measure per ``*.yaml`` file at its top (file stem =
measure id), shared facts, parameters and conditions in ``facts/*.yaml``, and test
cases in ``*.cases.yaml`` files anywhere in it. Loading reports every problem of
every file as a :class:`Diagnostic`, compiles every expression once
(:mod:`engine.load.builder`) and runs the rule checks (:mod:`engine.load.checks`); commands
that only evaluate reuse the validated data of an unchanged rule set (:mod:`engine.load.cache`), whose
expressions compile on their first use.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ..diagnostics import ERROR, Diagnostic, RuleLoadError, diagnostic_at, has_errors, phrase
from ..files import NotAPlainFile, open_plain
from ..model import RuleSet
from ..resources import display_path, outside_of
from .builder import Builder
from .checks import run_checks
from .hashing import blake2b, sha256
from .measure_builder import build_measures
from .yaml_loader import MAX_BYTES, Document


class Hasher(Protocol):
    """What :func:`_scan` needs of a hash object (``_sha256.sha256``, ``_blake2.blake2b``)."""

    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


def rule_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The measure files and the facts files of a rule-set folder, sorted."""
    measures, facts = _listing(root)
    return [path for _, path, _ in measures], [path for _, path, _ in facts]


def _listing(root: Path) -> tuple[list[tuple[str, Path, bool]], list[tuple[str, Path, bool]]]:
    """The ``*.yaml`` files (not ``*.cases.yaml``) at the top of ``root`` and in ``root/facts``, sorted by name,
    each as (its path in the folder, its path, True when a link may lead it out of the folder: it or the facts
    folder is a link). Every name a glob of ``*.yaml`` finds is here, whatever it is (a link, a folder, a FIFO)."""

    def entries(folder: Path, prefix: str, linked: bool) -> list[tuple[str, Path, bool]]:
        found = []
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    name = entry.name
                    if name.endswith(".yaml") and not name.endswith(".cases.yaml"):
                        found.append((prefix + name, folder / name, linked or _is_link(entry)))
        except OSError:  # no facts folder, or not a folder
            return []
        return sorted(found, key=lambda item: item[0])

    facts = root / "facts"
    return entries(root, "", False), entries(facts, "facts/", os.path.islink(facts))


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True


def case_files(root: Path) -> list[Path]:
    """Every ``*.cases.yaml`` file under a rule-set folder, sorted (a link to a file outside it is one too:
    :func:`engine.cases.rule_cases.load_cases` refuses it)."""
    return sorted(root.rglob("*.cases.yaml"))


def digest(root: Path) -> str:
    """A sha256 over the rule files' names and bytes: it changes whenever a rule changes.

    Only plain files inside the folder are read, and at most one byte more than a rule file may
    hold: a name that is a link out of the folder, a folder, a FIFO or a device (``/dev/zero``) is
    hashed by its name alone, and loading the rules reports it.
    """
    return "sha256:" + _scan(root, sha256)[0][0]


def fingerprint(root: Path) -> str:
    """What :func:`digest` is with BLAKE2b for SHA-256: the rules cache's key over the rule files (fewer
    instructions a byte; :mod:`engine.load.hashing`)."""
    return _fingerprint(root)[0]


def _fingerprint(root: Path) -> tuple[str, bool]:
    (found,), plain = _scan(root, _blake2b)
    return "blake2b:" + found, plain


def _blake2b() -> Hasher:
    return blake2b(digest_size=32)


def _scan(root: Path, *hashers: Callable[[], Hasher]) -> tuple[list[str], bool]:
    """The hex digests over the rule files' names and bytes with each of ``hashers``, and True when every rule
    file is a plain file inside the folder (what the rules cache may serve): from one pass that opens each file
    once, and follows a file's links only when it or the facts folder is a link."""
    measures, facts = _listing(root)
    is_outside: Callable[[Path], bool] | None = None
    started = [make() for make in hashers]

    def update(data: bytes) -> None:
        for hasher in started:
            hasher.update(data)

    plain = True
    for name, path, maybe_link in measures + facts:
        update(name.encode() + b"\0")  # the path in the folder: rule files are root/*.yaml, root/facts/*.yaml
        if maybe_link and is_outside is None:
            is_outside = outside_of(root)  # the folder resolved once, and only when a file may be a link
        if maybe_link and is_outside is not None and is_outside(path):
            update(b"\0link-outside\0")
            plain = False
            continue
        try:
            with open_plain(path) as handle:  # in pieces: a rule file from a pull request may be any size
                left = MAX_BYTES + 1
                while left > 0 and (piece := handle.read(min(left, 1 << 20))):
                    update(piece)
                    left -= len(piece)
        except (NotAPlainFile, OSError) as exc:
            update(b"\0" + type(exc).__name__.encode() + b"\0")
            plain = False
        update(b"\0")
    return [hasher.hexdigest() for hasher in started], plain


def _check(
    root: Path, cached: dict[str, Any] | None = None
) -> tuple[RuleSet | None, list[Diagnostic], list[Document], list[Document], Builder]:
    """:func:`_read` with the garbage collector's passes paused. Reading a rule set makes some hundred thousand
    objects (YAML nodes, values, compiled expressions) that nearly all live on, and the collector's passes over
    them cost some 0.3 s of the 1.8 s of CPU of ``diff`` between two rule sets of 4,500 conditions; the garbage
    left by the pause is bounded by the rule set's bounded size, and the collector runs again as soon as the rule
    set is read."""
    with _collector_paused():
        return _read(root, cached)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector's passes paused (see :func:`_check`), and enabled again after if they were before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(
    root: Path, cached: dict[str, Any] | None = None
) -> tuple[RuleSet | None, list[Diagnostic], list[Document], list[Document], Builder]:
    """The rule set in ``root`` (None when it has errors), its diagnostics, its documents and its builder; from
    the validated data of the rules cache when ``cached`` holds it."""
    if cached is None:
        builder = Builder(root)
        measure_paths, fact_paths = rule_files(root)
        if not measure_paths:
            builder.diagnostics.append(
                diagnostic_at(str(root), 1, 1, ERROR, "no-rules", phrase("diagnostics.no-measure-files", folder=root))
            )
        fact_docs = builder.load(fact_paths, "facts")
        measure_docs = builder.load(measure_paths, "measure")
    else:  # validated data from the cache: no YAML parsing, no schema validation
        shown = _display_paths(root, [rel for rel, _ in cached["facts"] + cached["measures"]])
        fact_docs = [Document(shown[rel], data, "") for rel, data in cached["facts"]]
        measure_docs = [Document(shown[rel], data, "") for rel, data in cached["measures"]]
        # the names each expression reads, by file and path: the expressions compile on their first use
        known = {shown[rel]: dict(names) for rel, names in cached.get("expressions", ()) if rel in shown}
        builder = Builder(root, trusted=True, known=known)
    facts, parameters, shared, fact_symbols = builder.facts(fact_docs)
    measures = build_measures(builder, measure_docs, parameters, fact_symbols.facts, shared)
    if cached is None:  # a cached rule set passed every check with this very code (the cache key covers it)
        builder.diagnostics.extend(run_checks(builder.parts))
    diagnostics = sorted(set(builder.diagnostics))
    if has_errors(diagnostics):
        return None, diagnostics, fact_docs, measure_docs, builder
    rules = RuleSet(
        dict(sorted(measures.items())),
        facts,
        parameters,
        shared,
        cached["digest"] if cached else digest(root),
        str(root),
        builder.facts_files,
    )
    return rules, diagnostics, fact_docs, measure_docs, builder


def _display_paths(root: Path, names: list[str]) -> dict[str, str]:
    """:func:`~engine.resources.display_path` of each file ``root/name``, with the folder and the current folder
    resolved once: a name that is a link (or in a facts folder that is one) is resolved as display_path does."""
    try:
        resolved, here = root.resolve(), Path.cwd()
    except (OSError, RuntimeError):
        return {name: display_path(root / name) for name in names}
    linked_facts = os.path.islink(root / "facts")
    shown = {}
    for name in names:
        parts = name.split("/")
        plain = parts[-1] not in ("", ".", "..") and (
            len(parts) == 1 or (len(parts) == 2 and parts[0] == "facts" and not linked_facts)
        )
        if not plain or os.path.islink(resolved / name):
            shown[name] = display_path(root / name)
            continue
        try:
            shown[name] = str((resolved / name).relative_to(here))
        except ValueError:
            shown[name] = str(root / name)
    return shown


def check_rules(root: str | Path) -> tuple[RuleSet | None, list[Diagnostic]]:
    """Load and check a rule-set folder, reading every file (no cache).

    Returns:
        The rule set (None when it has errors) and every diagnostic found.
    """
    root = Path(root)
    if not root.is_dir():
        return None, [
            diagnostic_at(str(root), 1, 1, ERROR, "no-rules", phrase("diagnostics.not-a-rule-folder", folder=root))
        ]
    rules, diagnostics, _, _, _ = _check(root)
    return rules, diagnostics


def load_rules_cached(root: str | Path) -> tuple[RuleSet | None, list[Diagnostic]]:
    """Like :func:`check_rules`, but reuse the validated data of an unchanged rule set (see engine.load.cache).

    A rule set read from the cache loaded without errors before, with the same engine code, so the rule
    checks (:mod:`engine.load.checks`) are not run again: its diagnostics then hold no warnings. Commands
    that evaluate show only errors; ``subsidie validate`` reads every file and reports everything."""
    with _collector_paused():  # as in _check: the rule set read is stored in the cache before the collector looks
        return _load_rules_cached(Path(root))


def _load_rules_cached(root: Path) -> tuple[RuleSet | None, list[Diagnostic]]:
    from . import cache  # here, not at the top: 'validate' and --help never read the cache

    if not root.is_dir():
        return check_rules(root)
    current, plain = _fingerprint(root)
    if not plain:  # a link out of the folder, a FIFO, an unreadable file...: reported as always, never cached
        return check_rules(root)
    cached = cache.read(current)
    if cached is not None:
        rules, diagnostics, _, _, _ = _check(root, cached)
        if rules is not None:
            return rules, diagnostics
    rules, diagnostics, fact_docs, measure_docs, builder = _check(root)
    # stored only when the files hashed now are those hashed before they were read and their digest worked out
    if rules is not None and _scan(root, sha256, _blake2b)[0] == [rules.digest[7:], current[8:]]:

        def relative(name: str) -> str:
            return Path(os.path.relpath(Path(name).resolve(), root.resolve())).as_posix()

        cache.write(
            current,
            {
                "digest": rules.digest,
                "facts": [(relative(d.name), d.data) for d in fact_docs],
                "measures": [(relative(d.name), d.data) for d in measure_docs],
                "expressions": [(relative(name), list(names.items())) for name, names in builder.names.items()],
            },
        )
    return rules, diagnostics


def load_rules(root: str | Path) -> RuleSet:
    """Load a rule set, raising :class:`RuleLoadError` when it has errors."""
    rules, diagnostics = check_rules(root)
    if rules is None:
        raise RuleLoadError([d for d in diagnostics if d.severity == ERROR])
    return rules
