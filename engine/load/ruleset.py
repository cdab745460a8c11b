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

import os
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, Diagnostic, RuleLoadError, diagnostic_at, has_errors, phrase
from ..files import NotAPlainFile, open_plain
from ..model import RuleSet
from ..resources import display_path, outside_of
from .builder import Builder
from .checks import run_checks
from .hashing import sha256
from .measure_builder import build_measures
from .yaml_loader import MAX_BYTES, Document


def rule_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The measure files and the facts files of a rule-set folder, sorted."""
    measures = sorted(p for p in root.glob("*.yaml") if not p.name.endswith(".cases.yaml"))
    facts = sorted(p for p in (root / "facts").glob("*.yaml") if not p.name.endswith(".cases.yaml"))
    return measures, facts


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
    return _scan(root)[0]


def _scan(root: Path) -> tuple[str, bool]:
    """The :func:`digest` of a rule-set folder, and True when every rule file is a plain file inside it
    (what the rules cache may serve): both from one pass that opens each file once."""
    measures, facts = rule_files(root)
    is_outside = outside_of(root)
    hasher = sha256()
    plain = True
    for name, path in [(p.name, p) for p in measures] + [(f"facts/{p.name}", p) for p in facts]:
        hasher.update(name.encode() + b"\0")  # the path in the folder: rule_files globs root/*.yaml, root/facts/*.yaml
        if is_outside(path):
            hasher.update(b"\0link-outside\0")
            plain = False
            continue
        try:
            with open_plain(path) as handle:  # in pieces: a rule file from a pull request may be any size
                left = MAX_BYTES + 1
                while left > 0 and (piece := handle.read(min(left, 1 << 20))):
                    hasher.update(piece)
                    left -= len(piece)
        except (NotAPlainFile, OSError) as exc:
            hasher.update(b"\0" + type(exc).__name__.encode() + b"\0")
            plain = False
        hasher.update(b"\0")
    return "sha256:" + hasher.hexdigest(), plain


def _check(
    root: Path, cached: dict[str, Any] | None = None
) -> tuple[RuleSet | None, list[Diagnostic], list[Document], list[Document], Builder]:
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
        shown = {rel: display_path(root / rel) for rel, _ in cached["facts"] + cached["measures"]}
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
    from . import cache  # here, not at the top: 'validate' and --help never read the cache

    root = Path(root)
    if not root.is_dir():
        return check_rules(root)
    current, plain = _scan(root)
    if not plain:  # a link out of the folder, a FIFO, an unreadable file...: reported as always, never cached
        return check_rules(root)
    cached = cache.read(current)
    if cached is not None:
        rules, diagnostics, _, _, _ = _check(root, cached)
        if rules is not None:
            return rules, diagnostics
    rules, diagnostics, fact_docs, measure_docs, builder = _check(root)
    if rules is not None and rules.digest == current:

        def relative(name: str) -> str:
            return Path(os.path.relpath(Path(name).resolve(), root.resolve())).as_posix()

        cache.write(
            current,
            {
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
